#include "open_loop_schedule.hpp"

#include <cmath>
#include <stdexcept>

namespace talentray::cli::bench {

open_loop_schedule::open_loop_schedule(double per_second, clock::time_point start, std::chrono::nanoseconds duration)
    : per_second_(per_second), start_(start), count_(0) {
    if (!(per_second > 0) || !std::isfinite(per_second)) throw std::invalid_argument("the rate must be positive");
    if (duration.count() < 0) throw std::invalid_argument("the duration must not be negative");
    // Request i is due at i / rate; those with i / rate < duration are sent.
    const double seconds = std::chrono::duration<double>(duration).count();
    count_ = static_cast<std::uint64_t>(std::ceil(seconds * per_second - 1e-9));
}

open_loop_schedule::clock::time_point open_loop_schedule::due(std::uint64_t index) const noexcept {
    const double offset = static_cast<double>(index) / per_second_;
    return start_ + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(offset));
}

}  // namespace talentray::cli::bench
