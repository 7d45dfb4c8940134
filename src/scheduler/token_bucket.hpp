// A token bucket in virtual time: the arithmetic behind admission, free of clocks and locks.
#pragma once

#include "scheduler/clock.hpp"

namespace talentray::detail {

/// Holds up to `capacity` tokens, refilled continuously at `rate` tokens per second; each
/// admission takes one. Tokens are fractional so that refill is exact between admissions.
/// Every operation takes the current time, which must not go backwards.
class token_bucket {
public:
    /// A full bucket. `rate` and `capacity` must be positive.
    token_bucket(double rate, double capacity, time_point now) noexcept;

    /// Tokens available at `now` (zero while the bucket is held, see `hold_until`).
    double tokens(time_point now) const noexcept;

    /// Takes one token if one is available at `now`. Returns whether it did.
    bool try_take(time_point now) noexcept;

    /// The earliest time at which `count` more admissions will have been possible, counting
    /// from `now` and assuming each takes its token as soon as it exists: `now` when enough
    /// tokens are there, later otherwise. `count` may exceed the capacity (queued requests
    /// consume tokens as they appear, so the cap is never reached while they wait).
    time_point time_for(double count, time_point now) const noexcept;

    /// Gives back a token taken for an attempt that was never sent (up to the capacity).
    void refund(time_point now) noexcept;

    /// Changes the refill rate from `now` on (tokens earned so far are kept).
    void set_rate(double rate, time_point now) noexcept;

    /// Changes the capacity from `now` on (surplus tokens are dropped).
    void set_capacity(double capacity, time_point now) noexcept;

    /// Drops tokens above `max_tokens` (used when the server reports fewer remaining).
    void limit_tokens(double max_tokens, time_point now) noexcept;

    /// Empties the bucket until `until`, when it holds `tokens_then` and starts refilling.
    void hold_until(time_point until, double tokens_then) noexcept;

    double rate() const noexcept { return rate_; }
    double capacity() const noexcept { return capacity_; }

private:
    void refill(time_point now) noexcept;

    double rate_;
    double capacity_;
    double tokens_;
    time_point updated_;  ///< `tokens_` is the level at this instant; may lie in the future
};

}  // namespace talentray::detail
