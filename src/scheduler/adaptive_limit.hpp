// The limit a key works with (requests per window), lowered by what 429s teach and restored
// slowly while responses succeed. Pure state, in virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <cstdint>
#include <optional>
#include <utility>

namespace talentray::detail {

/// Between a floor and a ceiling (the configured or advertised limit): lowered by 429s to the
/// share of the window the server actually granted, held there, then raised back linearly.
class adaptive_limit {
public:
    struct settings {
        double decrease_factor;    ///< the deepest single decrease, in (0, 1]
        double floor_fraction;     ///< of the ceiling, in (0, 1]
        duration recovery_period;  ///< hold after a decrease, then the time to regain the ceiling
    };

    /// Starts at `ceiling` (at least 1).
    adaptive_limit(double ceiling, settings s, time_point now) noexcept;

    double current() const noexcept { return current_; }
    double ceiling() const noexcept { return ceiling_; }
    double floor() const noexcept { return ceiling_ * settings_.floor_fraction; }

    /// A 429 answered a request admitted at `sent_at`. `accepted` is how many of the key's
    /// requests admitted in the window before `sent_at` were not refused (the server's own
    /// count of them, as far as this process can tell), when known.
    ///
    /// A request sent after the previous decrease lowers the limit: to `accepted` when that is
    /// below it, but by no more than the decrease factor; by the factor otherwise. A request
    /// sent before it belongs to the overload already accounted for; if it was among the
    /// `accepted` that set the limit at that decrease, the count was one too high and the limit
    /// drops by one.
    /// Recovery starts one recovery period after `recovery_from` (the end of the pause).
    /// Returns whether the limit changed.
    bool on_rate_limited(time_point sent_at, std::optional<std::uint64_t> accepted, duration window,
                         time_point recovery_from, time_point now) noexcept;

    /// A response other than 429 arrived: once the hold is over, the limit climbs by
    /// ceiling × (time since the last credit) / recovery period. Returns whether it changed.
    bool on_success(time_point now) noexcept;

    /// Moves the ceiling (e.g. to a lower limit the server advertised); the current limit is
    /// kept within it. Returns whether the current limit changed.
    bool set_ceiling(double ceiling) noexcept;

private:
    void lower_to(double limit) noexcept;

    double ceiling_;
    double current_;
    settings settings_;
    std::optional<time_point> last_decrease_;
    /// Admissions in [from, to) were counted as accepted by the last decrease.
    std::optional<std::pair<time_point, time_point>> counted_;
    time_point credited_until_;  ///< recovery has been credited up to here (or starts here)
};

}  // namespace talentray::detail
