// validate(): every option checked, with an error that names the field and the bad value.
#include <talentray/scheduler/options.hpp>

#include <talentray/error.hpp>

#include "shared_budget/redis_url.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace talentray {

namespace {

[[noreturn]] void reject(const char* type, const char* field, const std::string& rule, const std::string& got) {
    throw_error(errc::invalid_argument, std::string(type) + "::" + field + " " + rule + " (got " + got + ")");
}

std::string text(double value) {
    if (std::isnan(value)) return "NaN";
    return std::to_string(value);
}

template <class Rep, class Period>
std::string text(std::chrono::duration<Rep, Period> d) {
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

bool within(double value, double low, double high) { return value >= low && value <= high; }  // false for NaN

// Durations are added to clock time points in nanoseconds; a year keeps that far from overflow
// and is beyond any sensible rate-limit window, pause or timeout.
constexpr std::chrono::hours longest{24 * 366};

}  // namespace

void validate(const scheduler_options& o) {
    constexpr const char* type = "scheduler_options";
    if (o.requests_per_window < 2)
        reject(type, "requests_per_window", "must be at least 2", std::to_string(o.requests_per_window));
    if (o.window <= std::chrono::seconds::zero() || o.window > longest)
        reject(type, "window", "must be positive and at most a year", text(o.window));
    if (o.burst && (*o.burst < 1 || *o.burst >= o.requests_per_window))
        reject(type, "burst", "must be at least 1 and less than requests_per_window (" +
                                  std::to_string(o.requests_per_window) + ")",
               std::to_string(*o.burst));
    if (o.max_in_flight < 1) reject(type, "max_in_flight", "must be at least 1", "0");
    if (o.bulk_admission_interval < 1) reject(type, "bulk_admission_interval", "must be at least 1", "0");
    if (o.default_pause <= std::chrono::milliseconds::zero())
        reject(type, "default_pause", "must be positive", text(o.default_pause));
    if (o.max_pause < o.default_pause || o.max_pause > longest)
        reject(type, "max_pause", "must be at least default_pause (" + text(o.default_pause) + ") and at most a year",
               text(o.max_pause));
    if (!within(o.pause_jitter, 0, 1)) reject(type, "pause_jitter", "must be in [0, 1]", text(o.pause_jitter));
    if (!within(o.rate_decrease_factor, 0, 1) || o.rate_decrease_factor == 0)
        reject(type, "rate_decrease_factor", "must be in (0, 1]", text(o.rate_decrease_factor));
    if (!within(o.min_rate_fraction, 0, 1) || o.min_rate_fraction == 0)
        reject(type, "min_rate_fraction", "must be in (0, 1]", text(o.min_rate_fraction));
    if (o.rate_recovery_period &&
        (*o.rate_recovery_period <= std::chrono::seconds::zero() || *o.rate_recovery_period > longest))
        reject(type, "rate_recovery_period", "must be positive and at most a year", text(*o.rate_recovery_period));
    if (!within(o.retry_budget_ratio, 0, 1))
        reject(type, "retry_budget_ratio", "must be in [0, 1]", text(o.retry_budget_ratio));
    if (!within(o.retry_budget_min_per_second, 0, 1e6))
        reject(type, "retry_budget_min_per_second", "must be in [0, 1000000]", text(o.retry_budget_min_per_second));
    if (o.retry_budget_burst < 1) reject(type, "retry_budget_burst", "must be at least 1", "0");
    if (o.shared_budget_timeout <= std::chrono::milliseconds::zero() || o.shared_budget_timeout > std::chrono::seconds{60})
        reject(type, "shared_budget_timeout", "must be positive and at most 60 s", text(o.shared_budget_timeout));
    if (!within(o.shared_budget_fallback_share, 0, 1) || o.shared_budget_fallback_share == 0)
        reject(type, "shared_budget_fallback_share", "must be in (0, 1]", text(o.shared_budget_fallback_share));
    // Throws naming what is wrong with the URL, never quoting its password; a library without
    // Redis names a bad URL's fault all the same before refusing a good one.
    if (!o.shared_budget.empty()) (void)detail::parse_redis_url(o.shared_budget);
#if !TALENTRAY_WITH_REDIS
    if (!o.shared_budget.empty())
        throw_error(errc::invalid_argument, "scheduler_options::shared_budget: this talentray library was built "
                                            "without Redis (TALENTRAY_WITH_REDIS=OFF); leave it empty");
#endif
}

std::uint32_t burst_for(const scheduler_options& o) noexcept {
    if (o.burst) return *o.burst;
    // 10 of the documented 600 per minute, in proportion below that. At least 1, and less than
    // any valid limit (which is at least 2): limit / 60 rounded stays below it.
    const std::uint32_t proportional = (o.requests_per_window + 30) / 60;
    return std::clamp<std::uint32_t>(proportional, 1, 10);
}

std::chrono::seconds rate_recovery_period_for(const scheduler_options& o) noexcept {
    if (o.rate_recovery_period) return *o.rate_recovery_period;
    // Long enough that a probe (which may cost a 429, a pause and the requests then in flight)
    // is rare next to the requests it may win, short enough that a job of minutes benefits.
    return std::chrono::seconds{30};
}

void validate(const retry_options& o) {
    constexpr const char* type = "retry_options";
    if (o.max_attempts < 1) reject(type, "max_attempts", "must be at least 1", "0");
    if (o.max_rate_limited_attempts < 1) reject(type, "max_rate_limited_attempts", "must be at least 1", "0");
    if (o.initial_backoff < std::chrono::milliseconds::zero())
        reject(type, "initial_backoff", "must not be negative", text(o.initial_backoff));
    if (o.max_backoff < o.initial_backoff || o.max_backoff > longest)
        reject(type, "max_backoff", "must be at least initial_backoff (" + text(o.initial_backoff) + ") and at most a year",
               text(o.max_backoff));
    if (!within(o.backoff_multiplier, 1, 1e6))
        reject(type, "backoff_multiplier", "must be in [1, 1000000]", text(o.backoff_multiplier));
    if (o.total_timeout <= std::chrono::milliseconds::zero() || o.total_timeout > longest)
        reject(type, "total_timeout", "must be positive and at most a year", text(o.total_timeout));
}

}  // namespace talentray
