// The per-key rate limit as a sliding-window log: a request is admitted when fewer than
// `requests` requests of the same key were admitted in the `window` before it. Keeping each
// admission time (at most `requests` per key) makes Retry-After exact: it is the time until the
// oldest admission leaves the window, which is precisely when the next request would be admitted.
// Pure logic: time is passed in, so tests drive it without waiting.
#pragma once

#include <talentray/mock/options.hpp>

#include <chrono>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace talentray::mock::detail {

class sliding_window_limiter {
public:
    using time_point = std::chrono::steady_clock::time_point;

    struct decision {
        bool admitted = true;
        /// Rejected: whole seconds until a request would be admitted, rounded up (>= 1).
        std::chrono::seconds retry_after{0};
        /// Admissions left in the current window after this decision.
        std::size_t remaining = 0;
        /// Whole seconds until the oldest admission leaves the window (0 when none is held).
        std::chrono::seconds reset{0};
    };

    explicit sliding_window_limiter(rate_limit limit) : limit_(limit) {}

    /// Decides for one request of `key_id` arriving at `now`; an admitted request is recorded.
    /// `now` must not go backwards for a key. With an unlimited limit every request is admitted.
    decision admit(std::string_view key_id, time_point now);

    /// Replaces the limit and forgets every key's history.
    void reset(rate_limit limit);

    const rate_limit& limit() const { return limit_; }

private:
    rate_limit limit_;
    std::unordered_map<std::string, std::deque<time_point>> admissions_;
};

}  // namespace talentray::mock::detail
