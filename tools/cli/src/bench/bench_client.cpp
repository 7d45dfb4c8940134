#include "bench_client.hpp"

#include <talentray/scheduler/rate_budget.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

namespace talentray::cli::bench {

key_limit configured_limit(const client_options& options) noexcept {
    return {options.scheduler.requests_per_window, options.scheduler.window};
}

client_options scheduled_options(client_options base, double per_second) {
    scheduler_options s = base.scheduler;
    std::chrono::seconds window = s.window;
    // At least two requests per window, as the budget requires.
    if (per_second * static_cast<double>(window.count()) < 2)
        window = std::chrono::seconds{static_cast<std::int64_t>(std::ceil(2 / per_second))};
    const auto requests = static_cast<std::uint32_t>(std::llround(per_second * static_cast<double>(window.count())));
    // The schedule already sends at the rate; the budget refills at (requests_per_window -
    // burst) / window, so with a burst on top of N it refills at exactly the asked N per window.
    // The burst lets it catch up after a late timer: with none, every delay would carry over to
    // all later calls (a refill rate equal to the arrival rate never drains a queue).
    const std::uint32_t burst = std::clamp<std::uint32_t>(requests / 10, 2, 10);
    s.requests_per_window = requests + burst;
    s.window = window;
    s.burst = burst;
    base.scheduler = s;
    base.budget = std::make_shared<rate_budget>(s);
    return base;
}

client_options raw_options(client_options base) {
    scheduler_options s = base.scheduler;
    s.requests_per_window = 1'000'000;
    s.window = std::chrono::seconds{1};
    s.burst.reset();
    s.default_pause = std::chrono::milliseconds{1};
    s.max_pause = std::chrono::milliseconds{1};
    s.pause_jitter = 0;
    s.sync_from_headers = false;
    base.scheduler = s;
    base.budget = std::make_shared<rate_budget>(s);
    base.retry.max_attempts = 1;
    base.retry.max_rate_limited_attempts = 1;
    return base;
}

}  // namespace talentray::cli::bench
