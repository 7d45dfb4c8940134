#include "scheduler/adaptive_limit.hpp"

#include <algorithm>
#include <utility>

namespace talentray::detail {

adaptive_limit::adaptive_limit(double ceiling, settings s, time_point now) noexcept
    : ceiling_(ceiling), current_(ceiling), settings_(s), credited_until_(now) {}

void adaptive_limit::lower_to(double limit) noexcept { current_ = std::clamp(limit, floor(), current_); }

bool adaptive_limit::on_rate_limited(time_point sent_at, std::optional<std::uint64_t> accepted, duration window,
                                     time_point recovery_from, time_point now) noexcept {
    const double before = current_;
    if (last_decrease_ && sent_at <= *last_decrease_) {
        // In flight when the server started refusing: the same overload. The last decrease
        // counted it as accepted if it was admitted in that window; it was not.
        if (counted_ && sent_at >= counted_->first && sent_at < counted_->second) lower_to(current_ - 1);
        return current_ != before;
    }
    last_decrease_ = now;
    credited_until_ = saturating_add(std::max(now, recovery_from), settings_.recovery_period);
    const double deepest = current_ * settings_.decrease_factor;
    if (accepted && double(*accepted) < current_) {
        lower_to(std::max(double(*accepted), deepest));
        // Only a limit set by the count is corrected when the count proves one too high.
        if (double(*accepted) > deepest)
            counted_.emplace(sent_at - window, sent_at);
        else
            counted_.reset();
    } else {
        lower_to(deepest);
        counted_.reset();
    }
    return current_ != before;
}

bool adaptive_limit::on_success(time_point now) noexcept {
    if (now <= credited_until_) return false;
    const double elapsed = to_seconds(now - credited_until_);
    credited_until_ = now;
    if (current_ >= ceiling_) return false;
    current_ = std::min(ceiling_, current_ + ceiling_ * elapsed / to_seconds(settings_.recovery_period));
    return true;
}

bool adaptive_limit::set_ceiling(double ceiling) noexcept {
    ceiling_ = ceiling;
    const double kept = std::clamp(current_, floor(), ceiling_);
    const bool changed = kept != current_;
    current_ = kept;
    return changed;
}

}  // namespace talentray::detail
