// Which of the key's requests the server may still be counting: the admission check that holds
// whatever the delay between admission and arrival. Pure state, in virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>

namespace talentray::detail {

/// Counts every attempt from its admission until one window after it finished.
///
/// A server counts a request when it arrives, which is somewhere between its admission and its
/// response: a cold connection's TLS handshake delays the first requests more than later ones,
/// so admissions spread evenly can arrive bunched, and a window of arrivals can hold more than a
/// window of admissions. Nothing tells when the request really arrived, but the response (or
/// the client giving up) comes after it. So: admit only while
///     (attempts finished in the last window) + (attempts in flight) < limit.
/// Then no window-long interval holds more than `limit` arrivals, for any delays: of the
/// requests arriving in such an interval, take the one admitted last; every other one was, at
/// its admission, either in flight or finished no earlier than its arrival, inside that window.
/// The cost is the latency: each attempt occupies the window for window + latency.
class sent_window {
public:
    /// `window` is positive. Only the newest `max_entries` finishes are kept: exact for limits
    /// up to that many (only the newest `limit` finishes ever decide an admission); above it the
    /// check under-counts and the token bucket alone keeps the limit.
    sent_window(duration window, std::size_t max_entries) noexcept : window_(window), max_entries_(max_entries) {}

    /// An attempt admitted earlier finished at `now` (answered, failed or abandoned after it
    /// may have been sent). `now` never goes backwards.
    void on_finish(time_point now);

    /// Attempts finished within the window ending at `now`, i.e. after now − window.
    std::uint64_t finished_in_window(time_point now) const noexcept;

    /// The earliest time at or after `now` when `count` more admissions fit under `limit`,
    /// given `in_flight` attempts still out: `now` when they fit, the moment enough finished
    /// attempts leave the window otherwise, and time_point::max() when the attempts in flight
    /// alone fill the limit (only their finishing, then a window, can free room).
    time_point time_for(std::uint64_t count, std::uint64_t in_flight, double limit, time_point now) const noexcept;

private:
    /// The first finish still counted at `now`.
    std::deque<time_point>::const_iterator first_counted(time_point now) const noexcept;

    duration window_;
    std::size_t max_entries_;
    std::deque<time_point> finished_;  ///< in order, within the last window
};

}  // namespace talentray::detail
