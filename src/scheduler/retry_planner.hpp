// The retry decision as a pure function: classification, idempotency, attempt limits,
// exponential backoff with full jitter and deadlines. The retry budget is consulted by the
// caller (`decide_retry`, retry_policy.hpp) only once this says "retry".
#pragma once

#include "scheduler/clock.hpp"
#include "scheduler/retry_policy.hpp"

#include <talentray/scheduler/options.hpp>

#include <cstdint>

namespace talentray::detail {

/// The backoff ceiling after `failures` failed attempts (1 after the first):
/// initial_backoff · multiplier^(failures − 1), at most max_backoff.
std::chrono::milliseconds backoff_ceiling(std::uint32_t failures, const retry_options& options) noexcept;

/// Decides whether the attempt described by `attempt` is retried, at `now`. `uniform` (in
/// [0, 1)) draws the delay below the backoff ceiling. A `Retry-After` is honoured as a lower
/// bound on the delay (after a 429 it is the key-wide pause, waited in admit(), so the delay
/// is zero and it only counts against the deadline).
retry_decision plan_retry(const attempt_info& attempt, const retry_options& options, time_point now,
                          double uniform) noexcept;

}  // namespace talentray::detail
