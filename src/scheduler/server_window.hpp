// What the server last said about its current rate-limit window: how many requests it will
// still accept and when the window resets. Pure state, in virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <cstdint>
#include <optional>

namespace talentray::detail {

/// Caps admissions at what the server reported remaining until the window resets.
class server_window {
public:
    /// The server reported `left` more requests allowed (after discounting requests still in
    /// flight) until `reset_at`. Reports about the same window (resets within a second of each
    /// other) can only lower the count, since responses arrive out of order; a report about a
    /// later window replaces the old one; a report about an earlier window is stale and ignored.
    void report(std::uint64_t left, time_point reset_at, time_point now) noexcept;

    /// True when no admission may happen at `now` because the window is used up.
    bool exhausted(time_point now) const noexcept;

    /// When the current reported window resets (meaningful while `exhausted`).
    time_point reset_at() const noexcept { return reset_at_; }

    /// Admissions the server will still accept before `reset_at`, or nothing when no window
    /// is known at `now`.
    std::optional<std::uint64_t> left(time_point now) const noexcept;

    /// One admission happened at `now`.
    void on_admit(time_point now) noexcept;

private:
    bool active(time_point now) const noexcept { return known_ && now < reset_at_; }

    bool known_ = false;
    std::uint64_t left_ = 0;
    time_point reset_at_{};
};

}  // namespace talentray::detail
