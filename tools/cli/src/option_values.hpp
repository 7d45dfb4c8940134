// Parsing the values of options that are more than a number: durations and rate limits.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace talentray::cli {

/// `--rate-limit N/DURATION`: at most `requests` per `window`.
struct rate_limit {
    std::uint32_t requests = 0;
    std::chrono::seconds window{0};

    friend bool operator==(const rate_limit&, const rate_limit&) = default;
};

/// Parses a duration: a positive integer with a unit `ms`, `s`, `m` or `h` ("30s", "1500ms",
/// "2m"); a bare integer means seconds. Throws `usage_error` naming `option` and the text.
std::chrono::milliseconds parse_duration(std::string_view text, std::string_view option);

/// Parses a rate limit "600/60s" (also "10/1s", "36000/1h"): a request count of at least 2 over
/// a window of whole seconds (at least 1 s). Throws `usage_error` naming `option` and the text.
rate_limit parse_rate_limit(std::string_view text, std::string_view option);

}  // namespace talentray::cli
