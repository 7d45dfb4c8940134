// talentray-mock-load: measures how many requests per second a talentray-mock server answers
// over HTTP/1.1 keep-alive. It starts an in-process plain-HTTP server (rate limit off, one
// server thread unless told otherwise), drives it from client threads that each hold one
// connection, and prints a table per request kind. Not a test: it measures, it asserts nothing.
//
//   talentray-mock-load [--seconds 5] [--connections 4] [--server-threads 1] [--candidates 1000000]
#include <talentray/mock/server.hpp>

#include <CLI/CLI.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace mock = talentray::mock;

namespace {

struct workload {
    const char* name;
    http::verb method;
    std::string target, body;
};

struct outcome {
    std::uint64_t requests = 0;
    std::uint64_t failures = 0;
    std::uint64_t response_bytes = 0;
};

// One client thread: one keep-alive connection, the same request over and over until `stop`.
outcome drive(std::uint16_t port, const workload& work, const std::string& key, const std::atomic<bool>& stop) {
    outcome result;
    asio::io_context io;
    beast::tcp_stream stream{io};
    stream.connect(asio::ip::tcp::endpoint{asio::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> request{work.method, work.target, 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, "Bearer " + key);
    if (!work.body.empty()) {
        request.set(http::field::content_type, "application/json");
        request.body() = work.body;
    }
    request.prepare_payload();
    beast::flat_buffer buffer;
    while (!stop.load(std::memory_order_relaxed)) {
        boost::system::error_code ec;
        http::write(stream, request, ec);
        http::response<http::string_body> response;
        if (!ec) http::read(stream, buffer, response, ec);
        if (ec) {
            ++result.failures;
            break;
        }
        ++result.requests;
        result.response_bytes += response.body().size();
        if (response.result_int() >= 400) ++result.failures;
    }
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"talentray-mock-load: keep-alive throughput of talentray-mock"};
    double seconds = 5;
    unsigned connections = 4;
    mock::server_options options;
    options.tls = false;
    options.limit.requests = 0;
    options.candidates = 1'000'000;
    app.add_option("--seconds", seconds, "duration of each workload")->capture_default_str();
    app.add_option("--connections", connections, "client threads, one connection each")->capture_default_str();
    app.add_option("--server-threads", options.threads, "server threads")->capture_default_str();
    app.add_option("--candidates", options.candidates, "generated candidates")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    mock::server server{options};
    const std::vector<workload> workloads{
        {"GET /api/v1/me", http::verb::get, "/api/v1/me", ""},
        {"GET /api/v1/candidates/{id}", http::verb::get, "/api/v1/candidates/cand_123456", ""},
        {"GET /api/v1/candidates (20)", http::verb::get, "/api/v1/candidates?page=7", ""},
        {"GET /api/v1/candidates (100)", http::verb::get, "/api/v1/candidates?page=7&pageSize=100", ""},
        {"PATCH /api/v1/roles/{id}", http::verb::patch, "/api/v1/roles/role_eng_be", R"({"priority":"high"})"},
    };

    std::printf("talentray-mock keep-alive throughput: %u connection(s), %u server thread(s), %.1f s per row\n\n",
                connections, options.threads, seconds);
    std::printf("%-32s %12s %12s %10s\n", "request", "requests/s", "KiB/s", "failures");
    for (const workload& work : workloads) {
        std::atomic<bool> stop{false};
        std::vector<outcome> outcomes(connections);
        std::vector<std::thread> clients;
        const auto started = std::chrono::steady_clock::now();
        for (unsigned i = 0; i < connections; ++i)
            clients.emplace_back([&, i] { outcomes[i] = drive(server.port(), work, server.keys().admin.key, stop); });
        std::this_thread::sleep_for(std::chrono::duration<double>{seconds});
        stop = true;
        for (std::thread& client : clients) client.join();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        outcome total;
        for (const outcome& o : outcomes) {
            total.requests += o.requests;
            total.failures += o.failures;
            total.response_bytes += o.response_bytes;
        }
        std::printf("%-32s %12.0f %12.0f %10llu\n", work.name, static_cast<double>(total.requests) / elapsed,
                    static_cast<double>(total.response_bytes) / 1024.0 / elapsed,
                    static_cast<unsigned long long>(total.failures));
    }
    return 0;
}
