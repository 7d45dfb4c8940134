// The key's recent admissions and which of them the server refused: what a 429 is measured
// against to learn the server's real limit. Pure state, in virtual time.
#pragma once

#include "scheduler/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>

namespace talentray::detail {

/// Admission times of the last two windows, each marked once a 429 refuses it.
class admission_history {
public:
    /// `window` is positive. Only the newest `max_entries` admissions are kept (twice the
    /// limit is enough; the cap bounds memory for very large limits, where a count cut short
    /// only makes a decrease deeper, within the decrease factor).
    admission_history(duration window, std::size_t max_entries) noexcept
        : window_(window), max_entries_(max_entries) {}

    /// An attempt was admitted at `now` (never earlier than the previous one).
    void on_admit(time_point now);

    /// The attempt admitted at `admitted_at` was answered 429. Unknown times are ignored.
    void on_refused(time_point admitted_at) noexcept;

    /// Admissions in [sent_at − window, sent_at) that were not refused: what the server accepted
    /// of this key in the window before a request it refused, as far as this process knows.
    /// Attempts still in flight count as accepted (they were sent before it). Requests admitted
    /// more than two windows before the latest admission are forgotten and not counted.
    std::uint64_t accepted_before(time_point sent_at) const noexcept;

private:
    struct admission {
        time_point at;
        bool refused = false;
    };

    duration window_;
    std::size_t max_entries_;
    std::deque<admission> admissions_;  ///< in order of `at`
};

}  // namespace talentray::detail
