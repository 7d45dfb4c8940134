// The retry budget of a key: how many retries for 5xx, timeouts and network errors may start,
// so that a failing server is not met with a retry storm. Pure state, in virtual time.
#pragma once

#include "scheduler/clock.hpp"

namespace talentray::detail {

/// A token bucket of retries: every attempt deposits `ratio` of a token, time adds
/// `min_per_second` (the floor), each retry withdraws a whole token, and at most `capacity`
/// are saved. Starts full.
class retry_budget {
public:
    retry_budget(double ratio, double min_per_second, double capacity, time_point now) noexcept;

    /// One attempt was made.
    void deposit(time_point now) noexcept;

    /// Takes one retry if the budget allows it. Returns whether it did.
    bool try_withdraw(time_point now) noexcept;

    /// Retries available at `now`.
    double balance(time_point now) const noexcept;

private:
    void accrue(time_point now) noexcept;

    double ratio_;
    double min_per_second_;
    double capacity_;
    double balance_;
    time_point updated_;
};

}  // namespace talentray::detail
