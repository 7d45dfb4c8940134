// Option validation: every bad field is named, with its value.
#include <talentray/error.hpp>
#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>

using namespace std::chrono_literals;
namespace tr = talentray;

TEST_CASE("the defaults are valid") {
    CHECK_NOTHROW(tr::validate(tr::scheduler_options{}));
    CHECK_NOTHROW(tr::validate(tr::retry_options{}));
}

TEST_CASE("an unset burst follows the limit: limit / 60 rounded, between 1 and 10") {
    const std::pair<std::uint32_t, std::uint32_t> limit_and_burst[] = {
        {2, 1}, {5, 1}, {60, 1}, {89, 1}, {90, 2}, {120, 2}, {300, 5}, {600, 10}, {6000, 10}};
    for (const auto& [limit, burst] : limit_and_burst) {
        tr::scheduler_options o;
        o.requests_per_window = limit;
        INFO("limit " << limit);
        CHECK(tr::burst_for(o) == burst);
        CHECK_NOTHROW(tr::validate(o));  // a small limit needs no burst of its own any more
        CHECK_NOTHROW(tr::rate_budget{o});
    }
    tr::scheduler_options set;
    set.requests_per_window = 5;
    set.burst = 4;
    CHECK(tr::burst_for(set) == 4);  // an explicit burst is used as given
}

TEST_CASE("an unset recovery period is 30 seconds of clean admissions, whatever the window") {
    tr::scheduler_options o;
    CHECK(tr::rate_recovery_period_for(o) == 30s);
    o.window = 3600s;
    CHECK(tr::rate_recovery_period_for(o) == 30s);
    o.rate_recovery_period = 7s;
    CHECK(tr::rate_recovery_period_for(o) == 7s);
}

TEST_CASE("each invalid scheduler option is named") {
    const std::pair<const char*, std::function<void(tr::scheduler_options&)>> cases[] = {
        {"requests_per_window", [](auto& o) { o.requests_per_window = 1; }},
        {"window", [](auto& o) { o.window = 0s; }},
        {"window", [](auto& o) { o.window = std::chrono::hours{24 * 400}; }},
        {"burst", [](auto& o) { o.burst = 0; }},
        {"burst", [](auto& o) { o.burst = 600; }},
        {"burst", [](auto& o) {
             o.requests_per_window = 5;
             o.burst = 5;
         }},
        {"max_in_flight", [](auto& o) { o.max_in_flight = 0; }},
        {"bulk_admission_interval", [](auto& o) { o.bulk_admission_interval = 0; }},
        {"default_pause", [](auto& o) { o.default_pause = 0ms; }},
        {"max_pause", [](auto& o) { o.max_pause = 1s; }},
        {"pause_jitter", [](auto& o) { o.pause_jitter = 1.5; }},
        {"pause_jitter", [](auto& o) { o.pause_jitter = std::numeric_limits<double>::quiet_NaN(); }},
        {"rate_decrease_factor", [](auto& o) { o.rate_decrease_factor = 0; }},
        {"min_rate_fraction", [](auto& o) { o.min_rate_fraction = -0.1; }},
        {"rate_recovery_period", [](auto& o) { o.rate_recovery_period = 0s; }},
        {"retry_budget_ratio", [](auto& o) { o.retry_budget_ratio = 2; }},
        {"retry_budget_min_per_second", [](auto& o) { o.retry_budget_min_per_second = -1; }},
        {"retry_budget_burst", [](auto& o) { o.retry_budget_burst = 0; }},
    };
    for (const auto& [field, spoil] : cases) {
        tr::scheduler_options o;
        spoil(o);
        INFO(field);
        CHECK_THROWS_WITH(tr::validate(o), Catch::Contains(std::string("scheduler_options::") + field));
        CHECK_THROWS_AS(tr::rate_budget{o}, tr::error);
    }
}

TEST_CASE("an explicit burst that does not fit a small limit is refused by name") {
    tr::scheduler_options o;
    o.requests_per_window = 5;
    o.burst = 10;
    CHECK_THROWS_WITH(tr::validate(o), Catch::Contains("scheduler_options::burst must be at least 1 and less "
                                                       "than requests_per_window (5) (got 10)"));
}

TEST_CASE("the message says what is wrong and what was given") {
    tr::scheduler_options o;
    o.burst = 600;
    try {
        tr::validate(o);
        FAIL("no error");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::invalid_argument);
        CHECK(e.diag().client_message ==
              "scheduler_options::burst must be at least 1 and less than requests_per_window (600) (got 600)");
    }
}

TEST_CASE("each invalid retry option is named") {
    const std::pair<const char*, std::function<void(tr::retry_options&)>> cases[] = {
        {"max_attempts", [](auto& o) { o.max_attempts = 0; }},
        {"max_rate_limited_attempts", [](auto& o) { o.max_rate_limited_attempts = 0; }},
        {"initial_backoff", [](auto& o) { o.initial_backoff = -1ms; }},
        {"max_backoff", [](auto& o) { o.max_backoff = 1ms; }},
        {"backoff_multiplier", [](auto& o) { o.backoff_multiplier = 0.9; }},
        {"total_timeout", [](auto& o) { o.total_timeout = 0ms; }},
    };
    for (const auto& [field, spoil] : cases) {
        tr::retry_options o;
        spoil(o);
        INFO(field);
        CHECK_THROWS_WITH(tr::validate(o), Catch::Contains(std::string("retry_options::") + field));
    }
}
