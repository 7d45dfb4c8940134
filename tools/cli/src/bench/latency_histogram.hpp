// A latency histogram with log-linear buckets: every microsecond its own bucket below
// `exact_below`, and above it 512 buckets per power of two, so that a value read back is within
// `relative_error` of the value recorded. Fixed memory per magnitude, mergeable, no allocation
// per value. Pure logic: nothing here reads a clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace talentray::cli::bench {

class latency_histogram {
public:
    /// Values below this many microseconds are kept exactly.
    static constexpr std::uint64_t exact_below = 1024;
    /// Above `exact_below`, a percentile is at most this far from a recorded value, relative to
    /// it: half a bucket, whose width is at most 1/512 of its lower bound.
    static constexpr double relative_error = 1.0 / 1024;
    /// Larger values are recorded as this one (about 12.7 days).
    static constexpr std::uint64_t largest_micros = (std::uint64_t{1} << 40) - 1;

    /// Records one latency, rounded down to whole microseconds; negative durations count as 0.
    void record(std::chrono::nanoseconds latency);
    void record_micros(std::uint64_t micros);

    /// Adds every value of `other`.
    void merge(const latency_histogram& other);

    std::uint64_t count() const noexcept { return count_; }
    /// The smallest and largest values recorded, exact; 0 when empty.
    std::uint64_t min_micros() const noexcept { return count_ ? min_ : 0; }
    std::uint64_t max_micros() const noexcept { return max_; }

    /// The value at quantile `q` in [0, 1] by nearest rank (the smallest value with at least
    /// q * count values at or below it), in microseconds: exact below `exact_below`, else the
    /// middle of its bucket, clamped to [min, max]. `q` = 1 gives the exact maximum. 0 when empty.
    std::uint64_t percentile_micros(double q) const noexcept;

private:
    std::vector<std::uint64_t> buckets_;
    std::uint64_t count_ = 0;
    std::uint64_t min_ = 0;
    std::uint64_t max_ = 0;
};

/// The bucket of `micros` (exposed for the tests of the layout).
std::size_t bucket_index(std::uint64_t micros) noexcept;
/// The smallest value of bucket `index`, and its width.
std::uint64_t bucket_lower(std::size_t index) noexcept;
std::uint64_t bucket_width(std::size_t index) noexcept;

}  // namespace talentray::cli::bench
