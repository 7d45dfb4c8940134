// The per-key rate limit end to end: many concurrent calls of one key against the mock's sliding
// window, what the client does with 429s (the key pauses, requests are sent again, the rate
// adapts), which writes may be sent twice, and budgets shared between clients.
//
// The mock allows 40 requests per 1 s window here: enough calls to overrun it several times
// take a few seconds, and Retry-After (whole seconds) never asks for more than one.
#include "run.hpp"
#include <talentray/api/sourcing.hpp>
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/me.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "catch_result.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

constexpr std::uint32_t limit_requests = 40;
constexpr std::chrono::seconds limit_window{1};

mock::server_options server_limited_to(std::size_t requests, std::chrono::milliseconds window) {
    mock::server_options options;
    options.limit = {requests, window};
    options.candidates = 100;
    return options;
}

mock::server_options limited_server() { return server_limited_to(limit_requests, limit_window); }

tr::scheduler_options limit_of(std::uint32_t requests, std::chrono::seconds window) {
    tr::scheduler_options options;
    options.requests_per_window = requests;
    options.window = window;
    return options;
}

tr::client_options options_for(const mock::server& server, const std::string& key) {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    options.api_key = tr::secret{key};
    options.timeouts.request = std::chrono::seconds{10};
    return options;
}

/// An employer client whose requests go through `budget` (its own, unless shared on purpose).
tr::client employer_client(asio::io_context& io, const mock::server& server, std::shared_ptr<tr::rate_budget> budget) {
    tr::client_options options = options_for(server, server.keys().employer.key);
    options.budget = std::move(budget);
    return tr::client{io.get_executor(), std::move(options)};
}

/// How a batch of calls ended.
struct call_tally {
    std::size_t succeeded = 0;
    std::vector<tr::error_info> failures;
};

asio::awaitable<void> call_me(const tr::client* caller, std::shared_ptr<call_tally> tally) {
    auto outcome = co_await caller->try_me();
    if (outcome)
        ++tally->succeeded;
    else
        tally->failures.push_back(outcome.error());
}

/// Starts `calls` `GET /api/v1/me` calls at once, spread round-robin over `callers`, and runs
/// the io_context until every one has finished.
call_tally run_concurrent_calls(asio::io_context& io, const std::vector<const tr::client*>& callers,
                                std::size_t calls) {
    auto tally = std::make_shared<call_tally>();
    for (std::size_t i = 0; i < calls; ++i)
        asio::co_spawn(io, call_me(callers[i % callers.size()], tally), [](std::exception_ptr failure) {
            if (failure) std::rethrow_exception(failure);
        });
    io.restart();
    io.run();
    return *tally;
}

using talentray::testing::run;

std::uint64_t requests_of(const mock::server& server, const mock::seeded_key& key) {
    const mock::stats_snapshot stats = server.stats();
    const auto it = stats.requests_by_key.find(key.id);
    return it == stats.requests_by_key.end() ? 0 : it->second;
}

tr::potential_candidate_create new_lead() {
    tr::potential_candidate_create lead;
    lead.full_name = "Robin Park";
    lead.organization_id = "org_acme";
    lead.email = "robin.park@example.com";
    lead.skills = std::vector<std::string>{"go", "kubernetes"};
    return lead;
}

}  // namespace

// Every test starts with a cold pool: the first requests wait for TCP connects and TLS
// handshakes and reach the server late, bunched with later ones. The scheduler counts each
// attempt against the limit until a window after it finished, so that cannot cost a 429.

TEST_CASE("rate limit: 200 concurrent calls at the known limit all succeed without one 429") {
    mock::server server{limited_server()};
    asio::io_context io;
    auto budget = std::make_shared<tr::rate_budget>(limit_of(limit_requests, limit_window));
    const tr::client employer = employer_client(io, server, budget);

    const call_tally tally = run_concurrent_calls(io, {&employer}, 200);

    INFO("first failure: " << (tally.failures.empty() ? std::string{"none"} : tally.failures.front().diag.to_string()));
    CHECK(tally.failures.empty());
    CHECK(tally.succeeded == 200);
    CHECK(server.stats().rate_limited == 0);
    CHECK(requests_of(server, server.keys().employer) == 200);  // nothing was sent twice
    const tr::scheduler_counters counters = employer.counters().scheduler;
    CHECK(counters.rate_limited_responses == 0);
    CHECK(counters.retries.total() == 0);
    CHECK(counters.admitted == 200);
    CHECK(counters.waited > 0);  // the limit really was the bottleneck: calls queued for it
}

TEST_CASE("rate limit: a client configured at twice the real limit still completes every call, with few 429s") {
    mock::server server{limited_server()};
    asio::io_context io;
    tr::scheduler_options believed = limit_of(2 * limit_requests, limit_window);
    believed.max_in_flight = 4;
    auto budget = std::make_shared<tr::rate_budget>(believed);
    const tr::client employer = employer_client(io, server, budget);

    const call_tally tally = run_concurrent_calls(io, {&employer}, 200);

    INFO("first failure: " << (tally.failures.empty() ? std::string{"none"} : tally.failures.front().diag.to_string()));
    CHECK(tally.failures.empty());
    CHECK(tally.succeeded == 200);

    // The bound: at most 8 429s, two overruns. The client believes in 80 per second: a bucket
    // of 1 refilled at 79/s against the real 40, so the first window is overrun within about
    // half a second. An overrun is one 429 plus at most the other requests in flight when it
    // lands (max_in_flight = 4): 4. The 429 pauses the key until the server's window has room
    // and lowers the limit to the 40 it accepted (and never below half of 80); from then on no
    // second of arrivals can hold more than 40. A limit set from the server's own count is
    // trusted: it is not probed higher before ten recovery periods of clean admissions (5
    // minutes), far beyond the remaining 160 calls at 39/s, so there is no second overrun
    // unless one of those in flight at the first is refused too. A client that ignored the
    // limit would collect about 150.
    const mock::stats_snapshot stats = server.stats();
    CHECK(stats.rate_limited >= 1);  // the workload did overrun the real limit
    CHECK(stats.rate_limited <= 8);
    const tr::scheduler_counters counters = employer.counters().scheduler;
    CHECK(counters.rate_limited_responses == stats.rate_limited);
    CHECK(counters.rate_decreases >= 1);
    CHECK(counters.current_requests_per_window <= limit_requests);
    CHECK(counters.retries.rate_limited == stats.rate_limited);  // each 429 was sent again, once
    CHECK(requests_of(server, server.keys().employer) == 200 + stats.rate_limited);
}

TEST_CASE("rate limit: a POST answered 429 is sent again and executed exactly once") {
    // One request per second; the client is told nothing about it, so the second request of the
    // window is refused.
    mock::server server{server_limited_to(1, std::chrono::seconds{1})};
    asio::io_context io;
    auto budget = std::make_shared<tr::rate_budget>(limit_of(1000, std::chrono::seconds{1}));
    const tr::client employer = employer_client(io, server, budget);

    const tr::me owner = run(io, employer.me());  // uses up the window
    REQUIRE(owner.user.id == "user_employer");
    const tr::potential_candidate_create lead = new_lead();
    const auto created = run(io, employer.sourcing().try_create(lead));

    INFO((created ? std::string{"created"} : created.error().diag.to_string()));
    REQUIRE(created);
    CHECK(created->full_name == "Robin Park");
    const mock::stats_snapshot stats = server.stats();
    CHECK(stats.rate_limited == 1);
    CHECK(stats.route("POST /api/v1/sourcing") == 2);             // refused once, then sent again
    CHECK(stats.executions("POST /api/v1/sourcing") == 1);        // and the lead exists once
    CHECK(employer.counters().scheduler.retries.rate_limited == 1);
}

TEST_CASE("rate limit: a POST answered 500 is not sent again, unlike a GET") {
    mock::server server{server_limited_to(0, std::chrono::milliseconds{0})};
    asio::io_context io;
    tr::client_options options = options_for(server, server.keys().employer.key);
    options.budget = std::make_shared<tr::rate_budget>(limit_of(1000, std::chrono::seconds{1}));
    options.retry.initial_backoff = std::chrono::milliseconds{5};
    options.retry.max_backoff = std::chrono::milliseconds{20};
    const tr::client employer{io.get_executor(), std::move(options)};

    mock::fault_options failing;
    failing.server_error_rate = 1.0;
    server.set_faults(failing);

    const tr::potential_candidate_create lead = new_lead();
    const auto created = run(io, employer.sourcing().try_create(lead));
    REQUIRE_FALSE(created);
    CHECK(created.error().code == tr::errc::server_error);
    CHECK(created.error().diag.http_status == 500);
    CHECK(server.stats().route("POST /api/v1/sourcing") == 1);
    CHECK(server.stats().executions("POST /api/v1/sourcing") == 0);

    // The same failure on an idempotent request is retried up to max_attempts (4) times, so the
    // POST above was held back on purpose, not for lack of retries.
    const auto identity = run(io, employer.try_me());
    REQUIRE_FALSE(identity);
    CHECK(identity.error().code == tr::errc::server_error);
    CHECK(server.stats().route("GET /api/v1/me") == 4);
    CHECK(employer.counters().scheduler.retries.server_error == 3);
    CHECK(server.stats().faults.server_error == 5);
}

TEST_CASE("rate limit: a retry refused by the exhausted retry budget says so, with the last failure kept") {
    mock::server server{server_limited_to(0, std::chrono::milliseconds{0})};
    asio::io_context io;
    tr::client_options options = options_for(server, server.keys().employer.key);
    tr::scheduler_options scheduler = limit_of(1000, std::chrono::seconds{1});
    // One retry saved up and none earned: the second failure finds the budget empty.
    scheduler.retry_budget_burst = 1;
    scheduler.retry_budget_ratio = 0;
    scheduler.retry_budget_min_per_second = 0;
    options.budget = std::make_shared<tr::rate_budget>(scheduler);
    options.retry.initial_backoff = std::chrono::milliseconds{1};
    options.retry.max_backoff = std::chrono::milliseconds{5};
    const tr::client employer{io.get_executor(), std::move(options)};

    mock::fault_options failing;
    failing.server_error_rate = 1.0;
    server.set_faults(failing);

    const auto identity = run(io, employer.try_me());
    REQUIRE_FALSE(identity);
    INFO(identity.error().diag.to_string());
    CHECK(identity.error().code == tr::errc::retry_budget_exhausted);
    // The diagnostics still describe the failure that was not retried.
    CHECK(identity.error().diag.http_status == 500);
    CHECK(identity.error().diag.path == "/api/v1/me");
    CHECK_THAT(identity.error().diag.client_message, Catch::Contains("retry budget is exhausted") &&
                                                         Catch::Contains("server error"));
    CHECK(server.stats().route("GET /api/v1/me") == 2);  // max_attempts (4) would have allowed 4
    CHECK(employer.counters().scheduler.retries.server_error == 1);
    CHECK(employer.counters().scheduler.retries_refused == 1);

    // Thrown, the error carries the same code.
    try {
        run(io, employer.me());
        FAIL("no error");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::retry_budget_exhausted);
        CHECK(e.diag().http_status == 500);
    }
}

TEST_CASE("rate limit: two clients of one key sharing one budget stay within the limit together") {
    mock::server server{limited_server()};
    asio::io_context io;

    SECTION("an explicit budget handed to both") {
        auto budget = std::make_shared<tr::rate_budget>(limit_of(limit_requests, limit_window));
        const tr::client first = employer_client(io, server, budget);
        const tr::client second = employer_client(io, server, budget);

        // Each alone would be within the limit; together, without sharing, at twice it.
        const call_tally tally = run_concurrent_calls(io, {&first, &second}, 160);

        CHECK(tally.failures.empty());
        CHECK(tally.succeeded == 160);
        CHECK(server.stats().rate_limited == 0);
        CHECK(first.counters().requests == 80);
        CHECK(second.counters().requests == 80);
        // One budget saw both clients' calls.
        CHECK(first.counters().scheduler.admitted == 160);
        CHECK(second.counters().scheduler.admitted == 160);
    }

    SECTION("the process-wide budget of the key, with no budget given") {
        tr::client_options options = options_for(server, server.keys().employer.key);
        options.scheduler = limit_of(limit_requests, limit_window);
        const tr::client first{io.get_executor(), options};
        const tr::client second{io.get_executor(), options};

        const call_tally tally = run_concurrent_calls(io, {&first, &second}, 100);

        CHECK(tally.failures.empty());
        CHECK(tally.succeeded == 100);
        CHECK(server.stats().rate_limited == 0);
        CHECK(first.counters().scheduler.admitted == 100);
        CHECK(second.counters().scheduler.admitted == 100);
    }
}
