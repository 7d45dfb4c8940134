// How long `talentray export` of a list will take: its pages at the rate the key is admitted,
// with the range that rate's uncertainty, the budget's opening burst and one round trip give.
// Pure logic.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace talentray::cli::bench {

struct export_estimate {
    std::int64_t rows = 0;
    std::int64_t pages = 0;
    double per_second = 0;   ///< the admission rate assumed
    double seconds = 0;      ///< the estimate
    double low_seconds = 0;  ///< the range it lies in
    double high_seconds = 0;
};

/// `rows` read `page_size` at a time at `per_second` (known to +/- `relative_uncertainty`), the
/// first `burst` pages admitted at once, each page taking `round_trip_seconds` (the last one's
/// is not hidden by the pacing). Expects positive `page_size` and `per_second`.
export_estimate estimate_export(std::int64_t rows, int page_size, double per_second, double relative_uncertainty,
                                std::uint32_t burst, double round_trip_seconds);

/// "candidates: 1,200 rows in 12 pages of 100; at 9.83 requests/s about 1.2 s (0.4 s to 1.5 s)".
std::string render_export_estimate(const std::string& resource, const export_estimate& estimate, int page_size);

boost::json::object export_estimate_json(const std::string& resource, const export_estimate& estimate);

}  // namespace talentray::cli::bench
