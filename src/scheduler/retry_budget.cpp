#include "scheduler/retry_budget.hpp"

#include <algorithm>

namespace talentray::detail {

retry_budget::retry_budget(double ratio, double min_per_second, double capacity, time_point now) noexcept
    : ratio_(ratio), min_per_second_(min_per_second), capacity_(capacity), balance_(capacity), updated_(now) {}

double retry_budget::balance(time_point now) const noexcept {
    if (now <= updated_) return balance_;
    return std::min(capacity_, balance_ + min_per_second_ * to_seconds(now - updated_));
}

void retry_budget::accrue(time_point now) noexcept {
    balance_ = balance(now);
    updated_ = std::max(updated_, now);
}

void retry_budget::deposit(time_point now) noexcept {
    accrue(now);
    balance_ = std::min(capacity_, balance_ + ratio_);
}

bool retry_budget::try_withdraw(time_point now) noexcept {
    accrue(now);
    // Deposits are fractional; tolerate rounding so that 1/ratio deposits buy one retry.
    if (balance_ + 1e-9 < 1.0) return false;
    balance_ = std::max(0.0, balance_ - 1.0);
    return true;
}

}  // namespace talentray::detail
