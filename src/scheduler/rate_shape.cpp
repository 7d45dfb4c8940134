#include "scheduler/rate_shape.hpp"

#include <algorithm>

namespace talentray::detail {

rate_shape shape_for(std::uint64_t limit, duration window, std::uint64_t burst) noexcept {
    const std::uint64_t capacity = std::clamp<std::uint64_t>(burst, 1, std::max<std::uint64_t>(1, limit / 2));
    const double seconds = to_seconds(window);
    // With a limit of 1 no bucket can guarantee it; admit one per window and accept that a
    // window boundary may see two.
    const double per_window = limit > capacity ? double(limit - capacity) : double(limit);
    return {per_window / seconds, double(capacity)};
}

}  // namespace talentray::detail
