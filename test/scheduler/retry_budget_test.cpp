// The retry budget in virtual time: a failing server does not get a retry storm.
#include "scheduler/retry_budget.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
using talentray::testing::t0;
}

TEST_CASE("the saved-up retries run out, then only the floor refills") {
    d::retry_budget budget{0.2, 1.0, 10.0, t0};
    for (int i = 0; i < 10; ++i) CHECK(budget.try_withdraw(t0));
    CHECK_FALSE(budget.try_withdraw(t0));
    CHECK_FALSE(budget.try_withdraw(t0 + 999ms));
    CHECK(budget.try_withdraw(t0 + 1s));  // one per second from the floor
    CHECK_FALSE(budget.try_withdraw(t0 + 1s));
}

TEST_CASE("attempts earn retries at the configured ratio") {
    d::retry_budget budget{0.2, 0.0, 10.0, t0};
    for (int i = 0; i < 10; ++i) REQUIRE(budget.try_withdraw(t0));
    int retries = 0;
    // A server failing everything: 100 attempts, each asking for a retry.
    for (int attempt = 0; attempt < 100; ++attempt) {
        budget.deposit(t0);
        if (budget.try_withdraw(t0)) ++retries;
    }
    CHECK(retries == 20);
}

TEST_CASE("the balance never exceeds the burst") {
    d::retry_budget budget{0.5, 1.0, 3.0, t0};
    for (int i = 0; i < 100; ++i) budget.deposit(t0 + 1h);
    CHECK(budget.balance(t0 + 2h) == Approx(3.0));
    for (int i = 0; i < 3; ++i) CHECK(budget.try_withdraw(t0 + 2h));
    CHECK_FALSE(budget.try_withdraw(t0 + 2h));
}
