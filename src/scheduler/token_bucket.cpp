#include "scheduler/token_bucket.hpp"

#include <algorithm>

namespace talentray::detail {

namespace {
// Refill is computed in floating point; a level this close below a whole token counts as the
// token, so that the instant `time_for` promises really admits.
constexpr double epsilon = 1e-9;
}  // namespace

token_bucket::token_bucket(double rate, double capacity, time_point now) noexcept
    : rate_(rate), capacity_(capacity), tokens_(capacity), updated_(now) {}

double token_bucket::tokens(time_point now) const noexcept {
    if (now < updated_) return 0;  // held
    return std::min(capacity_, tokens_ + rate_ * to_seconds(now - updated_));
}

void token_bucket::refill(time_point now) noexcept {
    if (now <= updated_) return;
    tokens_ = tokens(now);
    updated_ = now;
}

bool token_bucket::try_take(time_point now) noexcept {
    if (now < updated_) return false;
    refill(now);
    if (tokens_ + epsilon < 1.0) return false;
    tokens_ = std::max(0.0, tokens_ - 1.0);
    return true;
}

time_point token_bucket::time_for(double count, time_point now) const noexcept {
    const time_point start = std::max(now, updated_);
    const double missing = count - tokens(start);
    if (missing <= epsilon) return start;
    return saturating_add(start, to_duration_ceil(missing / rate_));
}

void token_bucket::refund(time_point now) noexcept {
    if (now < updated_) {
        tokens_ = std::min(capacity_, tokens_ + 1.0);  // credited to the level at the hold's end
        return;
    }
    refill(now);
    tokens_ = std::min(capacity_, tokens_ + 1.0);
}

void token_bucket::set_rate(double rate, time_point now) noexcept {
    refill(now);
    rate_ = rate;
}

void token_bucket::set_capacity(double capacity, time_point now) noexcept {
    refill(now);
    capacity_ = capacity;
    tokens_ = std::min(tokens_, capacity_);
}

void token_bucket::limit_tokens(double max_tokens, time_point now) noexcept {
    refill(now);
    tokens_ = std::clamp(max_tokens, 0.0, tokens_);
}

void token_bucket::hold_until(time_point until, double tokens_then) noexcept {
    updated_ = std::max(updated_, until);  // an earlier end never shortens a hold
    tokens_ = std::clamp(tokens_then, 0.0, capacity_);
}

}  // namespace talentray::detail
