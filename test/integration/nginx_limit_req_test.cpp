// The scheduler against a rate limiter nobody here wrote: nginx `limit_req` (a GCRA bucket of 20
// requests per second that takes 6 at once, answering 429 with `Retry-After: 1`) in front of the
// mock, per API key. Told half the server's rate, its rate, or twice it, a bulk workload of eight
// workers (an export's parallel window) must finish with few 429s, lowering the rate only when
// it really is too high. Skips, saying so, when nginx is not installed.
#include "run.hpp"
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/me.hpp>
#include <talentray/nginx/limit_req_proxy.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;
namespace nginx = talentray::nginx;

constexpr int workers = 8;

struct tally {
    std::size_t left = 0;
    std::size_t succeeded = 0;
    std::string first_failure;
};

asio::awaitable<void> worker(const tr::client* caller, std::shared_ptr<tally> t) {
    while (t->left > 0) {
        --t->left;
        auto outcome = co_await caller->try_me();
        if (outcome)
            ++t->succeeded;
        else if (t->first_failure.empty())
            t->first_failure = outcome.error().diag.to_string();
    }
}

struct result {
    tally calls;
    tr::scheduler_counters counters;
    std::uint64_t refused_by_nginx = 0;
};

/// `calls` calls of `GET /api/v1/me` by eight workers through a fresh nginx, the client told
/// `per_minute`.
result run_through_nginx(std::uint32_t per_minute, std::size_t calls) {
    mock::server_options server_options;
    server_options.tls = false;
    server_options.limit.requests = 0;  // nginx is the only limiter
    mock::server server{server_options};
    nginx::limit_req_options limiter;
    limiter.upstream_port = server.port();
    const nginx::limit_req_proxy proxy{limiter};

    asio::io_context io;
    tr::client_options options;
    options.base_url = proxy.base_url();
    options.api_key = tr::secret{server.keys().employer.key};
    tr::scheduler_options scheduler;
    scheduler.requests_per_window = per_minute;
    scheduler.window = std::chrono::seconds{60};
    options.budget = std::make_shared<tr::rate_budget>(scheduler);
    const tr::client caller{io.get_executor(), std::move(options)};

    auto t = std::make_shared<tally>();
    t->left = calls;
    for (int i = 0; i < workers; ++i)
        asio::co_spawn(io, worker(&caller, t), [](std::exception_ptr failure) {
            if (failure) std::rethrow_exception(failure);
        });
    io.run();
    return {*t, caller.counters().scheduler, proxy.responses_with_status(429)};
}

bool nginx_missing() {
    if (nginx::find_nginx()) return false;
    WARN("skipped: nginx is not installed (scripts/install-deps.sh installs nginx-light)");
    return true;
}

}  // namespace

TEST_CASE("nginx limit_req: told half its rate, the budget runs at the told rate without a 429") {
    if (nginx_missing()) return;
    const result r = run_through_nginx(600, 60);
    INFO("first failure: " << r.calls.first_failure);
    CHECK(r.calls.succeeded == 60);
    CHECK(r.refused_by_nginx == 0);
    CHECK(r.counters.rate_decreases == 0);
    CHECK(r.counters.rate_cause == tr::limit_cause::configured);
}

TEST_CASE("nginx limit_req: told its rate, the budget keeps the rate and at most lowers the burst") {
    if (nginx_missing()) return;
    const result r = run_through_nginx(1200, 120);
    INFO("first failure: " << r.calls.first_failure);
    CHECK(r.calls.succeeded == 120);
    CHECK(r.counters.rate_limited_responses == r.refused_by_nginx);
    CHECK(r.refused_by_nginx * 100 <= 3 * 120);
    CHECK(r.counters.rate_decreases == 0);
    CHECK(r.counters.current_requests_per_window == Approx(1200));
}

TEST_CASE("nginx limit_req: told twice its rate, the budget learns the rate from 429s at a steady pace") {
    if (nginx_missing()) return;
    const result r = run_through_nginx(2400, 120);
    INFO("first failure: " << r.calls.first_failure);
    CHECK(r.calls.succeeded == 120);
    CHECK(r.counters.rate_limited_responses == r.refused_by_nginx);
    CHECK(r.refused_by_nginx >= 1);
    CHECK(r.refused_by_nginx <= 6);
    CHECK(r.counters.rate_decreases >= 1);
    CHECK(r.counters.rate_cause == tr::limit_cause::rate_refusal);
    // 20 per second is 1200 per minute: the budget now works at or below it.
    CHECK(r.counters.current_requests_per_window <= 1200);
}
