// How many requests may start back to back: the token bucket's capacity, learned from the
// server. Starts small unless configured, grows by one each time the server accepts a burst
// that used all of it, and drops below the depth at which a burst was refused. Pure state, in
// virtual time.
#pragma once

#include "scheduler/admission_depth.hpp"
#include "scheduler/clock.hpp"

#include <talentray/scheduler/scheduler_counters.hpp>

#include <cstdint>
#include <optional>

namespace talentray::detail {

class burst_control {
public:
    /// `most` is the largest burst allowed (configured or the default for the limit) and
    /// `opening` the one to start with, both at least 1 (`opening` is cut to `most`).
    /// `opening_cause` says where the opening figure came from.
    burst_control(std::uint32_t most, std::uint32_t opening, limit_cause opening_cause) noexcept;

    /// The burst to admit with now.
    std::uint32_t current() const noexcept { return current_; }
    /// The most the burst may grow to: the configured figure, or below the shallowest refusal.
    std::uint32_t ceiling() const noexcept { return ceiling_; }
    /// What set `current()` last.
    limit_cause cause() const noexcept { return cause_; }

    /// Records an admission at `now` while the steady pace is `rate` requests per second
    /// (positive), and returns where it stood.
    admission_depth on_admit(time_point now, double rate) noexcept;

    /// The server accepted an admission made at `depth`: when that used the whole burst, the
    /// burst grows by one, up to the ceiling. Returns whether it changed.
    bool on_accepted(admission_depth depth) noexcept;

    /// The server refused an admission made at `depth` inside a burst (`depth.in_burst()`):
    /// the burst and its ceiling drop below that depth, to at least 1, for the rest of the
    /// budget's life. Returns whether the burst changed.
    bool on_refused_in_burst(admission_depth depth) noexcept;

private:
    std::uint32_t current_;
    std::uint32_t ceiling_;
    limit_cause cause_;
    double excess_ = 0;  ///< admissions ahead of the pace, as of `last_`
    std::optional<time_point> last_;
};

}  // namespace talentray::detail
