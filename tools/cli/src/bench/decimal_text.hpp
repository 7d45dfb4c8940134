// Numbers in the bench's tables and findings, printed with a fixed number of decimals.
#pragma once

#include <fmt/format.h>

#include <string>

namespace talentray::cli::bench {

/// `value` with exactly `decimals` digits after the point ("12.50" for 12.5 and 2).
inline std::string fixed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

}  // namespace talentray::cli::bench
