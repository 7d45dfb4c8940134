#include "scheduler/adaptive_rate.hpp"

#include <algorithm>

namespace talentray::detail {

adaptive_rate::adaptive_rate(double ceiling, settings s, time_point now) noexcept
    : ceiling_(ceiling), current_(ceiling), settings_(s), credited_until_(now) {}

bool adaptive_rate::on_rate_limited(time_point sent_at, time_point recovery_from, time_point now) noexcept {
    // Every request in flight when the server started refusing comes back 429; only those sent
    // after the last decrease say the lowered rate is still too high.
    if (last_decrease_ && sent_at <= *last_decrease_) return false;
    last_decrease_ = now;
    credited_until_ = std::max(now, recovery_from);
    const double lowered = std::max(floor(), current_ * settings_.decrease_factor);
    const bool changed = lowered != current_;
    current_ = lowered;
    return changed;
}

bool adaptive_rate::on_success(time_point now) noexcept {
    if (now <= credited_until_) return false;
    const double elapsed = to_seconds(now - credited_until_);
    credited_until_ = now;
    if (current_ >= ceiling_) return false;
    current_ = std::min(ceiling_, current_ + ceiling_ * elapsed / to_seconds(settings_.recovery_period));
    return true;
}

bool adaptive_rate::set_ceiling(double ceiling) noexcept {
    ceiling_ = ceiling;
    const double kept = std::clamp(current_, floor(), ceiling_);
    const bool changed = kept != current_;
    current_ = kept;
    return changed;
}

}  // namespace talentray::detail
