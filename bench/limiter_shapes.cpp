// bench_limiter_shapes: how much of a server's rate the SDK gets whatever shape its limiter
// has, told half that rate, the rate itself, or twice it.
//
// Servers: the mock's three limiter shapes at 1200 requests per 60 s (a sliding log, fixed
// windows, and a token bucket of 20 per second that takes 5 at once), and a real nginx
// `limit_req` at 20 r/s with `burst=5 nodelay` in front of an unlimited mock (skipped, saying
// so, when nginx is not installed). Each run: a fresh server, eight workers (an export's
// parallel window) sending --requests `GET /api/v1/me` calls through one client whose budget
// was told 600, 1200 or 2400 per minute. The SDK's pacing, burst learning and retries do the
// rest. Prints a markdown table (see bench/README.md for the columns).
//
//   bench_limiter_shapes
//   bench_limiter_shapes --requests 1200 --only bucket
#include <talentray/client.hpp>
#include <talentray/log.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/me.hpp>
#include <talentray/nginx/limit_req_proxy.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;
namespace nginx = talentray::nginx;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr double server_per_second = 20;
constexpr std::uint32_t server_per_minute = 1200;
constexpr int workers = 8;

enum class server_kind { sliding, fixed, bucket, nginx };

const char* name_of(server_kind kind) {
    switch (kind) {
    case server_kind::sliding: return "mock sliding 1200/60s";
    case server_kind::fixed: return "mock fixed 1200/60s";
    case server_kind::bucket: return "mock bucket 20/s, 5 at once";
    case server_kind::nginx: return "nginx limit_req 20r/s burst=5";
    }
    return "";
}

struct tally {
    std::size_t left = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::string first_failure;
};

/// 429s the client saw, and how many of them came after its first second.
struct refusal_log {
    clock_type::time_point started;
    std::uint64_t all = 0;
    std::uint64_t after_first_second = 0;
};

asio::awaitable<void> worker(const tr::client* caller, std::shared_ptr<tally> t) {
    while (t->left > 0) {
        --t->left;
        auto outcome = co_await caller->try_me();
        if (outcome) {
            ++t->succeeded;
        } else {
            ++t->failed;
            if (t->first_failure.empty()) t->first_failure = outcome.error().diag.to_string();
        }
    }
}

struct run_result {
    tally calls;
    double seconds = 0;
    refusal_log refusals;
    tr::scheduler_counters counters;
};

run_result run_one(server_kind kind, std::uint32_t told_per_minute, std::size_t requests) {
    mock::server_options server_options;
    server_options.candidates = 10;
    server_options.tls = false;  // the same transport for the mock and nginx
    if (kind == server_kind::nginx) {
        server_options.limit.requests = 0;
    } else {
        server_options.limit.requests = server_per_minute;
        server_options.limit.window = std::chrono::seconds{60};
        server_options.limit.shape = kind == server_kind::sliding ? mock::limit_shape::sliding
                                     : kind == server_kind::fixed ? mock::limit_shape::fixed
                                                                  : mock::limit_shape::bucket;
        server_options.limit.burst = 5;
    }
    mock::server server{server_options};
    std::optional<nginx::limit_req_proxy> proxy;
    if (kind == server_kind::nginx) {
        nginx::limit_req_options limiter;
        limiter.upstream_port = server.port();
        proxy.emplace(limiter);
    }

    auto refusals = std::make_shared<refusal_log>();
    asio::io_context io;
    tr::client_options options;
    options.base_url = proxy ? proxy->base_url() : server.base_url();
    options.api_key = tr::secret{server.keys().employer.key};
    options.pool.max_connections = workers;
    // The debug line of every attempt says its status: count the 429s as they happen.
    options.logger = [refusals](tr::log_level level, std::string_view message) {
        if (level != tr::log_level::debug || message.find(" -> 429 ") == std::string_view::npos) return;
        ++refusals->all;
        if (clock_type::now() - refusals->started >= std::chrono::seconds{1}) ++refusals->after_first_second;
    };
    tr::scheduler_options scheduler;
    scheduler.requests_per_window = told_per_minute;
    scheduler.window = std::chrono::seconds{60};
    scheduler.max_in_flight = workers;
    options.budget = std::make_shared<tr::rate_budget>(scheduler);
    const tr::client caller{io.get_executor(), std::move(options)};

    auto t = std::make_shared<tally>();
    t->left = requests;
    refusals->started = clock_type::now();
    for (int i = 0; i < workers; ++i)
        asio::co_spawn(io, worker(&caller, t), [](std::exception_ptr failure) {
            if (failure) std::rethrow_exception(failure);
        });
    io.run();
    run_result r;
    r.seconds = std::chrono::duration<double>(clock_type::now() - refusals->started).count();
    r.calls = *t;
    r.refusals = *refusals;
    r.counters = caller.counters().scheduler;
    return r;
}

std::string belief(const tr::scheduler_counters& c) {
    char text[160];
    std::snprintf(text, sizeof text, "%.0f/min (%s), burst %u (%s)", c.current_rate_per_minute, tr::to_string(c.rate_cause),
                  c.burst, tr::to_string(c.burst_cause));
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t requests = 600;
    std::string only;
    CLI::App app{"Runs the SDK against limiters of every shape and prints a markdown table."};
    app.add_option("--requests", requests, "calls per run")->check(CLI::Range(std::size_t{10}, std::size_t{100'000}));
    app.add_option("--only", only, "one server: sliding, fixed, bucket or nginx")
        ->check(CLI::IsMember({"sliding", "fixed", "bucket", "nginx"}));
    CLI11_PARSE(app, argc, argv);

    std::printf("%zu calls per run, %d workers, plain HTTP on 127.0.0.1. Allowed = the lower of the told rate and "
                "the server's 20/s; efficiency = achieved / allowed (a window limiter lets a run shorter than its "
                "window go faster than 20/s).\n\n",
                requests, workers);
    std::printf("| server | told | wall time (s) | achieved/s | efficiency | 429s | 429s per 100 | 429s after 1 s | "
                "what the budget believes at the end |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    std::fflush(stdout);

    int status = 0;
    const bool nginx_present = nginx::find_nginx().has_value();
    for (const server_kind kind : {server_kind::sliding, server_kind::fixed, server_kind::bucket, server_kind::nginx}) {
        static const char* const keys[] = {"sliding", "fixed", "bucket", "nginx"};
        if (!only.empty() && only != keys[static_cast<int>(kind)]) continue;
        if (kind == server_kind::nginx && !nginx_present) {
            std::printf("| %s | skipped: nginx is not installed (scripts/install-deps.sh) | | | | | | | |\n", name_of(kind));
            continue;
        }
        for (const std::uint32_t told : {server_per_minute / 2, server_per_minute, server_per_minute * 2}) {
            const run_result r = run_one(kind, told, requests);
            const double achieved = double(r.calls.succeeded) / r.seconds;
            const double allowed = std::min(double(told) / 60, server_per_second);
            const double sent = double(r.calls.succeeded + r.refusals.all);
            std::printf("| %s | %u/min | %.2f | %.2f | %.3f | %llu | %.1f | %llu | %s |\n", name_of(kind), told, r.seconds,
                        achieved, achieved / allowed, static_cast<unsigned long long>(r.refusals.all),
                        100.0 * double(r.refusals.all) / sent,
                        static_cast<unsigned long long>(r.refusals.after_first_second), belief(r.counters).c_str());
            std::fflush(stdout);
            if (r.calls.failed != 0) {
                std::fprintf(stderr, "%s told %u/min: %zu calls failed, first: %s\n", name_of(kind), told, r.calls.failed,
                             r.calls.first_failure.c_str());
                status = 1;
            }
        }
    }
    return status;
}
