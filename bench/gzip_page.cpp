// bench_gzip_page: what gzip responses cost and save per 100-row candidate page.
//
// An in-process mock (TLS on 127.0.0.1, no rate limit) serves the same pages to the SDK with
// compression off and on. For each mode the program reports the bytes of one page's HTTP response
// (status line, header and body, as a raw request with or without `Accept-Encoding: gzip` reads
// them; TLS framing adds about 0.1 % to either), and, over `--pages` sequential `try_list_page`
// calls, the CPU time of the client's thread (the SDK: TLS, inflating, JSON parsing, decoding
// into `candidate`s) and of the mock's threads (compressing) per page. Each mode runs `--runs`
// times; the median is shown.
//
//   bench_gzip_page                       # 2,000 pages per run, 3 runs
//   bench_gzip_page --pages 500 --runs 5
#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <time.h>

namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace tr = talentray;

namespace {

constexpr int page_size = 100;

double cpu_seconds(clockid_t clock) {
    timespec now{};
    ::clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

/// Bytes of one page's HTTP response, read by a bare Beast client over plain HTTP.
std::size_t response_bytes(const tr::mock::server& server, const std::string& key, bool gzip) {
    asio::io_context io;
    asio::ip::tcp::socket socket{io};
    asio::ip::tcp::resolver resolver{io};
    asio::connect(socket, resolver.resolve("127.0.0.1", std::to_string(server.port())));
    http::request<http::empty_body> request{http::verb::get, "/api/v1/candidates?page=3&pageSize=100", 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, "Bearer " + key);
    if (gzip) request.set(http::field::accept_encoding, "gzip");
    http::write(socket, request);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    const std::size_t bytes = http::read(socket, buffer, response);
    const bool encoded = response[http::field::content_encoding] == "gzip";
    if (response.result() != http::status::ok || encoded != gzip) throw std::runtime_error("unexpected page response");
    return bytes;
}

struct run_result {
    double client_cpu_us = 0;  ///< per page
    double server_cpu_us = 0;  ///< per page
    double pages_per_s = 0;
};

/// Reads `pages` full pages, cycling over the first `*full_pages` (0: learnt from page 0, as the
/// key sees only its organisation's candidates).
asio::awaitable<void> fetch_pages(tr::client& c, int pages, std::int64_t* full_pages) {
    for (int i = 0; i < pages; ++i) {
        tr::list_candidates_params params;
        params.page = *full_pages > 0 ? i % *full_pages : 0;
        params.page_size = page_size;
        auto page = co_await c.candidates().try_list_page(params);
        if (!page) throw tr::error(page.error());
        if (*full_pages == 0) *full_pages = page->pagination.total_count / page_size;
        if (*full_pages == 0 || page->data.size() != page_size) throw std::runtime_error("short page");
    }
}

run_result run_once(const tr::mock::server& server, bool compression, int pages) {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    options.api_key = tr::secret{server.keys().employer.key};
    options.compression = compression;
    tr::scheduler_options unlimited;  // measure the page, not the 600/min budget
    unlimited.requests_per_window = 100'000'000;
    unlimited.burst = 1'000'000;
    options.budget = std::make_shared<tr::rate_budget>(unlimited);

    asio::io_context io;
    tr::client c{io.get_executor(), std::move(options)};
    // One warm-up page: the connection and its TLS handshake are not what is measured.
    std::int64_t full_pages = 0;
    auto warm = asio::co_spawn(io, fetch_pages(c, 1, &full_pages), asio::use_future);
    io.run();
    warm.get();
    io.restart();

    const auto wall_started = std::chrono::steady_clock::now();
    const double thread_started = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
    const double process_started = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
    auto done = asio::co_spawn(io, fetch_pages(c, pages, &full_pages), asio::use_future);
    io.run();
    done.get();
    const double client = cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - thread_started;
    const double process = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - process_started;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_started).count();
    return {client / pages * 1e6, (process - client) / pages * 1e6, pages / wall};
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bench_gzip_page: bytes on the wire and CPU per 100-row page, gzip responses off and on"};
    int pages = 2000;
    int runs = 3;
    app.add_option("--pages", pages, "sequential pages per run")->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--runs", runs, "runs per mode (the median is shown)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    tr::mock::server_options options;
    options.limit = {0, std::chrono::milliseconds{0}};
    options.candidates = 10'000;
    tr::mock::server server{options};
    tr::mock::server_options plain_options = options;
    plain_options.tls = false;
    tr::mock::server plain_server{plain_options};  // same seed, same pages: for the raw byte count

    std::printf("Server: in-process talentray-mock, 1 thread, TLS on 127.0.0.1, 10,000 candidates (the key sees "
                "about half); %d sequential `try_list_page` calls of %d rows per run, %d run(s) per row (median "
                "shown).\n\n",
                pages, page_size, runs);
    std::printf("| responses | bytes of a page's HTTP response | client CPU µs / page | mock CPU µs / page "
                "| pages/s |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: |\n");
    for (const bool compression : {false, true}) {
        const std::size_t bytes = response_bytes(plain_server, plain_server.keys().employer.key, compression);
        std::vector<double> client, mock, rate;
        for (int i = 0; i < runs; ++i) {
            const run_result r = run_once(server, compression, pages);
            client.push_back(r.client_cpu_us);
            mock.push_back(r.server_cpu_us);
            rate.push_back(r.pages_per_s);
        }
        std::printf("| %s | %zu | %.0f | %.0f | %.0f |\n",
                    compression ? "gzip (compression = true)" : "identity (compression = false)", bytes,
                    median(client), median(mock), median(rate));
    }
    return 0;
}
