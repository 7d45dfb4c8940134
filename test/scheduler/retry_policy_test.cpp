// The retry rule with a key's budget: what the budget refuses, caps and counts. A stand-in
// budget isolates `decide_retry`; the in-process budget shows the counters it keeps.
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
#include <string>

using namespace std::chrono_literals;
namespace tr = talentray;
namespace det = talentray::detail;

namespace {

using time_point = std::chrono::steady_clock::time_point;
const time_point policy_t0 = time_point{} + 1000h;

/// A budget that grants or refuses retries as told and counts the requests for one.
class retry_stand_in final : public det::admission_budget {
public:
    bool grant_retries = true;
    int retries_asked = 0;
    tr::scheduler_options options_;

    boost::asio::awaitable<tr::result<tr::admission_permit>> admit(tr::priority, clock::time_point) override {
        co_return tr::make_error_info(tr::errc::invalid_argument, "not used by the retry rule");
    }
    void on_response(const tr::response_feedback&) noexcept override {}
    bool try_spend_retry(tr::retry_cause) noexcept override {
        ++retries_asked;
        return grant_retries;
    }
    tr::scheduler_counters counters() const noexcept override { return {}; }
    const tr::scheduler_options& options() const noexcept override { return options_; }
    const std::string& key_digest() const noexcept override { return digest_; }

private:
    std::string digest_;
};

tr::attempt_info server_error_attempt() {
    tr::attempt_info a;
    a.http_status = 503;
    a.idempotent = true;
    a.first_attempt_at = policy_t0;
    return a;
}

/// The decision at the first attempt's time, with the default options and a fixed jitter.
tr::retry_decision decide_at_t0(const tr::attempt_info& attempt, det::admission_budget* budget) {
    return det::decide_retry(attempt, tr::retry_options{}, budget, policy_t0, 0.5);
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

TEST_CASE("a retry the budget refuses is not taken, has no delay and names the refusal") {
    retry_stand_in budget;
    budget.grant_retries = false;
    const auto refused = decide_at_t0(server_error_attempt(), &budget);
    CHECK(budget.retries_asked == 1);
    CHECK_FALSE(refused.retry);
    CHECK(refused.delay == 0ms);
    CHECK(refused.refusal == tr::retry_refusal::retry_budget_exhausted);
    CHECK(refused.cause == tr::retry_cause::server_error);
    CHECK(refused.explain() == "not retried: the key's retry budget is exhausted by recent failures (server_error)");
}

TEST_CASE("a failure that is not retried does not ask the budget") {
    retry_stand_in budget;
    auto not_found = server_error_attempt();
    not_found.http_status = 404;
    CHECK(decide_at_t0(not_found, &budget).refusal == tr::retry_refusal::not_retryable);
    CHECK(budget.retries_asked == 0);
}

TEST_CASE("the key's retry budget stops a retry storm, and the counters say so") {
    auto shared = std::make_shared<tr::rate_budget>(small_retry_budget());
    det::admission_budget* budget = &det::budget_of(*shared);
    for (int i = 0; i < 3; ++i) CHECK(decide_at_t0(server_error_attempt(), budget).retry);
    const auto refused = decide_at_t0(server_error_attempt(), budget);
    CHECK_FALSE(refused.retry);
    CHECK(refused.refusal == tr::retry_refusal::retry_budget_exhausted);

    // 429s are paced by the pause, not by the retry budget.
    tr::attempt_info limited = server_error_attempt();
    limited.http_status = 429;
    limited.idempotent = false;
    limited.rate_limited_attempts = 1;
    CHECK(decide_at_t0(limited, budget).retry);

    tr::attempt_info timed_out = server_error_attempt();
    timed_out.http_status = 0;
    timed_out.error = tr::errc::io_timeout;
    CHECK_FALSE(decide_at_t0(timed_out, budget).retry);

    const auto c = shared->counters();
    CHECK(c.retries.server_error == 3);
    CHECK(c.retries.rate_limited == 1);
    CHECK(c.retries.timeout == 0);
    CHECK(c.retries.total() == 4);
    CHECK(c.retries_refused == 2);
}

TEST_CASE("responses earn retries back") {
    auto o = small_retry_budget();
    o.retry_budget_ratio = 0.5;
    auto shared = std::make_shared<tr::rate_budget>(o);
    det::admission_budget* budget = &det::budget_of(*shared);
    for (int i = 0; i < 3; ++i) REQUIRE(decide_at_t0(server_error_attempt(), budget).retry);
    REQUIRE_FALSE(decide_at_t0(server_error_attempt(), budget).retry);
    budget->on_response({.http_status = 200});
    budget->on_response({.http_status = 200});
    CHECK(decide_at_t0(server_error_attempt(), budget).retry);
}

TEST_CASE("a Retry-After beyond the budget's max_pause is judged at max_pause") {
    retry_stand_in budget;
    budget.options_.max_pause = 5s;
    tr::attempt_info a = server_error_attempt();
    a.http_status = 429;
    a.rate_limited_attempts = 1;
    a.retry_after = 3600s;
    a.deadline = policy_t0 + 30s;
    CHECK(decide_at_t0(a, &budget).retry);  // the pause will be 5 s, well within the deadline
    CHECK(decide_at_t0(a, nullptr).refusal == tr::retry_refusal::deadline);  // uncapped: 3600 s
}
