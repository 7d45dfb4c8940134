#include "scheduler/clock.hpp"

#include <cmath>

namespace talentray::detail {

namespace {
// Far enough to mean "never" for any pause or refill, near enough to add to any time point.
constexpr double longest_seconds = 100.0 * 365 * 24 * 3600;
}  // namespace

duration to_duration_ceil(double seconds) noexcept {
    if (!(seconds > 0)) return duration::zero();  // also NaN
    if (seconds >= longest_seconds) seconds = longest_seconds;
    return std::chrono::ceil<duration>(std::chrono::duration<double>(seconds));
}

time_point saturating_add(time_point t, duration d) noexcept {
    if (d <= duration::zero()) return t;
    if (t > time_point::max() - d) return time_point::max();
    return t + d;
}

}  // namespace talentray::detail
