#include "window_search.hpp"

#include <algorithm>
#include <stdexcept>

namespace talentray::cli::bench {

window_search::window_search(std::vector<clock::time_point> accepted, clock::time_point refused_at,
                             std::optional<std::chrono::seconds> retry_after)
    : accepted_(std::move(accepted)) {
    if (accepted_.empty()) throw std::invalid_argument("window_search needs at least one accepted request");
    std::sort(accepted_.begin(), accepted_.end());
    const double refused = since_first(refused_at);
    low_ = refused;
    if (retry_after) {
        const auto wait = static_cast<double>(retry_after->count());
        low_ = std::max(low_, refused + wait - 1);
        high_ = refused + wait;
    } else {
        // Without a hint: assume the window is at most four times what the burst took, or a minute.
        high_ = std::max(4 * refused, 60.0);
    }
    keep_ordered();
    step_ = std::max((high_ - low_) / steps, 1e-3);
}

double window_search::since_first(clock::time_point at) const noexcept {
    return std::chrono::duration<double>(at - accepted_.front()).count();
}

void window_search::keep_ordered() noexcept {
    // Timing noise can cross the bounds over; the window is then known as well as it can be.
    if (low_ > high_) low_ = high_ = (low_ + high_) / 2;
}

bool window_search::done() const noexcept {
    return crossed_ || probes_ >= max_probes || high_ - low_ <= relative_precision * std::max(low_, 1e-3);
}

window_search::clock::time_point window_search::next_probe() const noexcept {
    const double aim = std::min(low_ + step_, high_);
    return accepted_.front() + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(aim));
}

void window_search::on_response(clock::time_point sent, bool accepted,
                                std::optional<std::chrono::seconds> retry_after) {
    ++probes_;
    const double d = since_first(sent);
    if (accepted) {
        high_ = std::min(high_, d);
        crossed_ = true;
    } else {
        low_ = std::max(low_, d);
        if (retry_after) {
            const auto wait = static_cast<double>(retry_after->count());
            high_ = std::min(high_, d + wait);
            low_ = std::max(low_, d + wait - 1);
        }
    }
    keep_ordered();
}

}  // namespace talentray::cli::bench
