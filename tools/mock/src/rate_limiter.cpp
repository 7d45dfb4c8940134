#include "rate_limiter.hpp"

namespace talentray::mock::detail {

sliding_window_limiter::decision sliding_window_limiter::admit(std::string_view key_id, time_point now) {
    decision result;
    if (limit_.requests == 0) return result;

    auto [entry, inserted] = admissions_.try_emplace(std::string(key_id));
    std::deque<time_point>& log = entry->second;
    // An admission at t counts while now < t + window.
    while (!log.empty() && log.front() + limit_.window <= now) log.pop_front();

    result.admitted = log.size() < limit_.requests;
    if (result.admitted) log.push_back(now);
    result.remaining = limit_.requests - log.size();
    if (!log.empty()) result.reset = std::chrono::ceil<std::chrono::seconds>(log.front() + limit_.window - now);
    if (!result.admitted) result.retry_after = std::max(result.reset, std::chrono::seconds{1});
    return result;
}

void sliding_window_limiter::reset(rate_limit limit) {
    limit_ = limit;
    admissions_.clear();
}

}  // namespace talentray::mock::detail
