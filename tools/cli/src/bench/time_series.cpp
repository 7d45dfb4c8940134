#include "time_series.hpp"

namespace talentray::cli::bench {
namespace {

std::uint64_t growth(std::uint64_t now, std::uint64_t before) noexcept { return now > before ? now - before : 0; }

}  // namespace

second_sample& time_series::second_of(clock::time_point at) {
    const auto since = at < start_ ? clock::duration::zero() : at - start_;
    const auto index = static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::seconds>(since).count());
    if (index >= seconds_.size()) seconds_.resize(index + 1);
    return seconds_[index];
}

void time_series::record_completion(clock::time_point at, std::chrono::nanoseconds latency, bool succeeded) {
    second_sample& second = second_of(at);
    if (succeeded) ++second.completed;
    else ++second.failed;
    second.latency.record(latency);
}

void time_series::record_counters(clock::time_point at, const counter_totals& totals) {
    second_sample& second = second_of(at);
    second.counted.admitted += growth(totals.admitted, last_.admitted);
    second.counted.requests += growth(totals.requests, last_.requests);
    second.counted.rate_limited += growth(totals.rate_limited, last_.rate_limited);
    second.counted.retries += growth(totals.retries, last_.retries);
    last_ = totals;
}

}  // namespace talentray::cli::bench
