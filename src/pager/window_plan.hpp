// How far ahead of its reader a pager may run (pure arithmetic on the options).
#pragma once

#include <talentray/pager/options.hpp>

#include <cstddef>

namespace talentray::detail {

struct window_limits {
    std::size_t pages_ahead = 0;  ///< pages held or requested beyond the one being consumed
    std::size_t in_flight = 0;    ///< requests running at once
};

/// The limits in force. `parallel`: the walk allows several requests at once (an offset list
/// whose size is known); the window then applies, unless readahead is 0 (pages on demand). `holding_page`: the reader holds a page with rows left; while it does
/// not, one page ahead is always allowed, since the reader is waiting for it.
window_limits window_limits_for(const pager_options& options, bool parallel, bool holding_page) noexcept;

/// How many requests to start now, given the pages already in the window (received or in
/// flight) and the requests running.
std::size_t requests_to_start(const window_limits& limits, std::size_t window_pages, std::size_t running) noexcept;

}  // namespace talentray::detail
