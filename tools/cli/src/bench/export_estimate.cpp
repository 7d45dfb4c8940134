#include "export_estimate.hpp"

#include "../progress.hpp"

#include <algorithm>
#include <cstdio>

namespace talentray::cli::bench {
namespace {

std::string seconds_text(double seconds) {
    char text[64];
    if (seconds < 60) std::snprintf(text, sizeof text, "%.1f s", seconds);
    else return format_duration(std::chrono::milliseconds{static_cast<std::int64_t>(seconds * 1000)});
    return text;
}

}  // namespace

export_estimate estimate_export(std::int64_t rows, int page_size, double per_second, double relative_uncertainty,
                                std::uint32_t burst, double round_trip_seconds) {
    export_estimate e;
    e.rows = std::max<std::int64_t>(rows, 0);
    e.pages = std::max<std::int64_t>(1, (e.rows + page_size - 1) / page_size);  // an empty list still reads one page
    e.per_second = per_second;
    const double paced = static_cast<double>(std::max<std::int64_t>(e.pages - static_cast<std::int64_t>(burst), 0));
    const double u = std::clamp(relative_uncertainty, 0.0, 0.9);
    e.seconds = paced / per_second + round_trip_seconds;
    e.low_seconds = paced / (per_second * (1 + u)) + round_trip_seconds;
    // At worst no burst at all (the key was busy) and the slower end of the rate.
    e.high_seconds = static_cast<double>(e.pages) / (per_second * (1 - u)) + round_trip_seconds;
    return e;
}

std::string render_export_estimate(const std::string& resource, const export_estimate& e, int page_size) {
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f", e.per_second);
    return resource + ": " + group_digits(static_cast<std::uint64_t>(e.rows)) + " rows in " +
           group_digits(static_cast<std::uint64_t>(e.pages)) + " pages of " + std::to_string(page_size) + "; at " + rate +
           " requests/s about " + seconds_text(e.seconds) + " (" + seconds_text(e.low_seconds) + " to " +
           seconds_text(e.high_seconds) + ")\n";
}

boost::json::object export_estimate_json(const std::string& resource, const export_estimate& e) {
    boost::json::object out;
    out["resource"] = resource;
    out["rows"] = e.rows;
    out["pages"] = e.pages;
    out["per_second"] = e.per_second;
    out["seconds"] = e.seconds;
    out["low_seconds"] = e.low_seconds;
    out["high_seconds"] = e.high_seconds;
    return out;
}

}  // namespace talentray::cli::bench
