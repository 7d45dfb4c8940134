// The retry policy with a shared budget: refusals, counters and bad input.
#include "scheduler/admission_budget.hpp"
#include "scheduler/retry_policy.hpp"

#include <talentray/error.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <catch2/catch.hpp>

#include <memory>

using namespace std::chrono_literals;
namespace tr = talentray;

namespace {

tr::attempt_info server_error_attempt() {
    tr::attempt_info a;
    a.http_status = 503;
    a.idempotent = true;
    a.first_attempt_at = std::chrono::steady_clock::now();
    return a;
}

tr::scheduler_options small_retry_budget() {
    tr::scheduler_options o;
    o.retry_budget_burst = 3;
    o.retry_budget_ratio = 0;
    o.retry_budget_min_per_second = 0;
    return o;
}

}  // namespace

TEST_CASE("classify_failure maps statuses and transport errors") {
    CHECK(tr::classify_failure(429, {}) == tr::retry_cause::rate_limited);
    CHECK(tr::classify_failure(504, {}) == tr::retry_cause::server_error);
    CHECK_FALSE(tr::classify_failure(200, {}));
    CHECK_FALSE(tr::classify_failure(404, boost::asio::error::connection_reset));  // a status wins
    CHECK(tr::classify_failure(0, tr::errc::handshake_timeout) == tr::retry_cause::timeout);
    CHECK(tr::classify_failure(0, boost::beast::error::timeout) == tr::retry_cause::timeout);
    CHECK(tr::classify_failure(0, boost::asio::ssl::error::stream_truncated) == tr::retry_cause::network);
    CHECK(tr::classify_failure(0, boost::beast::http::error::end_of_stream) == tr::retry_cause::network);
    CHECK(tr::classify_failure(0, boost::asio::error::broken_pipe) == tr::retry_cause::network);
    CHECK_FALSE(tr::classify_failure(0, boost::asio::error::operation_aborted));
    CHECK_FALSE(tr::classify_failure(0, {}));
}

TEST_CASE("the key's retry budget stops a retry storm, and the counters say so") {
    auto budget = std::make_shared<tr::rate_budget>(small_retry_budget());
    const tr::retry_policy policy{tr::retry_options{}, budget};
    for (int i = 0; i < 3; ++i) CHECK(policy.decide(server_error_attempt()).retry);
    const auto refused = policy.decide(server_error_attempt());
    CHECK_FALSE(refused.retry);
    CHECK(refused.refusal == tr::retry_refusal::retry_budget_exhausted);
    CHECK(refused.cause == tr::retry_cause::server_error);
    CHECK(refused.explain() == "not retried: the key's retry budget is exhausted by recent failures (server_error)");

    // 429s are paced by the pause, not by the retry budget.
    tr::attempt_info limited = server_error_attempt();
    limited.http_status = 429;
    limited.idempotent = false;
    limited.rate_limited_attempts = 1;
    CHECK(policy.decide(limited).retry);

    tr::attempt_info timed_out = server_error_attempt();
    timed_out.http_status = 0;
    timed_out.error = tr::errc::io_timeout;
    CHECK_FALSE(policy.decide(timed_out).retry);

    const auto c = budget->counters();
    CHECK(c.retries.server_error == 3);
    CHECK(c.retries.rate_limited == 1);
    CHECK(c.retries.timeout == 0);
    CHECK(c.retries.total() == 4);
    CHECK(c.retries_refused == 2);
}

TEST_CASE("responses earn retries back") {
    auto o = small_retry_budget();
    o.retry_budget_ratio = 0.5;
    auto budget = std::make_shared<tr::rate_budget>(o);
    const tr::retry_policy policy{tr::retry_options{}, budget};
    for (int i = 0; i < 3; ++i) REQUIRE(policy.decide(server_error_attempt()).retry);
    REQUIRE_FALSE(policy.decide(server_error_attempt()).retry);
    tr::detail::budget_of(*budget).on_response({.http_status = 200});
    tr::detail::budget_of(*budget).on_response({.http_status = 200});
    CHECK(policy.decide(server_error_attempt()).retry);
}

TEST_CASE("per-call options override the client's") {
    const tr::retry_policy policy{tr::retry_options{.max_attempts = 5}};
    auto a = server_error_attempt();
    a.attempt = 2;
    CHECK(policy.decide(a).retry);
    CHECK(policy.decide(a, tr::retry_options{.max_attempts = 2}).refusal == tr::retry_refusal::attempts_exhausted);
}

TEST_CASE("a Retry-After beyond the budget's max_pause is judged at max_pause") {
    tr::scheduler_options o;
    o.max_pause = 5s;
    auto budget = std::make_shared<tr::rate_budget>(o);
    const tr::retry_policy policy{tr::retry_options{}, budget};
    tr::attempt_info a = server_error_attempt();
    a.http_status = 429;
    a.rate_limited_attempts = 1;
    a.retry_after = 3600s;
    a.deadline = std::chrono::steady_clock::now() + 30s;
    CHECK(policy.decide(a).retry);  // the pause will be 5 s, well within the deadline
}

TEST_CASE("bad input is refused with an error naming it") {
    const tr::retry_policy policy;
    tr::attempt_info unset;
    unset.http_status = 503;
    try {
        (void)policy.decide(unset);
        FAIL("no error");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::invalid_argument);
        CHECK(std::string(e.what()).find("first_attempt_at") != std::string::npos);
    }
    auto zero = server_error_attempt();
    zero.attempt = 0;
    CHECK_THROWS_AS(policy.decide(zero), tr::error);
    CHECK_THROWS_WITH(policy.decide(server_error_attempt(), tr::retry_options{.backoff_multiplier = 0.5}),
                      Catch::Contains("retry_options::backoff_multiplier"));
    CHECK_THROWS_WITH(tr::retry_policy{tr::retry_options{.max_attempts = 0}}, Catch::Contains("max_attempts"));
}
