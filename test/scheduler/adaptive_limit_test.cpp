// The limit learned from 429s: settle at what the server accepted, hold, then climb back, in
// virtual time.
#include "scheduler/adaptive_limit.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
const d::time_point t0 = d::time_point{} + 1h;
const d::adaptive_limit::settings halve{0.5, 0.1, 30s};
constexpr auto window = 60s;
constexpr std::optional<std::uint64_t> unknown;
}  // namespace

TEST_CASE("a 429 without a count halves the limit, down to the floor") {
    d::adaptive_limit limit{100, halve, t0};
    CHECK(limit.on_rate_limited(t0 + 1s, unknown, window, t0 + 1s, t0 + 1s));
    CHECK(limit.current() == Approx(50));
    CHECK(limit.on_rate_limited(t0 + 2s, unknown, window, t0 + 2s, t0 + 2s));
    CHECK(limit.current() == Approx(25));
    for (int i = 3; i < 10; ++i) limit.on_rate_limited(t0 + i * 1s, unknown, window, t0 + i * 1s, t0 + i * 1s);
    CHECK(limit.current() == Approx(10));  // floor: 10% of 100
    CHECK_FALSE(limit.on_rate_limited(t0 + 20s, unknown, window, t0 + 20s, t0 + 20s));
}

TEST_CASE("a 429 settles the limit at what the server accepted of ours in the window before") {
    SECTION("the server took 60 where we allowed 100: the real limit is 60") {
        d::adaptive_limit limit{100, halve, t0};
        CHECK(limit.on_rate_limited(t0 + 3s, 60, window, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(60));
    }
    SECTION("never lower than one decrease factor: a small count says more about other users") {
        d::adaptive_limit limit{100, halve, t0};
        CHECK(limit.on_rate_limited(t0 + 3s, 0, window, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(50));
    }
    SECTION("a count at or above the limit explains nothing: decrease by the factor") {
        d::adaptive_limit limit{100, halve, t0};
        CHECK(limit.on_rate_limited(t0 + 3s, 100, window, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(50));
    }
    SECTION("three times the real limit converges in two steps") {
        d::adaptive_limit limit{180, halve, t0};
        REQUIRE(limit.on_rate_limited(t0 + 3s, 60, window, t0 + 6s, t0 + 3s));
        CHECK(limit.current() == Approx(90));
        REQUIRE(limit.on_rate_limited(t0 + 10s, 60, window, t0 + 11s, t0 + 10s));
        CHECK(limit.current() == Approx(60));
    }
}

TEST_CASE("429s for requests sent before the last decrease do not lower the limit again") {
    d::adaptive_limit limit{100, halve, t0};
    REQUIRE(limit.on_rate_limited(t0, unknown, window, t0 + 5s, t0 + 1s));
    // The rest of the burst that was in flight when the server started refusing.
    CHECK_FALSE(limit.on_rate_limited(t0 + 500ms, unknown, window, t0 + 5s, t0 + 1100ms));
    CHECK_FALSE(limit.on_rate_limited(t0 + 1s, 70, window, t0 + 5s, t0 + 1200ms));
    CHECK(limit.current() == Approx(50));
    // A request sent after the decrease was still refused: lower again.
    CHECK(limit.on_rate_limited(t0 + 6s, unknown, window, t0 + 8s, t0 + 6500ms));
    CHECK(limit.current() == Approx(25));
}

TEST_CASE("a request counted as accepted by a decrease, then refused, takes one off the limit") {
    d::adaptive_limit limit{100, halve, t0};
    // Refused request admitted at t0 + 10 s; 60 admitted in the minute before were counted,
    // some still in flight.
    REQUIRE(limit.on_rate_limited(t0 + 10s, 60, window, t0 + 12s, t0 + 10100ms));
    REQUIRE(limit.current() == Approx(60));
    // One of those in flight comes back 429 as well: it was not accepted after all.
    CHECK(limit.on_rate_limited(t0 + 9900ms, 60, window, t0 + 12s, t0 + 10200ms));
    CHECK(limit.current() == Approx(59));
    // One admitted after the refused one (not counted) changes nothing.
    CHECK_FALSE(limit.on_rate_limited(t0 + 10050ms, 60, window, t0 + 12s, t0 + 10200ms));
    CHECK(limit.current() == Approx(59));
}

TEST_CASE("the lowered limit holds for a recovery period after the pause, then climbs linearly") {
    d::adaptive_limit limit{100, halve, t0};
    REQUIRE(limit.on_rate_limited(t0, 60, window, t0 + 10s, t0));
    CHECK_FALSE(limit.on_success(t0 + 5s));   // within the pause
    CHECK_FALSE(limit.on_success(t0 + 39s));  // within the hold: pause end + 30 s
    CHECK(limit.current() == Approx(60));
    CHECK(limit.on_success(t0 + 43s));  // 3 s of credit at 100 per 30 s
    CHECK(limit.current() == Approx(70));
    CHECK(limit.on_success(t0 + 60s));
    CHECK(limit.current() == Approx(100));  // capped at the ceiling
    CHECK_FALSE(limit.on_success(t0 + 90s));
}

TEST_CASE("a lower ceiling clamps the limit, a higher one lets it climb") {
    d::adaptive_limit limit{100, halve, t0};
    CHECK(limit.set_ceiling(40));
    CHECK(limit.current() == Approx(40));
    CHECK(limit.floor() == Approx(4));
    CHECK_FALSE(limit.set_ceiling(80));
    CHECK(limit.current() == Approx(40));
    limit.on_success(t0 + 15s);
    CHECK(limit.current() == Approx(80));
}
