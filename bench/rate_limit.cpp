// bench_rate_limit: how much of a key's rate limit a bulk workload gets, and at what cost in 429s.
//
// Each run starts a fresh in-process mock (TLS on 127.0.0.1) limiting the employer key to
// --limit requests per --window seconds (default 60 per 6 s: the documented 600 per minute,
// scaled down ten times), then sends --requests `GET /api/v1/me` calls from --concurrency
// workers, each sending its next call when the previous one finished. Three clients:
//   (a) the SDK told the real limit;
//   (b) the SDK told twice the real limit (it must find the real one from 429s);
//   (c) a naive client doing what the documentation says, literally: raw try_send with the
//       SDK's retries and pacing turned off; on a 429 it sleeps Retry-After and sends again.
// It prints a markdown table (see bench/README.md for the columns).
//
//   bench_rate_limit
//   bench_rate_limit --limit 600 --window 60 --requests 1500 --concurrency 32
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/request.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

namespace {

struct workload {
    std::uint32_t limit = 60;
    std::uint32_t window_seconds = 6;
    std::size_t requests = 300;
    std::uint32_t concurrency = 16;
    std::uint32_t burst = 0;  // 0: the SDK's default, which follows the limit (tr::burst_for)
};

enum class client_kind { knows_limit, twice_limit, naive };

/// What the workers share: how many calls were handed out and how they ended.
struct progress {
    std::size_t total = 0;
    std::size_t issued = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::uint64_t naive_resends = 0;
    std::string first_failure;
};

struct run_result {
    std::string label;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    double seconds = 0;
    std::uint64_t rate_limited = 0;  // 429s the server sent
    std::uint64_t retries = 0;       // attempts sent again, by the SDK or by the naive loop
    std::string first_failure;
};

/// The burst the SDK uses when told `limit` per window: `--burst`, or its default.
std::uint32_t burst_told(std::uint32_t limit, const workload& w) {
    tr::scheduler_options options;
    options.requests_per_window = limit;
    if (w.burst != 0) options.burst = std::min(w.burst, limit - 1);
    return tr::burst_for(options);
}

tr::request_spec me_request() {
    tr::request_spec spec;
    spec.method = tr::http_method::get;
    spec.path = "/api/v1/me";
    spec.priority = tr::priority::bulk;
    return spec;
}

void record_failure(progress& p, const tr::error_info& failure) {
    ++p.failed;
    if (p.first_failure.empty()) p.first_failure = failure.diag.to_string();
}

/// Sends calls until the workload is handed out; the SDK does the pacing and the retries.
asio::awaitable<void> sdk_worker(const tr::client* caller, std::shared_ptr<progress> p) {
    while (p->issued < p->total) {
        ++p->issued;
        tr::request_spec spec = me_request();
        auto outcome = co_await caller->try_send(std::move(spec));
        if (outcome)
            ++p->succeeded;
        else
            record_failure(*p, outcome.error());
    }
}

/// The documented recipe, literally: on 429, wait Retry-After seconds, then send again.
asio::awaitable<void> naive_worker(const tr::client* caller, std::shared_ptr<progress> p) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    while (p->issued < p->total) {
        ++p->issued;
        for (;;) {
            tr::request_spec spec = me_request();
            auto outcome = co_await caller->try_send(std::move(spec));
            if (outcome) {
                ++p->succeeded;
                break;
            }
            if (outcome.error().code != tr::errc::rate_limited) {
                record_failure(*p, outcome.error());
                break;
            }
            ++p->naive_resends;
            timer.expires_after(outcome.error().diag.retry_after.value_or(std::chrono::seconds{1}));
            co_await timer.async_wait(asio::use_awaitable);
        }
    }
}

tr::client_options options_for(const mock::server& server, client_kind kind, const workload& w) {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    options.api_key = tr::secret{server.keys().employer.key};
    options.pool.max_connections = w.concurrency;

    tr::scheduler_options scheduler;
    scheduler.window = std::chrono::seconds{w.window_seconds};
    scheduler.max_in_flight = w.concurrency;
    switch (kind) {
    case client_kind::knows_limit:
        scheduler.requests_per_window = w.limit;
        scheduler.burst = burst_told(w.limit, w);
        break;
    case client_kind::twice_limit:
        scheduler.requests_per_window = 2 * w.limit;
        scheduler.burst = burst_told(2 * w.limit, w);
        break;
    case client_kind::naive:
        // No pacing at all: a bucket far above the limit, no adaptive decrease, and 429 pauses
        // cut to a millisecond; the worker's own sleep is the only reaction to a 429.
        scheduler.requests_per_window = 1'000'000;
        scheduler.burst = 999'999;
        scheduler.default_pause = std::chrono::milliseconds{1};
        scheduler.max_pause = std::chrono::milliseconds{1};
        scheduler.pause_jitter = 0;
        scheduler.rate_decrease_factor = 1.0;
        options.retry.max_attempts = 1;
        options.retry.max_rate_limited_attempts = 1;
        break;
    }
    options.budget = std::make_shared<tr::rate_budget>(scheduler);
    return options;
}

const char* label_of(client_kind kind) {
    switch (kind) {
    case client_kind::knows_limit: return "(a) SDK, knows the limit";
    case client_kind::twice_limit: return "(b) SDK, told twice the limit";
    case client_kind::naive: return "(c) naive: sleep Retry-After, resend";
    }
    return "";
}

void rethrow_failure(std::exception_ptr failure) {
    if (failure) std::rethrow_exception(failure);
}

run_result run_one(client_kind kind, const workload& w) {
    mock::server_options server_options;
    server_options.limit = {w.limit, std::chrono::seconds{w.window_seconds}};
    server_options.candidates = 100;
    mock::server server{server_options};

    asio::io_context io;
    const tr::client caller{io.get_executor(), options_for(server, kind, w)};
    auto p = std::make_shared<progress>();
    p->total = w.requests;

    const auto started = std::chrono::steady_clock::now();
    for (std::uint32_t i = 0; i < w.concurrency; ++i) {
        if (kind == client_kind::naive)
            asio::co_spawn(io, naive_worker(&caller, p), rethrow_failure);
        else
            asio::co_spawn(io, sdk_worker(&caller, p), rethrow_failure);
    }
    io.run();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;

    run_result r;
    r.label = label_of(kind);
    r.succeeded = p->succeeded;
    r.failed = p->failed;
    r.seconds = elapsed.count();
    r.rate_limited = server.stats().rate_limited;
    r.retries = kind == client_kind::naive ? p->naive_resends : caller.counters().scheduler.retries.total();
    r.first_failure = p->first_failure;
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    workload w;
    CLI::App app{"Runs a bulk workload against an in-process mock's rate limit and prints a markdown table."};
    app.add_option("--limit", w.limit, "requests the mock allows per window and key")->check(CLI::Range(2u, 1'000'000u));
    app.add_option("--window", w.window_seconds, "the mock's window, in seconds")->check(CLI::Range(1u, 3600u));
    app.add_option("--requests", w.requests, "calls in the workload")->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
    app.add_option("--concurrency", w.concurrency, "workers sending calls at once (also the in-flight cap)")
        ->check(CLI::Range(1u, 256u));
    app.add_option("--burst", w.burst, "the SDK's burst (default: the SDK's own, limit / 60 rounded, 1 to 10)");
    CLI11_PARSE(app, argc, argv);

    const double allowed_per_second = static_cast<double>(w.limit) / w.window_seconds;
    const double ideal_seconds = static_cast<double>(w.requests) / allowed_per_second;
    const double floor_seconds =
        w.requests > w.limit ? static_cast<double>(w.requests - w.limit) / allowed_per_second : 0.0;

    std::printf("Limit %u per %u s (%.2f/s), %zu requests, %u concurrent; SDK burst %u (twice: %u).\n"
                "Ideal time = requests / allowed rate = %.1f s; a sliding window admitting the first %u at once "
                "would allow %.1f s.\n\n",
                w.limit, w.window_seconds, allowed_per_second, w.requests, w.concurrency,
                burst_told(w.limit, w), burst_told(2 * w.limit, w),
                ideal_seconds, w.limit, floor_seconds);
    std::printf("| client | requests | wall time (s) | ideal time (s) | achieved/allowed | 429s | retries |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    std::fflush(stdout);

    int status = 0;
    for (const client_kind kind : {client_kind::knows_limit, client_kind::twice_limit, client_kind::naive}) {
        const run_result r = run_one(kind, w);
        std::printf("| %s | %zu | %.2f | %.2f | %.3f | %llu | %llu |\n", r.label.c_str(), r.succeeded, r.seconds,
                    ideal_seconds, ideal_seconds / r.seconds, static_cast<unsigned long long>(r.rate_limited),
                    static_cast<unsigned long long>(r.retries));
        std::fflush(stdout);
        if (r.failed != 0) {
            std::fprintf(stderr, "%s: %zu calls failed, first: %s\n", r.label.c_str(), r.failed,
                         r.first_failure.c_str());
            status = 1;
        }
    }
    return status;
}
