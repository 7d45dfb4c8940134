// scheduler/response_feedback.hpp — what the client tells the rate budget about the
// outcome of one attempt. Plain values, so the scheduler never sees Beast types.
#pragma once

#include "scheduler/admission_depth.hpp"
#include "scheduler/rate_limit_headers.hpp"

#include <chrono>
#include <optional>

namespace talentray {

/// The outcome of one admitted attempt, reported through `rate_budget::on_response`.
struct response_feedback {
    /// The HTTP status, or 0 when no response arrived (timeout, network error).
    int http_status = 0;

    /// The `Retry-After` of the response, parsed by `parse_retry_after`; nothing when absent
    /// or malformed (a 429 then pauses the key for `scheduler_options::default_pause`).
    std::optional<std::chrono::seconds> retry_after;

    /// The rate-limit headers of the response, if any (views; read during the call only).
    rate_limit_headers rate_limit;

    /// When the attempt was admitted: `admission_permit::admitted_at()`. It tells a 429 caused
    /// by a request sent before the last rate decrease (which must not lower the rate again)
    /// from one sent after it. Left unset, a 429 arriving while the key is already paused is
    /// counted as part of the same overload.
    std::optional<std::chrono::steady_clock::time_point> admitted_at;

    /// Where the admission stood relative to the steady pace: `admission_permit::depth()`. It
    /// tells a 429 caused by a burst (which lowers the burst) from one caused by the rate (which
    /// lowers the rate). Left unset, a 429 is taken as a refusal of the rate.
    std::optional<detail::admission_depth> depth;
};

}  // namespace talentray
