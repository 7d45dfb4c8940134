#include "scheduler/server_window.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace talentray::detail {

namespace {
// Reset times are reported in whole seconds relative to when each response was built, so two
// reports about one window can disagree by up to a second.
constexpr duration same_window_tolerance = std::chrono::seconds{1};

std::uint64_t whole_requests(double limit) noexcept {
    return static_cast<std::uint64_t>(std::max(1.0, std::floor(limit)));
}
}  // namespace

// --- The pause and the reported window -----------------------------------------------------------

bool server_window::pause_until(time_point until) noexcept {
    if (until <= paused_until_) return false;
    paused_until_ = until;
    return true;
}

time_point server_window::opens_at(time_point now) const noexcept {
    const time_point t = std::max(now, paused_until_);
    return exhausted(t) ? std::max(t, reset_at_) : t;
}

void server_window::report(std::uint64_t left, time_point reset_at, time_point now) noexcept {
    if (reported(now)) {
        if (reset_at + same_window_tolerance < reset_at_) return;  // older window: stale
        if (reset_at <= reset_at_ + same_window_tolerance) {
            left_ = std::min(left_, left);
            return;
        }
    }
    reported_ = true;
    left_ = left;
    reset_at_ = reset_at;
}

bool server_window::exhausted(time_point now) const noexcept { return reported(now) && left_ == 0; }

std::optional<std::uint64_t> server_window::left(time_point now) const noexcept {
    if (!reported(now)) return std::nullopt;
    return left_;
}

// --- The requests it may still count -------------------------------------------------------------

void server_window::on_admit(time_point now) noexcept {
    if (reported(now) && left_ > 0) --left_;
}

// A finish at t is counted while now < t + window, as the server counts an arrival.
std::deque<time_point>::const_iterator server_window::first_counted(time_point now) const noexcept {
    return std::partition_point(finished_.begin(), finished_.end(),
                                [&](time_point t) { return saturating_add(t, window_) <= now; });
}

void server_window::on_finish(time_point now) {
    finished_.erase(finished_.begin(), first_counted(now));
    if (finished_.size() >= max_finishes_ && !finished_.empty()) finished_.pop_front();
    finished_.push_back(now);
}

std::uint64_t server_window::finished_in_window(time_point now) const noexcept {
    return static_cast<std::uint64_t>(finished_.end() - first_counted(now));
}

time_point server_window::time_for(std::uint64_t count, std::uint64_t in_flight, double limit,
                                   time_point now) const noexcept {
    const std::uint64_t whole = whole_requests(limit);
    const std::uint64_t wanted = in_flight + count;
    if (wanted > whole) return time_point::max();
    const auto first = first_counted(now);
    const auto counted = static_cast<std::uint64_t>(finished_.end() - first);
    if (counted + wanted <= whole) return now;
    // The oldest (counted + wanted − whole) finishes must leave the window first.
    return saturating_add(*(first + static_cast<std::ptrdiff_t>(counted + wanted - whole - 1)), window_);
}

time_point server_window::earliest(std::uint64_t count, std::uint64_t in_flight, double limit,
                                   time_point now) const noexcept {
    time_point t = now;
    if (const auto remaining = left(now); remaining && *remaining < count) t = std::max(t, reset_at_);
    const std::uint64_t whole = whole_requests(limit);
    if (in_flight >= whole) return t;
    return std::max(t, time_for(std::min(count, whole - in_flight), in_flight, limit, now));
}

}  // namespace talentray::detail
