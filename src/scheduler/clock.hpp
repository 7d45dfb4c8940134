// The time types of the scheduler's pure logic. Every function takes `now` explicitly, so tests
// drive it in virtual time; only the async shell reads a real clock.
#pragma once

#include <chrono>

namespace talentray::detail {

using steady_clock = std::chrono::steady_clock;
using time_point = steady_clock::time_point;
using duration = steady_clock::duration;

/// `seconds` (any non-negative number, possibly huge) as a clock duration rounded up, saturated
/// at roughly a century so later additions cannot overflow.
duration to_duration_ceil(double seconds) noexcept;

/// `d` in seconds.
inline double to_seconds(duration d) noexcept { return std::chrono::duration<double>(d).count(); }

/// `t + d` without overflowing past time_point::max().
time_point saturating_add(time_point t, duration d) noexcept;

}  // namespace talentray::detail
