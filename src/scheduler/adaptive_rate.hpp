// Additive-increase / multiplicative-decrease control of the admission rate, in virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <optional>

namespace talentray::detail {

/// The admission rate of a key (requests per second) between a floor and a ceiling: lowered
/// multiplicatively by 429s, raised back linearly in time while responses succeed.
class adaptive_rate {
public:
    struct settings {
        double decrease_factor;    ///< in (0, 1]
        double floor_fraction;     ///< of the ceiling, in (0, 1]
        duration recovery_period;  ///< time to regain the full ceiling from zero; positive
    };

    /// Starts at `ceiling` (positive).
    adaptive_rate(double ceiling, settings s, time_point now) noexcept;

    double current() const noexcept { return current_; }
    double ceiling() const noexcept { return ceiling_; }
    double floor() const noexcept { return ceiling_ * settings_.floor_fraction; }

    /// A 429 answered a request sent at `sent_at`. Lowers the rate unless the request was sent
    /// before the previous decrease (its overload is already accounted for). Recovery credit
    /// starts only at `recovery_from` (the end of the pause the 429 caused).
    /// Returns whether the rate was lowered.
    bool on_rate_limited(time_point sent_at, time_point recovery_from, time_point now) noexcept;

    /// A response other than 429 arrived: the rate climbs by the time elapsed since the last
    /// change. Returns whether the rate changed.
    bool on_success(time_point now) noexcept;

    /// Moves the ceiling (e.g. to a lower limit the server advertised); the current rate is
    /// kept within it. Returns whether the current rate changed.
    bool set_ceiling(double ceiling) noexcept;

private:
    double ceiling_;
    double current_;
    settings settings_;
    std::optional<time_point> last_decrease_;
    time_point credited_until_;  ///< recovery has been credited up to here
};

}  // namespace talentray::detail
