// Everything a `talentray bench run` measured, and its three renderings: the table printed at
// the end, the JSON of `--json FILE` and the HTML page of `--report FILE.html`. Pure functions.
#pragma once

#include "latency_histogram.hpp"
#include "time_series.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace talentray::cli::bench {

struct run_figures {
    std::vector<std::string> operations;      ///< e.g. "candidates.list"
    double asked_per_second = 0;              ///< the rate asked for
    std::string asked_text;                   ///< as given: "80%", "8/s"
    bool scheduler = true;                    ///< false: --no-scheduler
    std::chrono::nanoseconds planned{0};      ///< --duration
    std::chrono::nanoseconds elapsed{0};      ///< from the first due time to the last call's end
    std::uint64_t calls = 0;                  ///< calls the schedule started
    std::uint64_t succeeded = 0;
    std::uint64_t failed = 0;
    std::map<std::string, std::uint64_t> errors_by_kind;  ///< failed calls by error, e.g. "rate_limited"
    latency_histogram latency;                ///< every call, from its scheduled time to its end
    counter_totals totals;                    ///< the client's counters during the run
    std::uint64_t setup_requests = 0;         ///< attempts made before the run to read ids
    std::uint64_t waited = 0;                 ///< admissions that queued in the rate budget
    std::chrono::nanoseconds total_wait{0};   ///< their queueing time, summed
    std::chrono::nanoseconds max_wait{0};     ///< the longest one
    std::vector<second_sample> seconds;       ///< the per-second series
    // Writes (--allow-writes), so that a user can find and clean up what the run made:
    bool writes = false;                      ///< the mix had write operations
    std::string run_id;                       ///< the data's mark: names "bench-<run_id>-<n>"
    std::uint64_t created = 0;                ///< objects created, before the run and during it
    std::uint64_t deleted = 0;                ///< of those, deleted by the run
    std::uint64_t updated = 0;                ///< successful updates
};

/// Calls ended per second of `elapsed` (0 when nothing elapsed).
double achieved_per_second(const run_figures& figures) noexcept;

/// The table printed at the end of a run, lines ending in newlines.
std::string render_run_table(const run_figures& figures);

/// Every figure and the per-second series, as `--json FILE` writes it. Latencies in
/// milliseconds with microsecond precision.
boost::json::object run_json(const run_figures& figures);

/// One self-contained HTML page (no network at view time): the figures of `json` (what
/// `run_json` made) embedded, and a script that writes the headline numbers into the page and
/// draws admitted requests, 429s and latency percentiles per second as inline SVG.
std::string render_html_report(const boost::json::object& json);

}  // namespace talentray::cli::bench
