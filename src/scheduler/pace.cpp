#include "scheduler/pace.hpp"

#include <algorithm>
#include <cmath>

namespace talentray::detail {

namespace {
// Refill is computed in floating point; a level this close below a whole token counts as the
// token, so that the instant `time_for` promises really admits.
constexpr double epsilon = 1e-9;
}  // namespace

rate_shape shape_for(std::uint64_t limit, duration window, std::uint64_t burst) noexcept {
    const std::uint64_t capacity = std::clamp<std::uint64_t>(burst, 1, std::max<std::uint64_t>(1, limit / 2));
    const double seconds = to_seconds(window);
    // With a limit of 1 no bucket can guarantee it; admit one per window and accept that a
    // window boundary may see two.
    const double per_window = limit > capacity ? double(limit - capacity) : double(limit);
    return {per_window / seconds, double(capacity)};
}

pace::pace(std::uint64_t limit, duration window, burst_settings burst, time_point now) noexcept
    : window_(window),
      configured_(shape_for(limit, window, std::max<std::uint32_t>(burst.most, 1))),
      rate_(configured_.rate),
      burst_(std::clamp<std::uint32_t>(burst.opening, 1, std::max<std::uint32_t>(burst.most, 1))),
      burst_ceiling_(std::max<std::uint32_t>(burst.most, 1)),
      burst_cause_(burst.cause) {
    capacity_ = std::min<double>(burst_, configured_.capacity);
    tokens_ = capacity_;
    updated_ = now;
}

// --- The bucket --------------------------------------------------------------------------------

double pace::tokens(time_point now) const noexcept {
    if (now < updated_) return 0;  // held
    return std::min(capacity_, tokens_ + rate_ * to_seconds(now - updated_));
}

void pace::refill(time_point now) noexcept {
    if (now <= updated_) return;
    tokens_ = tokens(now);
    updated_ = now;
}

time_point pace::time_for(double count, time_point now) const noexcept {
    const time_point start = std::max(now, updated_);
    const double missing = count - tokens(start);
    if (missing <= epsilon) return start;
    return saturating_add(start, to_duration_ceil(missing / rate_));
}

std::optional<admission_depth> pace::try_admit(time_point now) noexcept {
    if (now < updated_) return std::nullopt;
    refill(now);
    if (tokens_ + epsilon < 1.0) return std::nullopt;
    tokens_ = std::max(0.0, tokens_ - 1.0);

    admission_depth depth;
    if (last_admission_) {
        const double elapsed = to_seconds(now - *last_admission_);
        // The pace drains the excess one request per interval (GCRA's theoretical arrival time).
        excess_ = std::max(0.0, excess_ - elapsed * rate_);
        // Sooner than one interval after the previous admission: it spent a stored token. A
        // paced admission waits for its token, a whole interval (less rounding, hence the margin).
        depth.ahead_of_pace = elapsed * rate_ < 0.95;
    }
    excess_ += 1;
    last_admission_ = now;
    // A timer that fires a little late leaves the excess a hair below a whole request.
    depth.excess = static_cast<std::uint32_t>(std::max(1.0, std::ceil(excess_ - 1e-6)));
    return depth;
}

void pace::refund(time_point now) noexcept {
    refill(now);  // while held, credited to the level at the hold's end
    tokens_ = std::min(capacity_, tokens_ + 1.0);
}

void pace::limit_tokens(double max_tokens, time_point now) noexcept {
    refill(now);
    tokens_ = std::clamp(max_tokens, 0.0, tokens_);
}

void pace::hold_until(time_point until, double tokens_then) noexcept {
    updated_ = std::max(updated_, until);
    tokens_ = std::clamp(tokens_then, 0.0, capacity_);
}

// --- The shape ---------------------------------------------------------------------------------

pace::change pace::reshape(double limit, time_point now) noexcept {
    const auto whole = static_cast<std::uint64_t>(std::max(1.0, std::floor(limit)));
    const rate_shape shape = shape_for(whole, window_, burst_ceiling_);
    double rate = shape.rate;
    double capacity = std::min(double(burst_), shape.capacity);
    if (advertised_) {
        rate = std::min(rate, advertised_->rate);
        capacity = std::min(capacity, advertised_->capacity);
    }
    change out;
    if (rate == rate_ && capacity == capacity_) return out;
    refill(now);
    if (rate != rate_) {
        out.rate.emplace(rate_, rate);
        rate_ = rate;  // tokens earned so far are kept
    }
    if (capacity != capacity_) {
        out.burst.emplace(capacity_, capacity);
        capacity_ = capacity;
        tokens_ = std::min(tokens_, capacity_);  // the surplus is dropped
    }
    return out;
}

void pace::advertise(std::uint64_t limit, duration window) noexcept {
    // Its own bucket shape, which also keeps its window when that is shorter than ours.
    advertised_ = shape_for(limit, window, burst_ceiling_);
}

// --- The burst ---------------------------------------------------------------------------------

bool pace::on_accepted(admission_depth depth) noexcept {
    // Only a burst that reached the current depth says the server takes it; growing on less
    // would raise the burst past anything the server has seen.
    if (depth.excess < burst_ || burst_ >= burst_ceiling_) return false;
    ++burst_;
    burst_cause_ = limit_cause::clean_admissions;
    return true;
}

bool pace::on_refused_in_burst(admission_depth depth) noexcept {
    const std::uint32_t below = std::max<std::uint32_t>(1, depth.excess - 1);
    // Real limits rarely change: a refused depth is never tried again, or every idle period
    // followed by a burst would cost a 429.
    burst_ceiling_ = std::min(burst_ceiling_, below);
    if (burst_ <= below) return false;
    burst_ = below;
    burst_cause_ = limit_cause::burst_refusal;
    return true;
}

}  // namespace talentray::detail
