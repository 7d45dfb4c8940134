// bench_client_sdk: the bench_request_cost workload through this SDK's typed API
// (`candidates().get(id)` and `candidates().list_page(...)`), on one thread.
//
// The SDK has no option to pin a TLS suite; the driver pins it for all three clients through the
// OpenSSL configuration of their processes (OPENSSL_CONF), and this client reports the suites its
// process offers. The key's rate budget is set far above the load: the rate limit is measured by
// bench_rate_limit, this benchmark measures the cost of a request.
#include "load_plan.hpp"
#include "run_report.hpp"
#include "tls_description.hpp"

#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <iostream>
#include <memory>

namespace asio = boost::asio;
namespace tr = talentray;
namespace bench = talentray::bench;

namespace {

struct run_state {
    const tr::client* client;
    const bench::load_plan* plan;
    bench::run_report* report;
    std::size_t next = 0;  // closed loop: the next request to hand out
    bench::bench_clock::time_point start{};
};

/// Request j of the plan; returns the rows decoded.
asio::awaitable<std::size_t> send_one(const tr::client& client, const bench::load_plan& plan, std::size_t j) {
    if (plan.workload == bench::workload_kind::candidate) {
        std::string id = bench::candidate_id(plan, j);
        tr::candidate found = co_await client.candidates().get(std::move(id));
        co_return found.id.empty() ? 0 : 1;
    }
    tr::list_candidates_params params;
    params.page = bench::page_number(plan, j);
    params.page_size = bench::page_size;
    tr::offset_page<tr::candidate> page = co_await client.candidates().list_page(std::move(params));
    co_return page.data.size();
}

asio::awaitable<void> warm_one(run_state* state, std::size_t j) {
    const auto sent = bench::bench_clock::now();
    try {
        co_await send_one(*state->client, *state->plan, j);
        state->report->connection_ready(bench::bench_clock::now() - sent);
    } catch (const std::exception& e) {
        state->report->record_failure(std::string("warm-up: ") + e.what());
    }
}

asio::awaitable<void> closed_loop_worker(run_state* state) {
    for (;;) {
        const std::size_t j = state->next++;
        if (j >= state->plan->requests) co_return;
        const auto scheduled = bench::bench_clock::now();  // the moment this connection became free
        try {
            const std::size_t rows = co_await send_one(*state->client, *state->plan, j);
            state->report->record(bench::bench_clock::now() - scheduled, rows);
        } catch (const std::exception& e) {
            state->report->record_failure(e.what());
        }
    }
}

asio::awaitable<void> open_loop_worker(run_state* state, std::size_t worker) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    for (std::size_t j = worker; j < state->plan->requests; j += state->plan->connections) {
        const auto due = bench::due_time(*state->plan, state->start, j);
        if (bench::bench_clock::now() < due) {
            timer.expires_at(due);
            co_await timer.async_wait(asio::use_awaitable);
        }
        try {
            const std::size_t rows = co_await send_one(*state->client, *state->plan, j);
            state->report->record(bench::bench_clock::now() - due, rows);
        } catch (const std::exception& e) {
            state->report->record_failure(e.what());
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const bench::load_plan plan = bench::parse_plan(argc, argv, "sdk");
    bench::run_report report{plan, "sdk"};
    try {
        asio::io_context io{1};
        tr::client_options options;
        options.base_url = plan.base_url();
        options.api_key = tr::secret{plan.api_key};
        options.tls.ca_file = plan.ca_file;
        options.pool.max_connections = plan.connections;
        // The three clients compare identical identity responses (libcurl and Beast ask for no
        // coding); bench_gzip_page measures gzip responses.
        options.compression = false;
        tr::scheduler_options unlimited;
        unlimited.requests_per_window = 1'000'000'000;
        unlimited.burst = 100'000'000;
        unlimited.max_in_flight = static_cast<std::uint32_t>(plan.connections);
        options.budget = std::make_shared<tr::rate_budget>(unlimited);
        const tr::client client{io.get_executor(), std::move(options)};
        run_state state{&client, &plan, &report};

        report.start_warmup();
        for (std::size_t c = 0; c < plan.connections; ++c) asio::co_spawn(io, warm_one(&state, c), asio::detached);
        io.run();
        io.restart();

        state.start = report.start_steady();
        for (std::size_t c = 0; c < plan.connections; ++c) {
            if (plan.open_loop())
                asio::co_spawn(io, open_loop_worker(&state, c), asio::detached);
            else
                asio::co_spawn(io, closed_loop_worker(&state), asio::detached);
        }
        io.run();
        report.finish_steady();
        if (client.counters().pool.opened != plan.connections)
            report.record_failure("the pool opened " + std::to_string(client.counters().pool.opened) +
                                  " connections instead of " + std::to_string(plan.connections));
    } catch (const std::exception& e) {
        report.record_failure(e.what());
    }
    report.set_tls(bench::configured_tls13_suites());
    report.print(std::cout);
    return report.failed() ? 1 : 0;
}
