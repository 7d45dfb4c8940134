// scheduler/rate_limit_headers.hpp — the rate-limit headers a server may send, and
// what they say. The API documents none of them; when a server sends them the budget
// re-synchronises its bucket, and nothing depends on their presence.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace talentray {

/// Raw values of the rate-limit response headers, as the client saw them (empty when absent).
/// Views only: the referenced header storage must outlive every use of this object, which is
/// why `rate_budget::on_response` reads it synchronously and keeps no copy.
struct rate_limit_headers {
    std::string_view ratelimit;             ///< `RateLimit`: `limit=600, remaining=12, reset=8`
                                            ///< (draft -06/-07) or `"default";r=12;t=8` (draft -08+)
    std::string_view ratelimit_policy;      ///< `RateLimit-Policy`: `600;w=60` or `"default";q=600;w=60`
    std::string_view ratelimit_limit;       ///< `RateLimit-Limit` (draft -05 and earlier)
    std::string_view ratelimit_remaining;   ///< `RateLimit-Remaining`
    std::string_view ratelimit_reset;       ///< `RateLimit-Reset`, delta-seconds
    std::string_view x_ratelimit_limit;     ///< `X-RateLimit-Limit`
    std::string_view x_ratelimit_remaining; ///< `X-RateLimit-Remaining`
    std::string_view x_ratelimit_reset;     ///< `X-RateLimit-Reset`: delta-seconds, or Unix time

    /// Stores `value` in the field of header `name` (matched without regard to case), so a
    /// client can offer every response header in turn. A repeated header replaces the earlier
    /// value: pass the comma-joined field value for headers sent on several lines.
    /// Returns false (and stores nothing) when `name` is not a rate-limit header.
    bool assign(std::string_view name, std::string_view value) noexcept;

    /// True when no field is set.
    bool empty() const noexcept;
};

/// What a response's rate-limit headers say, each part only when present and well-formed.
struct rate_limit_info {
    std::optional<std::uint64_t> limit;          ///< requests allowed per window (never 0)
    std::optional<std::chrono::seconds> window;  ///< the window's length, when a policy names it
    std::optional<std::uint64_t> remaining;      ///< requests left in the current window
    std::optional<std::chrono::seconds> reset;   ///< time until the current window resets

    /// True when nothing usable was found.
    bool empty() const noexcept { return !limit && !window && !remaining && !reset; }
};

/// Reads `headers`. For each quantity the newest draft wins: `RateLimit` over
/// `RateLimit-Policy`, over `RateLimit-Limit/-Remaining/-Reset`, over `X-RateLimit-*`. With
/// several policies or quota items, the most restrictive one (lowest limit per second, lowest
/// remaining) is taken. An `X-RateLimit-Reset` above 10^9 is read as Unix time relative to
/// `now`. Malformed, negative or oversized (more than 15 digits) values are ignored one by one.
/// Returns what could be read, possibly nothing. Never throws.
rate_limit_info parse_rate_limit(const rate_limit_headers& headers,
                                 std::chrono::system_clock::time_point now) noexcept;

}  // namespace talentray
