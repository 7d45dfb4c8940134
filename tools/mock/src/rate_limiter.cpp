#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace talentray::mock::detail {

namespace {

using seconds_d = std::chrono::duration<double>;

std::chrono::seconds whole_seconds_up(seconds_d d) {
    return std::chrono::seconds{static_cast<std::int64_t>(std::ceil(std::max(d.count(), 0.0) - 1e-9))};
}

std::chrono::seconds at_least_one(std::chrono::seconds d) { return std::max(d, std::chrono::seconds{1}); }

}  // namespace

rate_limiter::decision rate_limiter::admit(std::string_view key_id, time_point now) {
    if (limit_.requests == 0) return {};
    auto [entry, inserted] = keys_.try_emplace(std::string(key_id));
    switch (limit_.shape) {
    case limit_shape::fixed: return admit_fixed(entry->second, now);
    case limit_shape::bucket: return admit_bucket(entry->second, now, inserted);
    case limit_shape::sliding: break;
    }
    return admit_sliding(entry->second, now);
}

rate_limiter::decision rate_limiter::admit_sliding(key_state& key, time_point now) const {
    decision result;
    std::deque<time_point>& log = key.admissions;
    // An admission at t counts while now < t + window.
    while (!log.empty() && log.front() + limit_.window <= now) log.pop_front();

    result.admitted = log.size() < limit_.requests;
    if (result.admitted) log.push_back(now);
    result.remaining = limit_.requests - log.size();
    if (!log.empty()) result.reset = std::chrono::ceil<std::chrono::seconds>(log.front() + limit_.window - now);
    if (!result.admitted) result.retry_after = at_least_one(result.reset);
    return result;
}

rate_limiter::decision rate_limiter::admit_fixed(key_state& key, time_point now) {
    if (!origin_) origin_ = now;
    const auto since = now - *origin_;
    const std::int64_t index = since / limit_.window;
    if (index != key.window_index) {
        key.window_index = index;
        key.count = 0;
    }
    decision result;
    result.admitted = key.count < limit_.requests;
    if (result.admitted) ++key.count;
    result.remaining = limit_.requests - key.count;
    const time_point window_end = *origin_ + (index + 1) * limit_.window;
    if (key.count > 0) result.reset = std::chrono::ceil<std::chrono::seconds>(window_end - now);
    if (!result.admitted) result.retry_after = at_least_one(result.reset);
    return result;
}

rate_limiter::decision rate_limiter::admit_bucket(key_state& key, time_point now, bool first) const {
    const double capacity = double(std::max<std::size_t>(1, limit_.burst));
    const double per_second = double(limit_.requests) / seconds_d(limit_.window).count();
    if (first) {
        key.tokens = capacity;  // a key the server has not seen starts with a full bucket
    } else {
        const double elapsed = std::max(seconds_d(now - key.refilled).count(), 0.0);
        key.tokens = std::min(capacity, key.tokens + elapsed * per_second);
    }
    key.refilled = now;

    decision result;
    // A hair of tolerance: floating refills must not refuse a request that arrives exactly on time.
    result.admitted = key.tokens >= 1.0 - 1e-9;
    if (result.admitted) key.tokens = std::max(key.tokens - 1.0, 0.0);
    result.remaining = static_cast<std::size_t>(std::floor(key.tokens + 1e-9));
    result.reset = whole_seconds_up(seconds_d((capacity - key.tokens) / per_second));
    if (!result.admitted) result.retry_after = at_least_one(whole_seconds_up(seconds_d((1.0 - key.tokens) / per_second)));
    return result;
}

void rate_limiter::reset(rate_limit limit) {
    limit_ = limit;
    origin_.reset();
    keys_.clear();
}

}  // namespace talentray::mock::detail
