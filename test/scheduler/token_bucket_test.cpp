// The token bucket and the rate shape, in virtual time.
#include "scheduler/rate_shape.hpp"
#include "scheduler/token_bucket.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
using talentray::testing::t0;
}

TEST_CASE("a new bucket holds its capacity and then refuses") {
    d::token_bucket bucket{10.0, 5.0, t0};
    CHECK(bucket.tokens(t0) == Approx(5.0));
    for (int i = 0; i < 5; ++i) CHECK(bucket.try_take(t0));
    CHECK_FALSE(bucket.try_take(t0));
    CHECK(bucket.tokens(t0) == Approx(0.0).margin(1e-9));
}

TEST_CASE("tokens refill at the rate, capped at the capacity") {
    d::token_bucket bucket{10.0, 5.0, t0};
    for (int i = 0; i < 5; ++i) REQUIRE(bucket.try_take(t0));
    CHECK(bucket.tokens(t0 + 100ms) == Approx(1.0));
    CHECK(bucket.tokens(t0 + 250ms) == Approx(2.5));
    CHECK(bucket.tokens(t0 + 10s) == Approx(5.0));
    CHECK_FALSE(bucket.try_take(t0 + 99ms));
    CHECK(bucket.try_take(t0 + 100ms));
}

TEST_CASE("time_for says exactly when a token (or many) will be there") {
    d::token_bucket bucket{4.0, 2.0, t0};
    CHECK(bucket.time_for(1, t0) == t0);
    CHECK(bucket.time_for(2, t0) == t0);
    CHECK(bucket.time_for(3, t0) == t0 + 250ms);
    // Beyond the capacity: queued waiters consume tokens as they appear.
    CHECK(bucket.time_for(10, t0) == t0 + 2s);
    REQUIRE(bucket.try_take(t0));
    REQUIRE(bucket.try_take(t0));
    const auto next = bucket.time_for(1, t0);
    CHECK(next == t0 + 250ms);
    CHECK_FALSE(bucket.try_take(next - 1ns));
    CHECK(bucket.try_take(next));
}

TEST_CASE("the promised instant always admits, even with rates that are not round") {
    d::token_bucket bucket{590.0 / 60.0, 10.0, t0};
    d::time_point now = t0;
    int admitted = 0;
    for (int i = 0; i < 2000; ++i) {
        if (!bucket.try_take(now)) {
            now = bucket.time_for(1, now);
            REQUIRE(bucket.try_take(now));
        }
        ++admitted;
    }
    CHECK(admitted == 2000);
    // 10 at once, then 1990 more at 590 per minute.
    CHECK(d::to_seconds(now - t0) == Approx(1990.0 * 60.0 / 590.0).epsilon(1e-6));
}

TEST_CASE("a hold empties the bucket until it ends, then one token resumes the pace") {
    d::token_bucket bucket{10.0, 5.0, t0};
    bucket.hold_until(t0 + 30s, 1.0);
    CHECK_FALSE(bucket.try_take(t0 + 1s));
    CHECK(bucket.tokens(t0 + 29s) == 0);
    CHECK(bucket.time_for(1, t0) == t0 + 30s);
    CHECK(bucket.time_for(2, t0) == t0 + 30s + 100ms);
    CHECK(bucket.try_take(t0 + 30s));
    CHECK_FALSE(bucket.try_take(t0 + 30s));
    // An earlier end does not shorten the hold.
    bucket.hold_until(t0 + 40s, 1.0);
    bucket.hold_until(t0 + 35s, 1.0);
    CHECK(bucket.time_for(1, t0 + 31s) == t0 + 40s);
}

TEST_CASE("refund, rate change, capacity change and limit") {
    d::token_bucket bucket{10.0, 5.0, t0};
    for (int i = 0; i < 5; ++i) REQUIRE(bucket.try_take(t0));
    bucket.refund(t0);
    CHECK(bucket.tokens(t0) == Approx(1.0));

    bucket.set_rate(1.0, t0 + 100ms);  // earned 1 token at the old rate first
    CHECK(bucket.tokens(t0 + 100ms) == Approx(2.0));
    CHECK(bucket.tokens(t0 + 1100ms) == Approx(3.0));

    bucket.limit_tokens(0.5, t0 + 1100ms);
    CHECK(bucket.tokens(t0 + 1100ms) == Approx(0.5));
    bucket.limit_tokens(7.0, t0 + 1100ms);  // never raises
    CHECK(bucket.tokens(t0 + 1100ms) == Approx(0.5));

    bucket.set_capacity(2.0, t0 + 1100ms);
    CHECK(bucket.tokens(t0 + 1h) == Approx(2.0));
}

TEST_CASE("shape_for keeps burst plus refill within the limit") {
    const auto shape = d::shape_for(600, 60s, 10);
    CHECK(shape.capacity == 10);
    CHECK(shape.rate == Approx(590.0 / 60.0));
    const auto small = d::shape_for(6, 60s, 10);  // burst cut to half the limit
    CHECK(small.capacity == 3);
    CHECK(small.rate == Approx(3.0 / 60.0));
    const auto one = d::shape_for(1, 1s, 10);
    CHECK(one.capacity == 1);
    CHECK(one.rate == Approx(1.0));
}

TEST_CASE("greedy admission never puts more than the limit in any window") {
    // Admit as fast as the bucket allows for five minutes and check every 60 s window.
    const auto shape = d::shape_for(600, 60s, 10);
    d::token_bucket bucket{shape.rate, shape.capacity, t0};
    std::deque<d::time_point> window;
    std::size_t most_in_a_window = 0, total = 0;
    for (d::time_point now = t0; now < t0 + 5min;) {
        if (!bucket.try_take(now)) {
            now = bucket.time_for(1, now);
            continue;
        }
        ++total;
        window.push_back(now);
        while (window.front() <= now - 60s) window.pop_front();
        most_in_a_window = std::max(most_in_a_window, window.size());
    }
    CHECK(most_in_a_window <= 600);
    CHECK(most_in_a_window >= 599);  // and the budget is used nearly fully
    CHECK(total >= 10 + 590 * 5 - 1);
}
