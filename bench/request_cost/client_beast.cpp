// bench_client_beast: the floor. The bench_request_cost workload over the least a Beast program
// needs: one ssl::stream<tcp::socket> per connection, a reused request, async_write, async_read
// into a string body, then the same JSON decoding as the others. No pool, no timeouts, no
// retries, no rate budget, no error decoding.
#include "response_decoding.hpp"
#include "load_plan.hpp"
#include "run_report.hpp"
#include "tls_description.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <exception>
#include <iostream>
#include <memory>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace bench = talentray::bench;
using asio::ip::tcp;

namespace {

struct connection {
    connection(asio::io_context& io, asio::ssl::context& tls) : stream(io, tls) {}
    asio::ssl::stream<tcp::socket> stream;
    beast::flat_buffer buffer;
    http::request<http::empty_body> request;
};

struct run_state {
    const bench::load_plan* plan;
    bench::run_report* report;
    std::vector<std::unique_ptr<connection>> connections;
    std::size_t next = 0;
    bench::bench_clock::time_point start{};
};

/// Request j on `conn`; returns the rows decoded.
asio::awaitable<std::size_t> send_one(connection* conn, const bench::load_plan& plan, std::size_t j) {
    conn->request.target(bench::request_target(plan, j));
    co_await http::async_write(conn->stream, conn->request, asio::use_awaitable);
    http::response<http::string_body> res;
    co_await http::async_read(conn->stream, conn->buffer, res, asio::use_awaitable);
    if (res.result() != http::status::ok)
        throw std::runtime_error("status " + std::to_string(res.result_int()));
    co_return bench::decode_response(plan.workload, res.body());
}

asio::awaitable<void> open_and_warm(run_state* state, connection* conn, std::size_t j) {
    const auto started = bench::bench_clock::now();
    try {
        const bench::load_plan& plan = *state->plan;
        tcp::resolver resolver{conn->stream.get_executor()};
        auto endpoints = co_await resolver.async_resolve(plan.host, std::to_string(plan.port), asio::use_awaitable);
        co_await asio::async_connect(conn->stream.next_layer(), endpoints, asio::use_awaitable);
        conn->stream.next_layer().set_option(tcp::no_delay{true});
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(conn->stream.native_handle()), plan.host.c_str());
        co_await conn->stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);

        conn->request.version(11);
        conn->request.method(http::verb::get);
        conn->request.set(http::field::host, plan.host + ":" + std::to_string(plan.port));
        conn->request.set(http::field::user_agent, "talentray-bench/beast");
        conn->request.set(http::field::accept, "application/json");
        conn->request.set(http::field::authorization, "Bearer " + plan.api_key);
        co_await send_one(conn, plan, j);
        state->report->connection_ready(bench::bench_clock::now() - started);
        if (j == 0) state->report->set_tls(bench::negotiated_tls(conn->stream.native_handle()));
    } catch (const std::exception& e) {
        state->report->record_failure(std::string("warm-up: ") + e.what());
    }
}

asio::awaitable<void> closed_loop_worker(run_state* state, connection* conn) {
    for (;;) {
        const std::size_t j = state->next++;
        if (j >= state->plan->requests) co_return;
        const auto scheduled = bench::bench_clock::now();
        try {
            const std::size_t rows = co_await send_one(conn, *state->plan, j);
            state->report->record(bench::bench_clock::now() - scheduled, rows);
        } catch (const std::exception& e) {
            state->report->record_failure(e.what());
            co_return;  // the floor has no recovery: a broken connection stays broken
        }
    }
}

asio::awaitable<void> open_loop_worker(run_state* state, connection* conn, std::size_t worker) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    for (std::size_t j = worker; j < state->plan->requests; j += state->plan->connections) {
        const auto due = bench::due_time(*state->plan, state->start, j);
        if (bench::bench_clock::now() < due) {
            timer.expires_at(due);
            co_await timer.async_wait(asio::use_awaitable);
        }
        try {
            const std::size_t rows = co_await send_one(conn, *state->plan, j);
            state->report->record(bench::bench_clock::now() - due, rows);
        } catch (const std::exception& e) {
            state->report->record_failure(e.what());
            co_return;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const bench::load_plan plan = bench::parse_plan(argc, argv, "beast");
    bench::run_report report{plan, "beast"};
    try {
        asio::io_context io{1};
        asio::ssl::context tls{asio::ssl::context::tls_client};
        tls.set_verify_mode(asio::ssl::verify_peer);
        tls.load_verify_file(plan.ca_file);
        SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_3_VERSION);
        SSL_CTX_set_max_proto_version(tls.native_handle(), TLS1_3_VERSION);
        SSL_CTX_set_ciphersuites(tls.native_handle(), plan.tls13_ciphersuite.c_str());

        run_state state{&plan, &report, {}};
        report.start_warmup();
        for (std::size_t c = 0; c < plan.connections; ++c) {
            state.connections.push_back(std::make_unique<connection>(io, tls));
            asio::co_spawn(io, open_and_warm(&state, state.connections.back().get(), c), asio::detached);
        }
        io.run();
        io.restart();

        state.start = report.start_steady();
        for (std::size_t c = 0; c < plan.connections; ++c) {
            connection* conn = state.connections[c].get();
            if (plan.open_loop())
                asio::co_spawn(io, open_loop_worker(&state, conn, c), asio::detached);
            else
                asio::co_spawn(io, closed_loop_worker(&state, conn), asio::detached);
        }
        io.run();
        report.finish_steady();
    } catch (const std::exception& e) {
        report.record_failure(e.what());
    }
    report.print(std::cout);
    return report.failed() ? 1 : 0;
}
