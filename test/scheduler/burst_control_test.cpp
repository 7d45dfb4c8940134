// The learned burst, event by event: excess against the pace, growth only on an accepted full
// burst, and a refused depth never tried again.
#include "scheduler/burst_control.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;
using talentray::limit_cause;

namespace {
using talentray::testing::t0;
constexpr double ten_per_second = 10;
}  // namespace

TEST_CASE("an unconfigured burst opens small and is capped at the most allowed") {
    const d::burst_control opening{10, 2, limit_cause::opening};
    CHECK(opening.current() == 2);
    CHECK(opening.ceiling() == 10);
    CHECK(opening.cause() == limit_cause::opening);
    const d::burst_control tiny{1, 2, limit_cause::opening};
    CHECK(tiny.current() == 1);
}

TEST_CASE("requests started at once stand ever deeper ahead of the pace; paced ones do not") {
    d::burst_control burst{10, 10, limit_cause::configured};
    const d::admission_depth first = burst.on_admit(t0, ten_per_second);
    CHECK(first.excess == 1);
    CHECK_FALSE(first.in_burst());
    const d::admission_depth second = burst.on_admit(t0, ten_per_second);
    CHECK(second.excess == 2);
    CHECK(second.ahead_of_pace);
    CHECK(second.in_burst());
    const d::admission_depth third = burst.on_admit(t0 + 1ms, ten_per_second);
    CHECK(third.excess == 3);
    CHECK(third.in_burst());
    // At the pace (one per 100 ms) the excess stays where the burst left it, but nothing is
    // ahead of the pace any more.
    for (int i = 1; i <= 5; ++i) {
        const d::admission_depth paced = burst.on_admit(t0 + 1ms + i * 100ms, ten_per_second);
        CHECK(paced.excess == 3);
        CHECK_FALSE(paced.in_burst());
    }
    // After an idle second the excess is gone.
    CHECK(burst.on_admit(t0 + 2s, ten_per_second).excess == 1);
}

TEST_CASE("a burst grows by one only when the server accepts a request that used all of it") {
    d::burst_control burst{4, 2, limit_cause::opening};
    const d::admission_depth first = burst.on_admit(t0, ten_per_second);
    CHECK_FALSE(burst.on_accepted(first));  // one deep: says nothing about two
    CHECK(burst.current() == 2);
    const d::admission_depth second = burst.on_admit(t0, ten_per_second);
    CHECK(burst.on_accepted(second));
    CHECK(burst.current() == 3);
    CHECK(burst.cause() == limit_cause::clean_admissions);
    // Paced requests after it stay two deep: no further growth without a deeper burst.
    const d::admission_depth paced = burst.on_admit(t0 + 100ms, ten_per_second);
    CHECK_FALSE(burst.on_accepted(paced));
    CHECK(burst.current() == 3);
    // A burst of four after an idle period: the fourth reaches the ceiling and stops there.
    d::admission_depth depth;
    for (int i = 0; i < 4; ++i) depth = burst.on_admit(t0 + 10s, ten_per_second);
    CHECK(burst.on_accepted(depth));
    CHECK(burst.current() == 4);
    CHECK_FALSE(burst.on_accepted(depth));
    CHECK(burst.current() == 4);
}

TEST_CASE("a refusal inside a burst lowers the burst below that depth for good") {
    d::burst_control burst{10, 10, limit_cause::configured};
    d::admission_depth seventh;
    for (int i = 0; i < 7; ++i) seventh = burst.on_admit(t0, ten_per_second);
    REQUIRE(seventh.excess == 7);
    CHECK(burst.on_refused_in_burst(seventh));
    CHECK(burst.current() == 6);
    CHECK(burst.ceiling() == 6);
    CHECK(burst.cause() == limit_cause::burst_refusal);
    // Deeper refusals from the same burst change nothing.
    d::admission_depth eighth = seventh;
    eighth.excess = 8;
    CHECK_FALSE(burst.on_refused_in_burst(eighth));
    CHECK(burst.current() == 6);
    // Accepted full bursts cannot take it back up to the refused depth.
    d::admission_depth sixth;
    for (int i = 0; i < 6; ++i) sixth = burst.on_admit(t0 + 10s, ten_per_second);
    CHECK_FALSE(burst.on_accepted(sixth));
    CHECK(burst.current() == 6);
}

TEST_CASE("a refusal at the second request of a burst leaves a burst of one") {
    d::burst_control burst{10, 2, limit_cause::opening};
    burst.on_admit(t0, ten_per_second);
    const d::admission_depth second = burst.on_admit(t0, ten_per_second);
    CHECK(burst.on_refused_in_burst(second));
    CHECK(burst.current() == 1);
    CHECK(burst.ceiling() == 1);
}

TEST_CASE("a request sooner than one interval after the previous is ahead of the pace, however slow the first") {
    // The first request took a while (a TLS handshake, say); the second still came 60 ms after
    // it at a pace of one per 100 ms, on a stored token: a 429 for it is the burst's.
    d::burst_control burst{10, 2, limit_cause::opening};
    burst.on_admit(t0, ten_per_second);
    const d::admission_depth second = burst.on_admit(t0 + 60ms, ten_per_second);
    CHECK(second.ahead_of_pace);
    CHECK(second.excess == 2);
    CHECK(second.in_burst());
    // One whole interval later it waited for its token: not ahead.
    CHECK_FALSE(burst.on_admit(t0 + 160ms, ten_per_second).ahead_of_pace);
}
