#include "bucket_search.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace talentray::cli::bench {
namespace {

using seconds_d = std::chrono::duration<double>;

}  // namespace

bucket_search::bucket_search(std::vector<outcome> outcomes) : outcomes_(std::move(outcomes)) {
    std::sort(outcomes_.begin(), outcomes_.end(), [](const outcome& a, const outcome& b) { return a.sent < b.sent; });
    std::size_t refusals = 0;
    bool admitted_first = false;
    for (const outcome& a : outcomes_) {
        if (a.admitted && refusals == 0) admitted_first = true;
        if (!a.admitted) ++refusals;
    }
    if (!admitted_first || refusals < 2)
        throw std::invalid_argument("bucket_search needs an admitted request, then two refusals");
}

void bucket_search::on_response(clock::time_point sent, bool admitted) {
    // Responses of concurrent requests may come back out of order; keep them sorted by sending.
    const outcome a{sent, admitted};
    outcomes_.insert(std::upper_bound(outcomes_.begin(), outcomes_.end(), a,
                                      [](const outcome& x, const outcome& y) { return x.sent < y.sent; }),
                     a);
}

void bucket_search::on_drain_end(bool refused) noexcept {
    ++drains_;
    if (!refused) stalled_ = true;
}

bool bucket_search::done() const noexcept {
    return stalled_ || drains_ >= max_drains || rate_uncertainty() <= target_precision;
}

std::pair<bucket_search::outcome_iterator, bucket_search::outcome_iterator> bucket_search::refusal_span()
    const noexcept {
    // The constructor saw two refusals, so both searches find one.
    const auto refused = [](const outcome& a) { return !a.admitted; };
    const auto first = std::find_if(outcomes_.begin(), outcomes_.end(), refused);
    const auto last = std::find_if(outcomes_.rbegin(), outcomes_.rend(), refused);
    return {first, last.base()};
}

std::uint64_t bucket_search::admitted_between() const noexcept {
    const auto [first, end] = refusal_span();
    return static_cast<std::uint64_t>(std::count_if(first, end, [](const outcome& a) { return a.admitted; }));
}

double bucket_search::seconds_between() const noexcept {
    const auto [first, end] = refusal_span();
    return seconds_d(std::prev(end)->sent - first->sent).count();
}

double bucket_search::rate() const noexcept {
    const double seconds = seconds_between();
    return seconds > 0 ? static_cast<double>(admitted_between()) / seconds : 0.0;
}

double bucket_search::rate_low() const noexcept {
    const double seconds = seconds_between();
    const auto admitted = static_cast<double>(admitted_between());
    return seconds > 0 ? std::max(admitted - 1, 0.0) / seconds : 0.0;
}

double bucket_search::rate_high() const noexcept {
    const double seconds = seconds_between();
    return seconds > 0 ? (static_cast<double>(admitted_between()) + 1) / seconds : 0.0;
}

double bucket_search::rate_uncertainty() const noexcept {
    const double r = rate();
    return r > 0 ? (rate_high() - rate_low()) / 2 / r : 1.0;
}

double bucket_search::burst_with(double rate) const noexcept {
    // The opening burst: a full bucket plus what refilled from its first admission to its first
    // refusal, less under one token left over.
    const auto first = refusal_span().first;
    const auto opening =
        static_cast<double>(std::count_if(outcomes_.begin(), first, [](const outcome& a) { return a.admitted; }));
    const double ran = seconds_d(first->sent - outcomes_.front().sent).count();
    return std::max(opening - rate * ran, 1.0);
}

double bucket_search::burst() const noexcept { return burst_with(rate()) + 0.5; }

bucket_search::clock::duration bucket_search::next_wait() const noexcept {
    const double high = rate_high();
    if (!(high > 0)) return clock::duration::zero();
    return std::chrono::duration_cast<clock::duration>(seconds_d(fill_share * burst_with(high) / high));
}

}  // namespace talentray::cli::bench
