#include "scheduler/sent_window.hpp"

#include <algorithm>
#include <cmath>

namespace talentray::detail {

// A finish at t is counted while now < t + window, as the server counts an arrival.
std::deque<time_point>::const_iterator sent_window::first_counted(time_point now) const noexcept {
    return std::partition_point(finished_.begin(), finished_.end(),
                                [&](time_point t) { return saturating_add(t, window_) <= now; });
}

void sent_window::on_finish(time_point now) {
    finished_.erase(finished_.begin(), first_counted(now));
    if (finished_.size() >= max_entries_ && !finished_.empty()) finished_.pop_front();
    finished_.push_back(now);
}

std::uint64_t sent_window::finished_in_window(time_point now) const noexcept {
    return static_cast<std::uint64_t>(finished_.end() - first_counted(now));
}

time_point sent_window::time_for(std::uint64_t count, std::uint64_t in_flight, double limit,
                                 time_point now) const noexcept {
    // A fractional limit (a lowered one) admits only whole requests below it.
    const auto whole = static_cast<std::uint64_t>(std::max(1.0, std::floor(limit)));
    const std::uint64_t wanted = in_flight + count;
    if (wanted > whole) return time_point::max();
    const auto first = first_counted(now);
    const auto counted = static_cast<std::uint64_t>(finished_.end() - first);
    if (counted + wanted <= whole) return now;
    // The oldest (counted + wanted − whole) finishes must leave the window first.
    return saturating_add(*(first + static_cast<std::ptrdiff_t>(counted + wanted - whole - 1)), window_);
}

}  // namespace talentray::detail
