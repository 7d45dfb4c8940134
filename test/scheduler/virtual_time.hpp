// Where the scheduler's unit tests start their virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <chrono>

namespace talentray::testing {

/// An hour after the clock's epoch, so that a test can look back from its start.
inline const detail::time_point t0 = detail::time_point{} + std::chrono::hours{1};

}  // namespace talentray::testing
