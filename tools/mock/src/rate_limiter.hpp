// The per-key rate limit, in the shape the server is configured with (see `limit_shape`):
// - sliding: a log of admissions (at most `requests` per key); Retry-After is the time until the
//   oldest admission leaves the window, precisely when the next request would be admitted.
// - fixed: a count per window, windows aligned to the first request the limiter saw; a refusal
//   waits for the next window.
// - bucket: tokens refilled at requests / window up to `burst`; a refusal waits for one token.
// Retry-After is whole seconds, rounded up and at least 1, as servers send it.
// Pure logic: time is passed in, so tests drive it without waiting.
#pragma once

#include <talentray/mock/options.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace talentray::mock::detail {

class rate_limiter {
public:
    using time_point = std::chrono::steady_clock::time_point;

    struct decision {
        bool admitted = true;
        /// Rejected: whole seconds until a request would be admitted, rounded up (>= 1).
        std::chrono::seconds retry_after{0};
        /// Admissions left (now, without waiting) after this decision.
        std::size_t remaining = 0;
        /// Whole seconds until the key's full quota is available again (0 when it is).
        std::chrono::seconds reset{0};
    };

    explicit rate_limiter(rate_limit limit) : limit_(limit) {}

    /// Decides for one request of `key_id` arriving at `now`; an admitted request is recorded.
    /// `now` must not go backwards for a key. With an unlimited limit every request is admitted.
    decision admit(std::string_view key_id, time_point now);

    /// Replaces the limit and forgets every key's history.
    void reset(rate_limit limit);

    const rate_limit& limit() const { return limit_; }

private:
    struct key_state {
        std::deque<time_point> admissions;  // sliding: admissions still in the window
        std::int64_t window_index = -1;     // fixed: the window `count` belongs to
        std::size_t count = 0;              // fixed: admissions in that window
        double tokens = 0;                  // bucket: tokens at `refilled`
        time_point refilled{};              // bucket
    };

    decision admit_sliding(key_state& key, time_point now) const;
    decision admit_fixed(key_state& key, time_point now);
    decision admit_bucket(key_state& key, time_point now, bool first) const;

    rate_limit limit_;
    std::optional<time_point> origin_;  // fixed: where the first window starts
    std::unordered_map<std::string, key_state> keys_;
};

}  // namespace talentray::mock::detail
