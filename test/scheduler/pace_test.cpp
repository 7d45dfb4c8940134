// The pace, event by event in virtual time: the bucket's arithmetic, the shape that keeps any
// window within the limit, and the burst learned from the server (excess against the pace,
// growth only on an accepted full burst, a refused depth never tried again).
#include "scheduler/pace.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>

using namespace std::chrono_literals;
namespace d = talentray::detail;
using talentray::limit_cause;

namespace {
using talentray::testing::t0;

/// A pace of `rate` per second and a fixed burst of `burst` (the shape of rate·1 s + burst per
/// second).
d::pace fixed_pace(std::uint64_t rate, std::uint32_t burst) {
    return d::pace{rate + burst, 1s, {burst, burst, limit_cause::configured}, t0};
}

/// Ten per second, a burst that may grow to ten, opening at `opening`.
d::pace learning_pace(std::uint32_t opening, std::uint32_t most = 10) {
    return d::pace{10 + most, 1s, {most, opening, limit_cause::opening}, t0};
}

bool take(d::pace& pace, d::time_point now) { return pace.try_admit(now).has_value(); }
}  // namespace

// --- The bucket ----------------------------------------------------------------------------------

TEST_CASE("a new pace holds its burst of tokens and then refuses") {
    d::pace pace = fixed_pace(10, 5);
    CHECK(pace.rate() == Approx(10.0));
    CHECK(pace.tokens(t0) == Approx(5.0));
    for (int i = 0; i < 5; ++i) CHECK(take(pace, t0));
    CHECK_FALSE(take(pace, t0));
    CHECK(pace.tokens(t0) == Approx(0.0).margin(1e-9));
}

TEST_CASE("tokens refill at the rate, capped at the capacity") {
    d::pace pace = fixed_pace(10, 5);
    for (int i = 0; i < 5; ++i) REQUIRE(take(pace, t0));
    CHECK(pace.tokens(t0 + 100ms) == Approx(1.0));
    CHECK(pace.tokens(t0 + 250ms) == Approx(2.5));
    CHECK(pace.tokens(t0 + 10s) == Approx(5.0));
    CHECK_FALSE(take(pace, t0 + 99ms));
    CHECK(take(pace, t0 + 100ms));
}

TEST_CASE("time_for says exactly when a token (or many) will be there") {
    d::pace pace = fixed_pace(4, 2);
    CHECK(pace.time_for(1, t0) == t0);
    CHECK(pace.time_for(2, t0) == t0);
    CHECK(pace.time_for(3, t0) == t0 + 250ms);
    // Beyond the capacity: queued waiters consume tokens as they appear.
    CHECK(pace.time_for(10, t0) == t0 + 2s);
    REQUIRE(take(pace, t0));
    REQUIRE(take(pace, t0));
    const auto next = pace.time_for(1, t0);
    CHECK(next == t0 + 250ms);
    CHECK_FALSE(take(pace, next - 1ns));
    CHECK(take(pace, next));
}

TEST_CASE("the promised instant always admits, even with rates that are not round") {
    d::pace pace{600, 60s, {10, 10, limit_cause::configured}, t0};
    REQUIRE(pace.rate() == Approx(590.0 / 60.0));
    d::time_point now = t0;
    int admitted = 0;
    for (int i = 0; i < 2000; ++i) {
        if (!take(pace, now)) {
            now = pace.time_for(1, now);
            REQUIRE(take(pace, now));
        }
        ++admitted;
    }
    CHECK(admitted == 2000);
    // 10 at once, then 1990 more at 590 per minute.
    CHECK(d::to_seconds(now - t0) == Approx(1990.0 * 60.0 / 590.0).epsilon(1e-6));
}

TEST_CASE("a hold empties the bucket until it ends, then one token resumes the pace") {
    d::pace pace = fixed_pace(10, 5);
    pace.hold_until(t0 + 30s, 1.0);
    CHECK_FALSE(take(pace, t0 + 1s));
    CHECK(pace.tokens(t0 + 29s) == 0);
    CHECK(pace.time_for(1, t0) == t0 + 30s);
    CHECK(pace.time_for(2, t0) == t0 + 30s + 100ms);
    CHECK(take(pace, t0 + 30s));
    CHECK_FALSE(take(pace, t0 + 30s));
    // An earlier end does not shorten the hold.
    pace.hold_until(t0 + 40s, 1.0);
    pace.hold_until(t0 + 35s, 1.0);
    CHECK(pace.time_for(1, t0 + 31s) == t0 + 40s);
}

TEST_CASE("a refund gives a token back, up to the capacity, and a report of fewer left drops the surplus") {
    d::pace pace = fixed_pace(10, 5);
    for (int i = 0; i < 5; ++i) REQUIRE(take(pace, t0));
    pace.refund(t0);
    CHECK(pace.tokens(t0) == Approx(1.0));
    for (int i = 0; i < 10; ++i) pace.refund(t0);
    CHECK(pace.tokens(t0) == Approx(5.0));

    pace.limit_tokens(0.5, t0);
    CHECK(pace.tokens(t0) == Approx(0.5));
    pace.limit_tokens(7.0, t0);  // never raises
    CHECK(pace.tokens(t0) == Approx(0.5));
}

// --- The shape -----------------------------------------------------------------------------------

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
    // Admit as fast as the pace allows for five minutes and check every 60 s window.
    d::pace pace{600, 60s, {10, 10, limit_cause::configured}, t0};
    std::deque<d::time_point> window;
    std::size_t most_in_a_window = 0, total = 0;
    for (d::time_point now = t0; now < t0 + 5min;) {
        if (!take(pace, now)) {
            now = pace.time_for(1, now);
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

TEST_CASE("reshaping to a lower limit keeps the tokens earned so far and reports what moved") {
    d::pace pace{600, 60s, {10, 10, limit_cause::configured}, t0};
    for (int i = 0; i < 10; ++i) REQUIRE(take(pace, t0));
    const d::pace::change change = pace.reshape(300, t0 + 600ms);  // earned 0.6 × 590 / 60 = 5.9 first
    REQUIRE(change.rate);
    CHECK(change.rate->first == Approx(590.0 / 60.0));
    CHECK(change.rate->second == Approx(290.0 / 60.0));
    CHECK_FALSE(change.burst);
    CHECK(pace.tokens(t0 + 600ms) == Approx(5.9));
    CHECK(pace.time_for(7, t0 + 600ms) == t0 + 600ms + d::to_duration_ceil(1.1 * 60.0 / 290.0));
    // A limit below twice the burst cuts the burst to half the limit, dropping the surplus.
    const d::pace::change small = pace.reshape(6.7, t0 + 600ms);
    REQUIRE(small.burst);
    CHECK(small.burst->second == 3);
    CHECK(pace.tokens(t0 + 600ms) == Approx(3.0));
    // The same limit again changes nothing.
    const d::pace::change none = pace.reshape(6, t0 + 1s);
    CHECK_FALSE(none.rate);
    CHECK_FALSE(none.burst);
}

TEST_CASE("an advertised limit bounds the pace, whatever the limit it is reshaped to") {
    d::pace pace{600, 60s, {10, 10, limit_cause::configured}, t0};
    pace.advertise(120, 60s);
    const d::pace::change change = pace.reshape(600, t0);
    REQUIRE(change.rate);
    CHECK(pace.rate() == Approx(110.0 / 60.0));
    CHECK(pace.capacity() == 10);
    // A shorter advertised window keeps its own, stricter shape.
    pace.advertise(4, 1s);
    pace.reshape(600, t0);
    CHECK(pace.rate() == Approx(2.0));
    CHECK(pace.capacity() == 2);
}

// --- The burst -----------------------------------------------------------------------------------

TEST_CASE("an unconfigured burst opens small and is capped at the most allowed") {
    const d::pace opening = learning_pace(2);
    CHECK(opening.burst() == 2);
    CHECK(opening.capacity() == 2);
    CHECK(opening.burst_ceiling() == 10);
    CHECK(opening.burst_cause() == limit_cause::opening);
    const d::pace tiny = learning_pace(2, 1);
    CHECK(tiny.burst() == 1);
}

TEST_CASE("requests started at once stand ever deeper ahead of the pace; paced ones do not") {
    d::pace pace = fixed_pace(10, 10);
    const auto first = pace.try_admit(t0);
    REQUIRE(first);
    CHECK(first->excess == 1);
    CHECK_FALSE(first->in_burst());
    const auto second = pace.try_admit(t0);
    REQUIRE(second);
    CHECK(second->excess == 2);
    CHECK(second->ahead_of_pace);
    CHECK(second->in_burst());
    const auto third = pace.try_admit(t0 + 1ms);
    REQUIRE(third);
    CHECK(third->excess == 3);
    CHECK(third->in_burst());
    // At the pace (one per 100 ms) the excess stays where the burst left it, but nothing is
    // ahead of the pace any more.
    for (int i = 1; i <= 5; ++i) {
        const auto paced = pace.try_admit(t0 + 1ms + i * 100ms);
        REQUIRE(paced);
        CHECK(paced->excess == 3);
        CHECK_FALSE(paced->in_burst());
    }
    // After an idle second the excess is gone.
    const auto rested = pace.try_admit(t0 + 2s);
    REQUIRE(rested);
    CHECK(rested->excess == 1);
}

TEST_CASE("a burst grows by one only when the server accepts a request that used all of it") {
    d::pace pace = learning_pace(2, 4);
    const auto first = pace.try_admit(t0);
    REQUIRE(first);
    CHECK_FALSE(pace.on_accepted(*first));  // one deep: says nothing about two
    CHECK(pace.burst() == 2);
    const auto second = pace.try_admit(t0);
    REQUIRE(second);
    CHECK(pace.on_accepted(*second));
    CHECK(pace.burst() == 3);
    CHECK(pace.burst_cause() == limit_cause::clean_admissions);
    CHECK(pace.capacity() == 2);  // until reshaped
    CHECK(pace.reshape(14, t0).burst);
    CHECK(pace.capacity() == 3);
    // Paced requests after it stay two deep: no further growth without a deeper burst.
    const auto paced = pace.try_admit(t0 + 100ms);
    REQUIRE(paced);
    CHECK_FALSE(pace.on_accepted(*paced));
    CHECK(pace.burst() == 3);
    // A burst of three after an idle period reaches the burst: it grows to the ceiling, four.
    std::optional<d::admission_depth> depth;
    for (int i = 0; i < 3; ++i) depth = pace.try_admit(t0 + 10s);
    REQUIRE(depth);
    CHECK(depth->excess == 3);
    CHECK(pace.on_accepted(*depth));
    CHECK(pace.burst() == 4);
    d::admission_depth deeper = *depth;
    deeper.excess = 4;
    CHECK_FALSE(pace.on_accepted(deeper));  // at the ceiling
    CHECK(pace.burst() == 4);
}

TEST_CASE("a refusal inside a burst lowers the burst below that depth for good") {
    d::pace pace = fixed_pace(10, 10);
    std::optional<d::admission_depth> seventh;
    for (int i = 0; i < 7; ++i) seventh = pace.try_admit(t0);
    REQUIRE(seventh);
    REQUIRE(seventh->excess == 7);
    CHECK(pace.on_refused_in_burst(*seventh));
    CHECK(pace.burst() == 6);
    CHECK(pace.burst_ceiling() == 6);
    CHECK(pace.burst_cause() == limit_cause::burst_refusal);
    // Deeper refusals from the same burst change nothing.
    d::admission_depth eighth = *seventh;
    eighth.excess = 8;
    CHECK_FALSE(pace.on_refused_in_burst(eighth));
    CHECK(pace.burst() == 6);
    // Accepted full bursts cannot take it back up to the refused depth.
    pace.reshape(20, t0);
    std::optional<d::admission_depth> sixth;
    for (int i = 0; i < 6; ++i) sixth = pace.try_admit(t0 + 10s);
    REQUIRE(sixth);
    CHECK_FALSE(pace.on_accepted(*sixth));
    CHECK(pace.burst() == 6);
}

TEST_CASE("a refusal at the second request of a burst leaves a burst of one") {
    d::pace pace = learning_pace(2);
    REQUIRE(pace.try_admit(t0));
    const auto second = pace.try_admit(t0);
    REQUIRE(second);
    CHECK(pace.on_refused_in_burst(*second));
    CHECK(pace.burst() == 1);
    CHECK(pace.burst_ceiling() == 1);
}

TEST_CASE("a request sooner than one interval after the previous is ahead of the pace, however slow the first") {
    // The first request took a while (a TLS handshake, say); the second still came 60 ms after
    // it at a pace of one per 100 ms, on a stored token: a 429 for it is the burst's.
    d::pace pace = learning_pace(2);
    REQUIRE(pace.try_admit(t0));
    const auto second = pace.try_admit(t0 + 60ms);
    REQUIRE(second);
    CHECK(second->ahead_of_pace);
    CHECK(second->excess == 2);
    CHECK(second->in_burst());
    // One whole interval later it waited for its token: not ahead.
    const auto paced = pace.try_admit(t0 + 160ms);
    REQUIRE(paced);
    CHECK_FALSE(paced->ahead_of_pace);
}
