#include "latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace talentray::cli::bench {
namespace {

constexpr unsigned exact_bits = 10;   // 2^10 = exact_below
constexpr unsigned linear_bits = 9;   // 512 buckets per power of two above it
constexpr std::uint64_t per_magnitude = std::uint64_t{1} << linear_bits;

}  // namespace

std::size_t bucket_index(std::uint64_t micros) noexcept {
    if (micros < latency_histogram::exact_below) return static_cast<std::size_t>(micros);
    const unsigned high_bit = static_cast<unsigned>(std::bit_width(micros)) - 1;  // >= exact_bits
    const unsigned shift = high_bit - linear_bits;
    const std::uint64_t top = micros >> shift;  // in [512, 1024)
    return static_cast<std::size_t>(latency_histogram::exact_below + (high_bit - exact_bits) * per_magnitude +
                                    (top - per_magnitude));
}

std::uint64_t bucket_lower(std::size_t index) noexcept {
    if (index < latency_histogram::exact_below) return index;
    const std::uint64_t above = index - latency_histogram::exact_below;
    const unsigned high_bit = exact_bits + static_cast<unsigned>(above / per_magnitude);
    const std::uint64_t top = per_magnitude + above % per_magnitude;
    return top << (high_bit - linear_bits);
}

std::uint64_t bucket_width(std::size_t index) noexcept {
    if (index < latency_histogram::exact_below) return 1;
    const unsigned high_bit =
        exact_bits + static_cast<unsigned>((index - latency_histogram::exact_below) / per_magnitude);
    return std::uint64_t{1} << (high_bit - linear_bits);
}

void latency_histogram::record(std::chrono::nanoseconds latency) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
    record_micros(micros < 0 ? 0 : static_cast<std::uint64_t>(micros));
}

void latency_histogram::record_micros(std::uint64_t micros) {
    micros = std::min(micros, largest_micros);
    const std::size_t index = bucket_index(micros);
    if (index >= buckets_.size()) buckets_.resize(index + 1);
    ++buckets_[index];
    min_ = count_ == 0 ? micros : std::min(min_, micros);
    max_ = std::max(max_, micros);
    ++count_;
}

void latency_histogram::merge(const latency_histogram& other) {
    if (other.count_ == 0) return;
    if (other.buckets_.size() > buckets_.size()) buckets_.resize(other.buckets_.size());
    for (std::size_t i = 0; i < other.buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
    min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    count_ += other.count_;
}

std::uint64_t latency_histogram::percentile_micros(double q) const noexcept {
    if (count_ == 0) return 0;
    q = std::clamp(q, 0.0, 1.0);
    if (q >= 1.0) return max_;
    const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        seen += buckets_[i];
        if (seen >= rank) {
            const std::uint64_t middle = bucket_lower(i) + bucket_width(i) / 2;
            return std::clamp(middle, min_, max_);
        }
    }
    return max_;
}

}  // namespace talentray::cli::bench
