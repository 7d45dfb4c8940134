// The budget of keyless calls: it paces nothing ahead of time, and pauses after a 429 as the
// key's budget does.
#include "client/public_budget.hpp"
#include "scheduler/admission_budget.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <vector>

namespace tr = talentray;
using namespace std::chrono_literals;

namespace {
constexpr auto no_deadline = std::chrono::steady_clock::time_point::max();
}

TEST_CASE("keyless calls pause as the key's calls do, with no rate set ahead of time") {
    tr::scheduler_options key;
    key.default_pause = 3s;
    key.max_pause = 30s;
    key.pause_jitter = 0.25;
    key.retry_budget_ratio = 0.2;
    const tr::scheduler_options keyless = tr::detail::public_budget_options(key);
    CHECK_NOTHROW(tr::validate(keyless));
    CHECK(keyless.default_pause == 3s);
    CHECK(keyless.max_pause == 30s);
    CHECK(keyless.pause_jitter == 0.25);
    CHECK(keyless.retry_budget_ratio == 0.2);
    // Far beyond anything one client sends: a million a second, as many in flight.
    CHECK(keyless.requests_per_window >= 1'000'000);
    CHECK(keyless.window == 1s);
    CHECK(tr::burst_for(keyless) >= 100'000);
    CHECK(keyless.max_in_flight >= 1'000'000);
    // A 429 never lowers a rate nobody set.
    CHECK(keyless.rate_decrease_factor == 1.0);
}

TEST_CASE("the keyless budget admits a thousand calls without making one wait") {
    auto budget = tr::detail::make_public_budget({});
    // Hold every permit: in-flight calls do not cap keyless ones at the key's 16.
    std::vector<tr::admission_permit> held;
    boost::asio::io_context io;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < 1000; ++i) {
                auto permit = co_await tr::detail::budget_of(*budget).admit(tr::priority::interactive, no_deadline);
                REQUIRE(permit);
                held.push_back(std::move(*permit));
            }
        },
        boost::asio::detached);
    io.run();
    CHECK(held.size() == 1000);
    const auto counters = budget->counters();
    CHECK(counters.admitted == 1000);
    CHECK(counters.waited == 0);
}
