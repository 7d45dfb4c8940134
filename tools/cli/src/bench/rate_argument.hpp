// `--rate`: an absolute rate ("8/s", "480/min", "3000/h") or a share of the key's limit ("80%").
// Pure parsing; the share becomes a rate once the key's limit is known (`resolve`).
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace talentray::cli::bench {

struct rate_argument {
    /// Requests per second when absolute; 0 when a share.
    double per_second = 0;
    /// Percent of the key's limit when a share (e.g. 80); 0 when absolute.
    double percent_of_limit = 0;

    bool is_share() const noexcept { return percent_of_limit > 0; }
};

/// Parses `text`. A count then "/s", "/min" or "/h" (a positive decimal: "0.5/s"), or a
/// percentage "1%" to "1000%". Throws `usage_error` naming `option`, the text and the forms
/// accepted.
rate_argument parse_rate_argument(std::string_view text, std::string_view option);

/// The rate `argument` asks for, in requests per second, given the key's limit of `requests`
/// per `window` (used only for a share).
double resolve(const rate_argument& argument, std::uint32_t requests, std::chrono::seconds window) noexcept;

}  // namespace talentray::cli::bench
