// Measuring a token bucket's refill rate, once the probe has seen that the quota does not come
// back whole (see probe_command.hpp). A bucket has no window: it admits `burst` at once, then one
// request per 1/rate. A refusal says the bucket held less than one token when the request
// arrived, so between two refusals the requests admitted are the refill over that time within
// one: rate = admitted / seconds, +/- 1 / seconds, provided the bucket never filled up in between
// (a full bucket drops refill and the rate would read low). The search therefore chains "drains":
// after a refusal it waits for a part of what the bucket can hold, then sends until the next
// refusal, each drain one 429, until the admissions pin the rate down. Pure logic: times are
// passed in.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace talentray::cli::bench {

class bucket_search {
public:
    using clock = std::chrono::steady_clock;

    struct outcome {
        clock::time_point sent;
        bool admitted = false;
    };

    /// `outcomes`: every response of the probe so far, the opening burst included, in any order;
    /// it needs an admitted request before a refusal and two refusals (the burst's and the one
    /// that showed the quota coming back gradually). Throws std::invalid_argument otherwise.
    explicit bucket_search(std::vector<outcome> outcomes);

    void on_response(clock::time_point sent, bool admitted);
    /// A drain ended: `refused` when with a refusal; without one the bucket refills faster than
    /// one request at a time can empty it, and the search ends with what it has.
    void on_drain_end(bool refused) noexcept;

    /// True once the rate is known within `target_precision`, after `max_drains` drains, or after
    /// a drain that could not empty the bucket.
    bool done() const noexcept;

    /// How long to wait after a refusal before the next drain: `fill_share` of the bucket at the
    /// highest rate and the smallest burst the responses allow, so that it does not fill up.
    clock::duration next_wait() const noexcept;

    /// Admitted requests sent between the first and the last refusal, and the seconds between.
    std::uint64_t admitted_between() const noexcept;
    double seconds_between() const noexcept;
    /// Requests per second: the estimate and the bounds the counting allows.
    double rate() const noexcept;
    double rate_low() const noexcept;
    double rate_high() const noexcept;
    /// Half the interval's width relative to the estimate (1 when nothing is known).
    double rate_uncertainty() const noexcept;
    /// The bucket's capacity: what the opening burst got beyond the refill while it ran.
    double burst() const noexcept;

    static constexpr double target_precision = 0.03;
    static constexpr std::size_t max_drains = 3;
    static constexpr double fill_share = 0.7;

private:
    using outcome_iterator = std::vector<outcome>::const_iterator;
    /// The first refusal, and the end of the outcomes up to and including the last refusal.
    std::pair<outcome_iterator, outcome_iterator> refusal_span() const noexcept;
    double burst_with(double rate) const noexcept;

    std::vector<outcome> outcomes_;
    std::size_t drains_ = 0;
    bool stalled_ = false;  // a drain ended without a refusal
};

/// After the first acceptance past the window search, the probe sends the rest of the opening
/// burst again at its pace. A window (a sliding log or a fixed window) gives the whole quota back
/// at once and admits all of it; a bucket gives back only what refilled and refuses early.
/// Returns true when the quota came back whole: `replayed` of `asked` sent, none refused.
constexpr bool quota_came_back_whole(std::size_t replayed, std::size_t asked, bool refused) noexcept {
    return !refused && replayed >= asked;
}

/// When the replay's request `j` (from 0) may leave: `start` plus the time the opening burst
/// (`burst`: its accepted requests, sorted, more than j + 1) took from its first request to its
/// request j + 1, the slot a sliding log frees for it.
inline std::chrono::steady_clock::time_point replay_send_time(std::chrono::steady_clock::time_point start,
                                                              const std::vector<std::chrono::steady_clock::time_point>& burst,
                                                              std::size_t j) {
    return start + (burst.at(j + 1) - burst.front());
}

}  // namespace talentray::cli::bench
