// The limit a key works with (requests per window), learned from 429s at a steady pace: lowered
// to what the server really accepted of the key's admissions, then probed back up by halving the
// distance to the lowest refused limit, each probe after a hold of clean admissions. Pure state,
// in virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <utility>

namespace talentray::detail {

/// Between a floor and a ceiling (the configured or advertised limit).
///
/// It remembers the key's admissions of the last two windows, each marked once a 429 refuses
/// it: what a 429 is measured against. A 429 lowers the limit to the share of the window the
/// server actually granted (or to the last limit that held, or by the decrease factor), and
/// remembers the limit that was refused. After `hold` of clean admissions it tries the midpoint
/// between the limit that holds and the one refused, and stops probing when they are within
/// 3 %: the learned limit then holds for the life of the budget, re-tested only after ten holds
/// in a row without a 429.
class learned_limit {
public:
    struct settings {
        double decrease_factor;  ///< the deepest single decrease, in (0, 1]
        double floor_fraction;   ///< of the ceiling, in (0, 1]
        duration hold;           ///< clean admissions before each probe higher
        duration window;         ///< the window the limit counts requests in
        /// Admissions remembered, at least 1 (twice the limit is enough; the cap bounds memory
        /// for very large limits, where a count cut short only makes a decrease deeper, within
        /// the decrease factor).
        std::size_t remembered;
    };

    /// Starts at `ceiling` (at least 1).
    learned_limit(double ceiling, settings s, time_point now) noexcept;

    double current() const noexcept { return current_; }
    double ceiling() const noexcept { return ceiling_; }
    double floor() const noexcept { return ceiling_ * settings_.floor_fraction; }
    /// The lowest limit a 429 refused, while it is still believed.
    std::optional<double> refused() const noexcept { return refused_; }

    // --- What the limit is measured against ---------------------------------------------------

    /// An attempt was admitted at `now` (never earlier than the previous one).
    void on_admit(time_point now);

    /// The attempt admitted at `admitted_at` was answered 429 (whatever the cause: a burst's
    /// refusal too). Times never admitted are ignored.
    void on_refused(time_point admitted_at) noexcept;

    /// Admissions in [sent_at − window, sent_at) that were not refused: what the server accepted
    /// of this key in the window before a request it refused, as far as this process knows.
    /// Attempts still in flight count as accepted (they were sent before it). Requests admitted
    /// more than two windows before the latest admission are forgotten and not counted.
    std::uint64_t accepted_before(time_point sent_at) const noexcept;

    // --- Learning -----------------------------------------------------------------------------

    /// A 429 answered a request admitted at the steady pace at `sent_at`. `accepted` is how
    /// many of the key's requests admitted in the window before `sent_at` were not refused
    /// (`accepted_before`), when the admission time is known.
    ///
    /// A request sent after the previous decrease lowers the limit: to `accepted` when that is
    /// below it (then trusted: no probe goes back above it until it is re-tested), else to the
    /// last limit that held clean, else by the decrease factor; never by more than the factor.
    /// A request sent before it belongs to the overload already accounted for; if it was among
    /// the `accepted` that set the limit at that decrease, the count was one too high and the
    /// limit drops by one. Clean time counts from `recovery_from` (the end of the pause).
    /// Returns whether the limit changed.
    bool on_rate_limited(time_point sent_at, std::optional<std::uint64_t> accepted, time_point recovery_from,
                         time_point now) noexcept;

    /// A response other than 429 arrived: credits the time since the previous one (at most
    /// two request intervals, at least a second, so idle time does not count) and, after a
    /// full hold, probes higher. Returns whether the limit changed.
    bool on_success(time_point now) noexcept;

    /// Moves the ceiling (e.g. to a lower limit the server advertised); the current limit is
    /// kept within it. Returns whether the current limit changed.
    bool set_ceiling(double ceiling) noexcept;

private:
    struct admission {
        time_point at;
        bool refused = false;
    };

    void lower_to(double limit) noexcept;
    bool probe() noexcept;

    double ceiling_;
    double current_;
    settings settings_;
    std::deque<admission> admissions_;  ///< in order of `at`, the last two windows
    std::optional<time_point> last_decrease_;
    /// Admissions in [from, to) were counted as accepted by the last decrease.
    std::optional<std::pair<time_point, time_point>> counted_;
    std::optional<double> held_;     ///< the highest limit that held for a full hold since the last refusal
    std::optional<double> refused_;  ///< the lowest limit refused
    time_point clean_from_;          ///< clean time counts from here (the end of the last pause)
    std::optional<time_point> last_success_;
    duration clean_{};               ///< clean admission time at the current limit
    int settled_holds_ = 0;          ///< holds passed without a probe, the limit being learned
};

}  // namespace talentray::detail
