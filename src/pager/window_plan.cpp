#include "pager/window_plan.hpp"

#include <algorithm>

namespace talentray::detail {

window_limits window_limits_for(const pager_options& options, bool parallel, bool holding_page) noexcept {
    const auto readahead = static_cast<std::size_t>(std::max(options.readahead, 0));
    const auto window = static_cast<std::size_t>(std::max(options.window, 1));
    window_limits limits;
    // No readahead means on demand: one page at a time, whatever the window.
    limits.pages_ahead = parallel && readahead > 0 ? std::max(readahead, window) : readahead;
    if (!holding_page) limits.pages_ahead = std::max<std::size_t>(limits.pages_ahead, 1);
    limits.in_flight = parallel ? window : 1;
    return limits;
}

std::size_t requests_to_start(const window_limits& limits, std::size_t window_pages, std::size_t running) noexcept {
    if (window_pages >= limits.pages_ahead || running >= limits.in_flight) return 0;
    return std::min(limits.pages_ahead - window_pages, limits.in_flight - running);
}

}  // namespace talentray::detail
