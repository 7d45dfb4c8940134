// How fast the key's requests may start, and how many back to back: a token bucket whose rate
// follows the key's limit and whose capacity, the burst, is learned from the server. Pure
// state, in virtual time.
#pragma once

#include "scheduler/admission_depth.hpp"
#include "scheduler/clock.hpp"

#include <talentray/scheduler/scheduler_counters.hpp>

#include <cstdint>
#include <optional>
#include <utility>

namespace talentray::detail {

/// A token bucket's refill rate (tokens per second) and capacity.
struct rate_shape {
    double rate;
    double capacity;
};

/// The bucket admitting at most `limit` requests in any interval of length `window`: a bucket
/// of capacity B refilled at r admits at most B + r·window in such an interval, so
/// r = (limit − B) / window. The capacity is `burst`, cut to half the limit (at least 1) when
/// the limit is that small, so the rate stays positive. Precondition: limit ≥ 1, window > 0,
/// burst ≥ 1.
rate_shape shape_for(std::uint64_t limit, duration window, std::uint64_t burst) noexcept;

/// The pace of one key's admissions.
///
/// The bucket holds up to `capacity()` tokens, refilled continuously at `rate()` per second;
/// each admission takes one. Tokens are fractional so that refill is exact between admissions.
/// Its shape follows the limit (`reshape`): the rate leaves room for the deepest burst the
/// budget may still grow to, so no window sees more than the limit whatever the burst does.
///
/// The burst starts at its opening figure and grows by one each time the server accepts a
/// request that used all of it; a refusal inside a burst drops it below that depth for good.
/// Each admission is told where it stood against the pace (`admission_depth`, GCRA's excess),
/// which is what tells a burst's 429 from the rate's.
///
/// Every operation takes the current time, which must not go backwards.
class pace {
public:
    struct burst_settings {
        std::uint32_t most;     ///< the largest burst allowed, at least 1
        std::uint32_t opening;  ///< the burst to start with (cut to `most`)
        limit_cause cause;      ///< where the opening figure came from
    };

    /// What a `reshape` changed: (from, to) for each quantity that moved.
    struct change {
        std::optional<std::pair<double, double>> rate;   ///< per second
        std::optional<std::pair<double, double>> burst;  ///< the capacity
    };

    /// Paces `limit` requests per `window` (limit ≥ 1, window > 0), starting with a full bucket
    /// of the opening burst.
    pace(std::uint64_t limit, duration window, burst_settings burst, time_point now) noexcept;

    // --- The bucket ---------------------------------------------------------------------------

    /// Tokens available at `now` (zero while the bucket is held, see `hold_until`).
    double tokens(time_point now) const noexcept;

    /// The earliest time at which `count` more admissions will have been possible, counting
    /// from `now` and assuming each takes its token as soon as it exists: `now` when enough
    /// tokens are there, later otherwise. `count` may exceed the capacity (queued requests
    /// consume tokens as they appear, so the cap is never reached while they wait).
    time_point time_for(double count, time_point now) const noexcept;

    /// Takes a token if one is available at `now` and returns where this admission stood
    /// against the pace; nothing (and no change) when there is no token.
    std::optional<admission_depth> try_admit(time_point now) noexcept;

    /// Gives back a token taken for an attempt that was never sent (up to the capacity).
    void refund(time_point now) noexcept;

    /// Drops tokens above `max_tokens` (used when the server reports fewer remaining).
    void limit_tokens(double max_tokens, time_point now) noexcept;

    /// Empties the bucket until `until`, when it holds `tokens_then` and starts refilling.
    /// An earlier end never shortens a hold.
    void hold_until(time_point until, double tokens_then) noexcept;

    double rate() const noexcept { return rate_; }
    double capacity() const noexcept { return capacity_; }
    /// The shape the configured limit gives, before anything was learned.
    rate_shape configured() const noexcept { return configured_; }

    // --- The shape ----------------------------------------------------------------------------

    /// Re-derives rate and capacity for a limit of `limit` requests per window (whole requests,
    /// at least 1), within the learned burst and what the server advertised. Returns what changed.
    change reshape(double limit, time_point now) noexcept;

    /// The server advertised `limit` requests per `window`: from now on rate and capacity stay
    /// within that limit's bucket (applied at the next `reshape`).
    void advertise(std::uint64_t limit, duration window) noexcept;

    // --- The burst ----------------------------------------------------------------------------

    /// The burst to admit with now.
    std::uint32_t burst() const noexcept { return burst_; }
    /// The most the burst may grow to: the configured figure, or below the shallowest refusal.
    std::uint32_t burst_ceiling() const noexcept { return burst_ceiling_; }
    /// What set `burst()` last.
    limit_cause burst_cause() const noexcept { return burst_cause_; }

    /// The server accepted an admission made at `depth`: when that used the whole burst, the
    /// burst grows by one, up to the ceiling. Returns whether it changed (reshape to apply it).
    bool on_accepted(admission_depth depth) noexcept;

    /// The server refused an admission made at `depth` inside a burst (`depth.in_burst()`): the
    /// burst and its ceiling drop below that depth, to at least 1, for the rest of the budget's
    /// life. Returns whether the burst changed (reshape to apply it).
    bool on_refused_in_burst(admission_depth depth) noexcept;

private:
    void refill(time_point now) noexcept;

    duration window_;
    rate_shape configured_;
    std::optional<rate_shape> advertised_;

    // The bucket.
    double rate_;
    double capacity_;
    double tokens_;
    time_point updated_;  ///< `tokens_` is the level at this instant; may lie in the future

    // The burst.
    std::uint32_t burst_;
    std::uint32_t burst_ceiling_;
    limit_cause burst_cause_;
    double excess_ = 0;  ///< admissions ahead of the pace, as of `last_admission_`
    std::optional<time_point> last_admission_;
};

}  // namespace talentray::detail
