// Retry decisions for every cause and idempotency, backoff, attempt limits and deadlines.
#include "scheduler/retry_planner.hpp"
#include "virtual_time.hpp"

#include <talentray/error.hpp>

#include <boost/asio/error.hpp>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;
namespace tr = talentray;

namespace {

using talentray::testing::t0;

tr::attempt_info failed(int status, boost::system::error_code ec = {}) {
    tr::attempt_info a;
    a.http_status = status;
    a.error = ec;
    a.first_attempt_at = t0;
    return a;
}

struct failure_kind {
    const char* name;
    int status;
    boost::system::error_code error;
    tr::retry_cause cause;
};

}  // namespace

TEST_CASE("every retryable cause, idempotent or not, written or not") {
    const failure_kind kinds[] = {
        {"429", 429, {}, tr::retry_cause::rate_limited},
        {"500", 500, {}, tr::retry_cause::server_error},
        {"502", 502, {}, tr::retry_cause::server_error},
        {"503", 503, {}, tr::retry_cause::server_error},
        {"504", 504, {}, tr::retry_cause::server_error},
        {"io timeout", 0, tr::errc::io_timeout, tr::retry_cause::timeout},
        {"connect timeout", 0, tr::errc::connect_timeout, tr::retry_cause::timeout},
        {"asio timed_out", 0, boost::asio::error::timed_out, tr::retry_cause::timeout},
        {"connection reset", 0, boost::asio::error::connection_reset, tr::retry_cause::network},
        {"connection refused", 0, boost::asio::error::connection_refused, tr::retry_cause::network},
        {"eof", 0, boost::asio::error::eof, tr::retry_cause::network},
        {"connection_failed", 0, tr::errc::connection_failed, tr::retry_cause::network},
    };
    for (const auto& kind : kinds) {
        for (bool idempotent : {true, false}) {
            for (bool written : {true, false}) {
                auto a = failed(kind.status, kind.error);
                a.idempotent = idempotent;
                a.request_written = written;
                if (kind.status == 429) a.rate_limited_attempts = 1;
                const auto decision = d::plan_retry(a, tr::retry_options{}, t0 + 100ms, 0.5);
                INFO(kind.name << (idempotent ? ", idempotent" : ", not idempotent")
                               << (written ? ", written" : ", nothing written"));
                REQUIRE(decision.cause == kind.cause);
                const bool expected = kind.status == 429 || idempotent || !written;
                CHECK(decision.retry == expected);
                CHECK(decision.refusal == (expected ? tr::retry_refusal::none : tr::retry_refusal::not_idempotent));
            }
        }
    }
}

TEST_CASE("failures that a retry cannot cure are not retried") {
    const std::pair<int, boost::system::error_code> permanent[] = {
        {400, {}},
        {401, {}},
        {403, {}},
        {404, {}},
        {501, {}},
        {505, {}},
        {0, boost::asio::error::operation_aborted},
        {0, tr::errc::deadline_exceeded},
        {0, tr::errc::tls_verification_failed},
        {0, tr::errc::invalid_response},
        {0, tr::errc::body_too_large},
    };
    for (const auto& [status, ec] : permanent) {
        auto a = failed(status, ec);
        a.idempotent = true;
        const auto decision = d::plan_retry(a, tr::retry_options{}, t0, 0.5);
        INFO("status " << status << ", error " << ec.message());
        CHECK_FALSE(decision.retry);
        CHECK_FALSE(decision.cause);
        CHECK(decision.refusal == tr::retry_refusal::not_retryable);
    }
}

TEST_CASE("the backoff ceiling grows exponentially to its cap") {
    tr::retry_options o;
    o.initial_backoff = 100ms;
    o.backoff_multiplier = 2;
    o.max_backoff = 1s;
    CHECK(d::backoff_ceiling(1, o) == 100ms);
    CHECK(d::backoff_ceiling(2, o) == 200ms);
    CHECK(d::backoff_ceiling(3, o) == 400ms);
    CHECK(d::backoff_ceiling(4, o) == 800ms);
    CHECK(d::backoff_ceiling(5, o) == 1s);
    CHECK(d::backoff_ceiling(1000, o) == 1s);
}

TEST_CASE("full jitter: the delay is drawn between zero and the ceiling") {
    tr::retry_options o;
    o.initial_backoff = 100ms;
    o.max_attempts = 10;
    auto a = failed(503);
    a.idempotent = true;
    a.attempt = 3;  // third failure: ceiling 400 ms
    CHECK(d::plan_retry(a, o, t0, 0.0).delay == 0ms);
    CHECK(d::plan_retry(a, o, t0, 0.5).delay == 200ms);
    CHECK(d::plan_retry(a, o, t0, 0.999).delay == 399ms);
}

TEST_CASE("a Retry-After on a 503 is a lower bound on the delay") {
    auto a = failed(503);
    a.idempotent = true;
    a.retry_after = 7s;
    const auto decision = d::plan_retry(a, tr::retry_options{}, t0, 0.5);
    CHECK(decision.retry);
    CHECK(decision.delay == 7s);
}

TEST_CASE("a 429 is retried with no delay of its own: the key's pause holds it back") {
    auto a = failed(429);
    a.rate_limited_attempts = 1;
    a.retry_after = 30s;
    const auto decision = d::plan_retry(a, tr::retry_options{}, t0, 0.5);
    CHECK(decision.retry);
    CHECK(decision.delay == 0ms);
    CHECK(decision.explain() == "retry after the rate-limit pause (rate_limited)");
}

TEST_CASE("attempt limits: failures and 429s are counted apart") {
    tr::retry_options o;
    o.max_attempts = 3;
    o.max_rate_limited_attempts = 2;
    auto a = failed(500);
    a.idempotent = true;
    a.attempt = 2;
    CHECK(d::plan_retry(a, o, t0, 0.5).retry);
    a.attempt = 3;
    CHECK(d::plan_retry(a, o, t0, 0.5).refusal == tr::retry_refusal::attempts_exhausted);
    // Two of the three attempts were 429s: this is only the first real failure.
    a.rate_limited_attempts = 2;
    CHECK(d::plan_retry(a, o, t0, 0.5).retry);

    auto limited = failed(429);
    limited.attempt = 2;
    limited.rate_limited_attempts = 1;
    CHECK(d::plan_retry(limited, o, t0, 0.5).retry);
    limited.rate_limited_attempts = 2;
    CHECK(d::plan_retry(limited, o, t0, 0.5).refusal == tr::retry_refusal::attempts_exhausted);
}

TEST_CASE("no retry starts after the deadline or the total timeout") {
    tr::retry_options o;
    o.initial_backoff = 1s;
    o.total_timeout = 10s;
    auto a = failed(502);
    a.idempotent = true;
    a.deadline = t0 + 5s;
    CHECK(d::plan_retry(a, o, t0 + 3s, 0.5).retry);                   // 500 ms delay
    CHECK(d::plan_retry(a, o, t0 + 4800ms, 0.5).refusal == tr::retry_refusal::deadline);
    a.deadline = d::time_point::max();
    CHECK(d::plan_retry(a, o, t0 + 9s, 0.5).retry);
    CHECK(d::plan_retry(a, o, t0 + 9600ms, 0.5).refusal == tr::retry_refusal::deadline);

    auto limited = failed(429);
    limited.rate_limited_attempts = 1;
    limited.retry_after = 30s;
    limited.deadline = t0 + 20s;
    const auto decision = d::plan_retry(limited, o, t0, 0.5);
    CHECK(decision.refusal == tr::retry_refusal::deadline);
    CHECK(decision.explain() ==
          "not retried: the next attempt could not start before the deadline (rate_limited)");
}

TEST_CASE("explanations name the delay, the refusal and the cause") {
    auto a = failed(503);
    a.idempotent = true;
    tr::retry_options o;
    o.initial_backoff = 100ms;
    CHECK(d::plan_retry(a, o, t0, 0.5).explain() == "retry after 50 ms (server_error)");
    a.idempotent = false;
    CHECK(d::plan_retry(a, o, t0, 0.5).explain() ==
          "not retried: the request is not idempotent and may have reached the server (server_error)");
    CHECK(d::plan_retry(failed(404), o, t0, 0.5).explain() == "not retried: the failure is not retryable");
}
