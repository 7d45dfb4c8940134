// The text of an export's progress: a bar for a terminal, plain lines for logs, a summary.
// Pure functions of the numbers; progress_display.hpp decides when and where they are written.
#pragma once

#include <talentray/pager/options.hpp>
#include <talentray/scheduler/scheduler_counters.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace talentray::cli {

/// Everything a progress line shows.
struct progress_view {
    std::string_view resource;            ///< e.g. "candidates"
    std::uint64_t rows = 0;               ///< rows in the output so far (resumed ones included)
    std::optional<std::int64_t> total;    ///< the list's length, once known
    double rows_per_second = 0;           ///< recent rate
    std::chrono::milliseconds elapsed{0}; ///< since this run started
    std::uint64_t requests = 0;           ///< HTTP attempts of this run
    std::uint64_t rate_limited = 0;       ///< 429 responses received
    std::uint64_t retries = 0;            ///< retries started, all causes
    std::chrono::milliseconds paused{0};  ///< what is left of a 429 pause of the key, if any
};

/// Rows per second over the last `window` of samples, so the rate follows a change of pace
/// (a 429 pause, a faster network) within that time instead of averaging the whole run.
class rate_meter {
public:
    using clock = std::chrono::steady_clock;

    explicit rate_meter(std::chrono::milliseconds window = std::chrono::seconds{10}) : window_(window) {}

    /// Records that `rows` rows had been produced by `now` (a running total).
    void add(clock::time_point now, std::uint64_t rows);

    /// The rate between the oldest sample inside the window and the newest; 0 until two samples
    /// at least 100 ms apart exist.
    double rows_per_second() const noexcept;

private:
    struct sample {
        clock::time_point at;
        std::uint64_t rows;
    };
    std::chrono::milliseconds window_;
    std::deque<sample> samples_;
};

/// "45s", "3m05s", "1h02m"; "0s" below one second.
std::string format_duration(std::chrono::milliseconds duration);

/// 20000 -> "20,000".
std::string group_digits(std::uint64_t number);

/// The remaining time at the current rate, when the total is known and the rate positive.
std::optional<std::chrono::milliseconds> estimate_remaining(const progress_view& view);

/// One terminal line of at most `width` columns (no newline):
/// `candidates [#########.........]  8,000/20,000  40%  812 rows/s  ETA 15s  429s 0  retries 0`.
/// Without a total the bar is left out. When the line does not fit, the bar shrinks first.
std::string render_bar_line(const progress_view& view, std::size_t width);

/// One log line (no newline), for a stderr that is not a terminal:
/// `progress: candidates 8000/20000 rows (40.0%), 812 rows/s, ETA 15s, 429s 0, retries 0`.
std::string render_plain_line(const progress_view& view);

/// The final line (no newline), always written:
/// `exported 20000 rows of candidates to out.jsonl in 24s (833 rows/s); requests 200, 429s 0, retries 0`.
/// `resumed_rows` (rows already there when the run started) is mentioned when non-zero.
std::string render_summary(const progress_view& view, std::string_view output, std::uint64_t resumed_rows);

/// What reconciling a list that changed during the export saw and cost, one line (no newline),
/// or nothing when the list did not change:
/// `the list changed during the export: 12 rows added, 5 removed (seen in totalCount); 7 rows
/// received twice and written once; 3 extra requests, 1 step back`.
std::optional<std::string> render_list_changes(const pager_stats& stats);

/// The key's rate-limit counters of this run, one line (no newline):
/// `rate limit: 201 admitted, 190 queued (18.9s of waiting in all, 0.2s at most), 429s 0, retries 0,
/// admission rate 590/min (configured), burst 3 of at most 10 (requests accepted without 429s)`.
/// `run` holds the counters' growth during the run (counts), `now` the current state (rate,
/// burst, and what set each last; the configured rate too when the current one differs).
std::string render_rate_counters(const scheduler_counters& run, const scheduler_counters& now);

/// One change of rate or burst, for --verbose (no newline):
/// `rate limit: at 0.4s, burst 10 -> 6 (429s inside a burst)`.
std::string render_limit_change(const limit_change& change);

}  // namespace talentray::cli
