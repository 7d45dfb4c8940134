// When the server will take the key's next request: the pause a 429 imposed, the window it
// reported in rate-limit headers, and the key's own requests it may still be counting. Pure
// state, in virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

namespace talentray::detail {

/// The server's side of admission, as far as this process can know it.
///
/// **The pause.** A 429 closes the key until its `Retry-After` has passed.
///
/// **The reported window.** Rate-limit headers say how many requests the server will still
/// accept until its window resets; admissions are capped at that.
///
/// **The requests it may still count.** A server counts a request when it arrives, which is
/// somewhere between its admission and its response: a cold connection's TLS handshake delays
/// the first requests more than later ones, so admissions spread evenly can arrive bunched, and
/// a window of arrivals can hold more than a window of admissions. Nothing tells when the
/// request really arrived, but the response (or the client giving up) comes after it. So:
/// admit only while
///     (attempts finished in the last window) + (attempts in flight) < limit.
/// Then no window-long interval holds more than `limit` arrivals, for any delays: of the
/// requests arriving in such an interval, take the one admitted last; every other one was, at
/// its admission, either in flight or finished no earlier than its arrival, inside that window.
/// The cost is the latency: each attempt occupies the window for window + latency.
class server_window {
public:
    /// `window` is the key's configured window (positive). Only the newest `max_finishes`
    /// finishes are kept: exact for limits up to that many (only the newest `limit` finishes
    /// ever decide an admission); above it the count falls short and the pace alone keeps
    /// the limit.
    server_window(duration window, std::size_t max_finishes) noexcept
        : window_(window), max_finishes_(max_finishes) {}

    // --- The pause and the reported window ---------------------------------------------------

    /// A 429 closes the key until `until`. Returns whether that moved the end later (an
    /// earlier end never shortens a pause).
    bool pause_until(time_point until) noexcept;

    /// When the current 429 pause ends (in the past when there is none).
    time_point paused_until() const noexcept { return paused_until_; }

    /// The earliest time at or after `now` when neither the pause nor an exhausted reported
    /// window forbids an admission.
    time_point opens_at(time_point now) const noexcept;

    /// The server reported `left` more requests allowed (after discounting requests still in
    /// flight) until `reset_at`. Reports about the same window (resets within a second of each
    /// other) can only lower the count, since responses arrive out of order; a report about a
    /// later window replaces the old one; a report about an earlier window is stale and ignored.
    void report(std::uint64_t left, time_point reset_at, time_point now) noexcept;

    /// True when no admission may happen at `now` because the reported window is used up.
    bool exhausted(time_point now) const noexcept;

    /// Admissions the server will still accept before the reported reset, or nothing when no
    /// window is known at `now`.
    std::optional<std::uint64_t> left(time_point now) const noexcept;

    // --- The requests it may still count -----------------------------------------------------

    /// One admission happened at `now`.
    void on_admit(time_point now) noexcept;

    /// An attempt admitted earlier finished at `now` (answered, failed or abandoned after it
    /// may have been sent). `now` never goes backwards.
    void on_finish(time_point now);

    /// Attempts finished within the window ending at `now`, i.e. after now − window.
    std::uint64_t finished_in_window(time_point now) const noexcept;

    /// The earliest time at or after `now` when `count` more admissions fit under `limit`,
    /// given `in_flight` attempts still out: `now` when they fit, the moment enough finished
    /// attempts leave the window otherwise, and time_point::max() when the attempts in flight
    /// alone fill the limit (only their finishing, then a window, can free room). A fractional
    /// limit (a lowered one) admits only whole requests below it.
    time_point time_for(std::uint64_t count, std::uint64_t in_flight, double limit, time_point now) const noexcept;

    /// A lower bound on when `count` more admissions will have been possible, counting from
    /// `now` (the pause already waited): the reported window must hold them, and the finished
    /// attempts must leave room beside those in flight. Admissions beyond what the limit can
    /// take beside those in flight also need attempts to finish, which nothing here can
    /// predict: only the ones it can take are bounded.
    time_point earliest(std::uint64_t count, std::uint64_t in_flight, double limit, time_point now) const noexcept;

private:
    bool reported(time_point now) const noexcept { return reported_ && now < reset_at_; }
    /// The first finish still counted at `now`.
    std::deque<time_point>::const_iterator first_counted(time_point now) const noexcept;

    duration window_;
    std::size_t max_finishes_;
    time_point paused_until_{};
    bool reported_ = false;
    std::uint64_t left_ = 0;
    time_point reset_at_{};
    std::deque<time_point> finished_;  ///< in order, within the last window
};

}  // namespace talentray::detail
