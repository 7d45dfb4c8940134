#include "scheduler/burst_control.hpp"

#include <algorithm>
#include <cmath>

namespace talentray::detail {

burst_control::burst_control(std::uint32_t most, std::uint32_t opening, limit_cause opening_cause) noexcept
    : current_(std::clamp<std::uint32_t>(opening, 1, std::max<std::uint32_t>(most, 1))),
      ceiling_(std::max<std::uint32_t>(most, 1)),
      cause_(opening_cause) {}

admission_depth burst_control::on_admit(time_point now, double rate) noexcept {
    admission_depth depth;
    if (last_) {
        const double elapsed = to_seconds(now - *last_);
        // The pace drains the excess one request per interval (GCRA's theoretical arrival time).
        excess_ = std::max(0.0, excess_ - elapsed * rate);
        // Sooner than one interval after the previous admission: it spent a stored token. A
        // paced admission waits for its token, a whole interval (less rounding, hence the margin).
        depth.ahead_of_pace = elapsed * rate < 0.95;
    }
    excess_ += 1;
    last_ = now;
    // A timer that fires a little late leaves the excess a hair below a whole request.
    depth.excess = static_cast<std::uint32_t>(std::max(1.0, std::ceil(excess_ - 1e-6)));
    return depth;
}

bool burst_control::on_accepted(admission_depth depth) noexcept {
    // Only a burst that reached the current depth says the server takes it; growing on less
    // would raise the burst past anything the server has seen.
    if (depth.excess < current_ || current_ >= ceiling_) return false;
    ++current_;
    cause_ = limit_cause::clean_admissions;
    return true;
}

bool burst_control::on_refused_in_burst(admission_depth depth) noexcept {
    const std::uint32_t below = std::max<std::uint32_t>(1, depth.excess - 1);
    // Real limits rarely change: a refused depth is never tried again, or every idle period
    // followed by a burst would cost a 429.
    ceiling_ = std::min(ceiling_, below);
    if (current_ <= below) return false;
    current_ = below;
    cause_ = limit_cause::burst_refusal;
    return true;
}

}  // namespace talentray::detail
