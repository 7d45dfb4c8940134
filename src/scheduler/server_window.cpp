#include "scheduler/server_window.hpp"

#include <algorithm>
#include <chrono>

namespace talentray::detail {

namespace {
// Reset times are reported in whole seconds relative to when each response was built, so two
// reports about one window can disagree by up to a second.
constexpr duration same_window_tolerance = std::chrono::seconds{1};
}  // namespace

void server_window::report(std::uint64_t left, time_point reset_at, time_point now) noexcept {
    if (active(now)) {
        if (reset_at + same_window_tolerance < reset_at_) return;  // older window: stale
        if (reset_at <= reset_at_ + same_window_tolerance) {
            left_ = std::min(left_, left);
            return;
        }
    }
    known_ = true;
    left_ = left;
    reset_at_ = reset_at;
}

bool server_window::exhausted(time_point now) const noexcept { return active(now) && left_ == 0; }

std::optional<std::uint64_t> server_window::left(time_point now) const noexcept {
    if (!active(now)) return std::nullopt;
    return left_;
}

void server_window::on_admit(time_point now) noexcept {
    if (active(now) && left_ > 0) --left_;
}

}  // namespace talentray::detail
