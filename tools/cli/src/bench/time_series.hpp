// A run's figures second by second: what the client's counters say happened in each second
// (admissions, attempts, 429s, retries) and the latencies of the requests that completed in it.
// Pure logic: the caller passes the times and the counter readings.
#pragma once

#include "latency_histogram.hpp"

#include <chrono>
#include <cstdint>
#include <vector>

namespace talentray::cli::bench {

/// Running totals read from the client (`client::counters()`), since the run began.
struct counter_totals {
    std::uint64_t admitted = 0;      ///< permits the rate budget granted
    std::uint64_t requests = 0;      ///< attempts handed to the transport
    std::uint64_t rate_limited = 0;  ///< 429 responses
    std::uint64_t retries = 0;       ///< retries started, all causes
};

/// One second of the run.
struct second_sample {
    counter_totals counted;       ///< what happened in this second (differences of the totals)
    std::uint64_t completed = 0;  ///< requests that succeeded in this second
    std::uint64_t failed = 0;     ///< requests that failed in this second (after their retries)
    latency_histogram latency;    ///< of the requests that ended in this second, success or not
};

class time_series {
public:
    using clock = std::chrono::steady_clock;

    explicit time_series(clock::time_point start) : start_(start) {}

    /// A request ended at `at` after `latency` (from its scheduled time).
    void record_completion(clock::time_point at, std::chrono::nanoseconds latency, bool succeeded);

    /// The counters read `at`: what grew since the previous reading counts for `at`'s second.
    /// Readings must come in time order; a total that went down counts as no change.
    void record_counters(clock::time_point at, const counter_totals& totals);

    /// Second 0 starts at `start`; seconds nothing happened in are present and empty.
    const std::vector<second_sample>& seconds() const noexcept { return seconds_; }

    /// The last totals recorded.
    const counter_totals& totals() const noexcept { return last_; }

private:
    second_sample& second_of(clock::time_point at);

    clock::time_point start_;
    counter_totals last_;
    std::vector<second_sample> seconds_;
};

}  // namespace talentray::cli::bench
