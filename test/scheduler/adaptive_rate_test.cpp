// Multiplicative decrease on 429, linear recovery on success, in virtual time.
#include "scheduler/adaptive_rate.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
const d::time_point t0 = d::time_point{} + 1h;
const d::adaptive_rate::settings halve{0.5, 0.1, 30s};
}  // namespace

TEST_CASE("a 429 halves the rate, down to the floor") {
    d::adaptive_rate rate{10.0, halve, t0};
    CHECK(rate.on_rate_limited(t0 + 1s, t0 + 1s, t0 + 1s));
    CHECK(rate.current() == Approx(5.0));
    CHECK(rate.on_rate_limited(t0 + 2s, t0 + 2s, t0 + 2s));
    CHECK(rate.current() == Approx(2.5));
    for (int i = 3; i < 10; ++i) rate.on_rate_limited(t0 + i * 1s, t0 + i * 1s, t0 + i * 1s);
    CHECK(rate.current() == Approx(1.0));  // floor: 10% of 10
    CHECK_FALSE(rate.on_rate_limited(t0 + 20s, t0 + 20s, t0 + 20s));
}

TEST_CASE("429s for requests sent before the last decrease do not lower the rate again") {
    d::adaptive_rate rate{10.0, halve, t0};
    REQUIRE(rate.on_rate_limited(t0, t0 + 5s, t0 + 1s));
    // The rest of the burst that was in flight when the server started refusing.
    CHECK_FALSE(rate.on_rate_limited(t0 + 500ms, t0 + 5s, t0 + 1100ms));
    CHECK_FALSE(rate.on_rate_limited(t0 + 1s, t0 + 5s, t0 + 1200ms));
    CHECK(rate.current() == Approx(5.0));
    // A request sent after the decrease was still refused: lower again.
    CHECK(rate.on_rate_limited(t0 + 6s, t0 + 8s, t0 + 6500ms));
    CHECK(rate.current() == Approx(2.5));
}

TEST_CASE("success restores the rate linearly, starting only after the pause") {
    d::adaptive_rate rate{10.0, halve, t0};
    REQUIRE(rate.on_rate_limited(t0, t0 + 10s, t0));
    CHECK_FALSE(rate.on_success(t0 + 5s));  // still within the pause
    CHECK(rate.current() == Approx(5.0));
    CHECK(rate.on_success(t0 + 13s));  // 3 s of credit at 10/30 per second
    CHECK(rate.current() == Approx(6.0));
    CHECK(rate.on_success(t0 + 25s));
    CHECK(rate.current() == Approx(10.0));  // capped at the ceiling
    CHECK_FALSE(rate.on_success(t0 + 40s));
}

TEST_CASE("a lower ceiling clamps the rate, a higher one lets it climb") {
    d::adaptive_rate rate{10.0, halve, t0};
    CHECK(rate.set_ceiling(4.0));
    CHECK(rate.current() == Approx(4.0));
    CHECK(rate.floor() == Approx(0.4));
    CHECK_FALSE(rate.set_ceiling(8.0));
    CHECK(rate.current() == Approx(4.0));
    rate.on_success(t0 + 30s);
    CHECK(rate.current() == Approx(8.0));
}
