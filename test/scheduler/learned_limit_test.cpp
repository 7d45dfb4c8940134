// The limit learned from 429s at a steady pace, in virtual time: what a 429 is measured against
// (the key's admissions in the window before the refused one, less those refused), settling at
// what the server accepted, holding through clean admissions, then probing halfway to the limit
// refused.
#include "scheduler/learned_limit.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
using talentray::testing::t0;
const d::learned_limit::settings halve{0.5, 0.1, 30s, 60s, 200};
constexpr std::optional<std::uint64_t> unknown;

/// Successes every `step` from `from` (exclusive) to `to` (inclusive); returns how many raised
/// the limit.
int succeed(d::learned_limit& limit, d::time_point from, d::time_point to, d::duration step) {
    int raised = 0;
    for (d::time_point t = from + step; t <= to; t += step) raised += limit.on_success(t) ? 1 : 0;
    return raised;
}
}  // namespace

TEST_CASE("a 429 without a count halves the limit, down to the floor") {
    d::learned_limit limit{100, halve, t0};
    CHECK(limit.on_rate_limited(t0 + 1s, unknown, t0 + 1s, t0 + 1s));
    CHECK(limit.current() == Approx(50));
    CHECK(limit.on_rate_limited(t0 + 2s, unknown, t0 + 2s, t0 + 2s));
    CHECK(limit.current() == Approx(25));
    for (int i = 3; i < 10; ++i) limit.on_rate_limited(t0 + i * 1s, unknown, t0 + i * 1s, t0 + i * 1s);
    CHECK(limit.current() == Approx(10));  // floor: 10% of 100
    CHECK_FALSE(limit.on_rate_limited(t0 + 20s, unknown, t0 + 20s, t0 + 20s));
}

TEST_CASE("a 429 settles the limit at what the server accepted of ours in the window before") {
    SECTION("the server took 60 where we allowed 100: the real limit is 60, and it is trusted") {
        d::learned_limit limit{100, halve, t0};
        CHECK(limit.on_rate_limited(t0 + 3s, 60, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(60));
        CHECK(limit.refused() == Approx(61));
    }
    SECTION("never lower than one decrease factor: a small count says more about other users") {
        d::learned_limit limit{100, halve, t0};
        CHECK(limit.on_rate_limited(t0 + 3s, 0, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(50));
        CHECK(limit.refused() == Approx(100));
    }
    SECTION("a count at or above the limit explains nothing: decrease by the factor") {
        d::learned_limit limit{100, halve, t0};
        CHECK(limit.on_rate_limited(t0 + 3s, 100, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(50));
    }
    SECTION("three times the real limit converges in two steps") {
        d::learned_limit limit{180, halve, t0};
        REQUIRE(limit.on_rate_limited(t0 + 3s, 60, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(90));
        REQUIRE(limit.on_rate_limited(t0 + 10s, 60, t0 + 11s, t0 + 10s));
        CHECK(limit.current() == Approx(60));
    }
}

TEST_CASE("429s for requests sent before the last decrease do not lower the limit again") {
    d::learned_limit limit{100, halve, t0};
    REQUIRE(limit.on_rate_limited(t0, unknown, t0 + 5s, t0 + 1s));
    // The rest of the burst that was in flight when the server started refusing.
    CHECK_FALSE(limit.on_rate_limited(t0 + 500ms, unknown, t0 + 5s, t0 + 1100ms));
    CHECK_FALSE(limit.on_rate_limited(t0 + 1s, 70, t0 + 5s, t0 + 1200ms));
    CHECK(limit.current() == Approx(50));
    // A request sent after the decrease was still refused: lower again.
    CHECK(limit.on_rate_limited(t0 + 6s, unknown, t0 + 8s, t0 + 6500ms));
    CHECK(limit.current() == Approx(25));
}

TEST_CASE("a request counted as accepted by a decrease, then refused, takes one off the limit") {
    d::learned_limit limit{100, halve, t0};
    // Refused request admitted at t0 + 10 s; 60 admitted in the minute before were counted,
    // some still in flight.
    REQUIRE(limit.on_rate_limited(t0 + 10s, 60, t0 + 12s, t0 + 10100ms));
    REQUIRE(limit.current() == Approx(60));
    // One of those in flight comes back 429 as well: it was not accepted after all.
    CHECK(limit.on_rate_limited(t0 + 9900ms, 60, t0 + 12s, t0 + 10200ms));
    CHECK(limit.current() == Approx(59));
    CHECK(limit.refused() == Approx(60));
    // One admitted after the refused one (not counted) changes nothing.
    CHECK_FALSE(limit.on_rate_limited(t0 + 10050ms, 60, t0 + 12s, t0 + 10200ms));
    CHECK(limit.current() == Approx(59));
}

TEST_CASE("the lowered limit holds through a recovery period of clean admissions, then probes halfway") {
    d::learned_limit limit{100, halve, t0};
    REQUIRE(limit.on_rate_limited(t0, unknown, t0 + 10s, t0));  // refused at 100: now 50
    CHECK_FALSE(limit.on_success(t0 + 5s));  // within the pause: no credit
    // 29 s of successes after the pause: still held.
    CHECK(succeed(limit, t0 + 10s, t0 + 39s, 1s) == 0);
    CHECK(limit.current() == Approx(50));
    // The 30th second completes the hold: probe halfway between 50 and the 100 refused.
    CHECK(limit.on_success(t0 + 40s));
    CHECK(limit.current() == Approx(75));
}

TEST_CASE("idle time does not count as clean admissions") {
    d::learned_limit limit{100, halve, t0};
    REQUIRE(limit.on_rate_limited(t0, unknown, t0, t0));
    // One success an hour later credits two request intervals: 2.4 s at 50 per minute.
    CHECK_FALSE(limit.on_success(t0 + 1h));
    CHECK(limit.current() == Approx(50));
    // Then 27 seconds of steady successes leave the hold 0.6 s short; the 28th completes it.
    CHECK(succeed(limit, t0 + 1h, t0 + 1h + 27s, 1s) == 0);
    CHECK(limit.on_success(t0 + 1h + 28s));
}

TEST_CASE("a refused probe falls back to the limit that held, and probing narrows to 3 %") {
    d::learned_limit limit{1000, halve, t0};
    REQUIRE(limit.on_rate_limited(t0, unknown, t0, t0));  // 1000 refused: 500
    d::time_point now = t0;
    // The server's real limit is 600: probes above it are refused, at or below it hold.
    const double real = 600;
    std::vector<double> probes;
    for (int round = 0; round < 12; ++round) {
        const double before = limit.current();
        succeed(limit, now, now + 30s, 1s);
        now += 30s;
        if (limit.current() == before) continue;
        probes.push_back(limit.current());
        if (limit.current() > real) {
            now += 1s;
            REQUIRE(limit.on_rate_limited(now, unknown, now + 1s, now));
            CHECK(limit.current() == Approx(before));  // back to what held, not halved
            now += 1s;
        }
    }
    // 750 refused, 625 refused, 562 held, 593 held, 609 refused, then settled: 593 is within
    // 3 % of the lowest refused.
    CHECK(probes == std::vector<double>{750, 625, 562, 593, 609});
    CHECK(limit.current() == Approx(593));
    CHECK(limit.refused() == Approx(609));
}

TEST_CASE("a limit learned from the server's count is not probed until ten holds have passed") {
    d::learned_limit limit{100, halve, t0};
    REQUIRE(limit.on_rate_limited(t0, 60, t0, t0));
    d::time_point now = t0;
    for (int hold = 1; hold < 10; ++hold) {
        CHECK(succeed(limit, now, now + 30s, 1s) == 0);
        now += 30s;
    }
    // The tenth hold re-tests it: halfway to the configured 100.
    CHECK(succeed(limit, now, now + 30s, 1s) == 1);
    CHECK(limit.current() == Approx(80));
}

TEST_CASE("a lower ceiling clamps the limit, a higher one lets it probe up after a hold") {
    d::learned_limit limit{100, halve, t0};
    CHECK(limit.set_ceiling(40));
    CHECK(limit.current() == Approx(40));
    CHECK(limit.floor() == Approx(4));
    CHECK_FALSE(limit.set_ceiling(80));
    CHECK(limit.current() == Approx(40));
    CHECK(succeed(limit, t0, t0 + 30s, 1s) == 1);
    CHECK(limit.current() == Approx(60));
}

TEST_CASE("accepted_before counts the window before the refused admission, not after") {
    d::learned_limit history{100, {0.5, 0.1, 30s, 10s, 100}, t0};
    for (int i = 0; i < 30; ++i) history.on_admit(t0 + i * 1s);  // t0 .. t0 + 29 s
    // The window [t0 + 10 s, t0 + 20 s): ten admissions; the one at t0 + 20 s itself is not in it.
    CHECK(history.accepted_before(t0 + 20s) == 10);
    CHECK(history.accepted_before(t0 + 25s) == 10);
}

TEST_CASE("refused admissions are not counted, one per refusal even at the same instant") {
    d::learned_limit history{100, {0.5, 0.1, 30s, 10s, 100}, t0};
    for (int i = 0; i < 3; ++i) history.on_admit(t0);
    for (int i = 1; i <= 5; ++i) history.on_admit(t0 + i * 1s);
    CHECK(history.accepted_before(t0 + 6s) == 8);
    history.on_refused(t0);
    history.on_refused(t0);
    CHECK(history.accepted_before(t0 + 6s) == 6);
    history.on_refused(t0 + 3s);
    history.on_refused(t0 + 3s);     // no second admission at that instant: ignored
    history.on_refused(t0 + 2500ms); // never admitted: ignored
    CHECK(history.accepted_before(t0 + 6s) == 5);
}

TEST_CASE("beyond its cap, the oldest admissions are forgotten first") {
    d::learned_limit history{100, {0.5, 0.1, 30s, 10s, 4}, t0};
    for (int i = 0; i < 6; ++i) history.on_admit(t0 + i * 1s);
    CHECK(history.accepted_before(t0 + 6s) == 4);
}

TEST_CASE("admissions older than two windows are forgotten") {
    d::learned_limit history{100, {0.5, 0.1, 30s, 10s, 100}, t0};
    history.on_admit(t0);
    history.on_admit(t0 + 15s);
    history.on_admit(t0 + 21s);  // t0 is now more than two windows back
    CHECK(history.accepted_before(t0 + 9s) == 0);
    CHECK(history.accepted_before(t0 + 16s) == 1);
}
