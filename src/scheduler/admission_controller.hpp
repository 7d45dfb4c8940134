// The admission state machine of one API key, driven by events that carry the current time:
// the priority queue and the in-flight cap in front of three rate concepts, the pace (how fast
// and how many back to back), the server's window (its pause, its reported window and the
// requests it may still count) and the learned limit (what 429s teach). It decides; the async
// shell (budget_core) only waits and wakes. No clock, lock or I/O here.
#pragma once

#include "scheduler/admission_queue.hpp"
#include "scheduler/clock.hpp"
#include "scheduler/learned_limit.hpp"
#include "scheduler/pace.hpp"
#include "scheduler/rate_limit_headers.hpp"
#include "scheduler/server_window.hpp"

#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/scheduler_counters.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace talentray::detail {

/// Waiters whose state changed (granted, expired) or that must look at the time again (the
/// waiter now responsible for the next timed admission). The shell wakes each of them.
using wake_list = std::vector<waiter_id>;

/// Why a waiter was not admitted before its deadline: the numbers behind
/// errc::admission_deadline.
struct admission_shortfall {
    bool deadline_reached = false;  ///< it waited until the deadline; else it was shown unreachable
    duration waited{};              ///< time it spent queued
    duration until_deadline{};      ///< time its deadline was still away (zero when reached)
    duration earliest{};            ///< lower bound on how long admission would still have taken
    std::size_t ahead = 0;          ///< requests that would have been admitted first
    duration pause_remaining{};     ///< of a 429 pause or an exhausted server window
    double rate_per_second = 0;     ///< the admission rate at the time
    std::uint32_t in_flight = 0;
    std::uint32_t max_in_flight = 0;

    /// One sentence saying what happened, for diagnostics.
    std::string describe() const;
};

enum class waiter_state { queued, granted, expired, unknown };

/// The state of one waiter, as seen by its own coroutine.
struct waiter_status {
    waiter_state state = waiter_state::unknown;
    time_point wake_at = time_point::max();  ///< queued: look again at the latest then
    time_point admitted_at{};                ///< granted
    duration waited{};                       ///< granted: time spent queued
    admission_depth depth;                   ///< granted: where it stood against the pace
    admission_shortfall shortfall;           ///< expired
};

/// One attempt's outcome, with the rate-limit headers already parsed.
struct response_event {
    int http_status = 0;
    std::optional<std::chrono::seconds> retry_after;
    std::optional<time_point> admitted_at;
    /// Where the attempt's admission stood against the pace; unset, a 429 counts against the rate.
    std::optional<admission_depth> depth;
    rate_limit_info rate_limit;
    double jitter = 0;  ///< uniform in [0, 1): picks the pause's random extra
};

class admission_controller {
public:
    /// `options` must be valid (see validate()).
    admission_controller(const scheduler_options& options, time_point now);

    /// A request of class `prio` asks for admission before `deadline`. It is refused at once
    /// (state expired) when the pace, the server's window and the queue ahead already show that
    /// the deadline cannot be met; otherwise it queues and may be granted straight away.
    /// Returns its id; `poll` tells the outcome.
    waiter_id enqueue(priority prio, time_point deadline, time_point now, wake_list& wake);

    /// Brings the machine up to `now` (grants, expiries) and returns `id`'s state. A granted or
    /// expired waiter is forgotten once polled. Never lists `id` itself in `wake`.
    waiter_status poll(waiter_id id, time_point now, wake_list& wake);

    /// `id` gives up waiting (cancelled, or its coroutine destroyed). A grant it never
    /// collected is undone: the slot and the token go back.
    void withdraw(waiter_id id, time_point now, wake_list& wake);

    /// A permit was released.
    void release(time_point now, wake_list& wake);

    /// An admitted attempt's outcome arrived.
    void on_response(const response_event& event, time_point now, wake_list& wake);

    /// Fills the admission and state fields of `out`.
    void fill(scheduler_counters& out, time_point now) const;

private:
    struct record {
        priority prio;
        time_point deadline;
        time_point enqueued_at;
        waiter_state state = waiter_state::queued;
        /// When it can be admitted at the earliest, as last estimated: its own timer's time,
        /// so that waiters wake one by one as tokens appear even if another waiter's
        /// executor stalls. max() when only an event (a release) can admit it.
        time_point estimate = time_point::max();
        time_point admitted_at{};
        admission_depth depth;
        admission_shortfall shortfall;
    };

    void pump(time_point now, wake_list& wake);
    void appoint_timekeeper(std::optional<time_point> next_ready, wake_list& wake);
    void fail_unreachable(time_point now, wake_list& wake);
    time_point ready_at(time_point now) const noexcept;
    time_point earliest_admission(std::size_t ahead, time_point now) const noexcept;
    time_point own_wake_time(waiter_id id, record& r, time_point now);
    admission_shortfall shortfall(const record& r, std::size_t ahead, time_point earliest, time_point now) const;
    std::size_t position_of(waiter_id id);
    void expire(waiter_id id, record& r, admission_shortfall why, wake_list& wake);
    void apply_rate_limit(const rate_limit_info& info, time_point now);
    duration pause_for(const response_event& event);
    void on_refused(const response_event& event, time_point now);
    void on_accepted(const response_event& event, time_point now);
    void apply_limit(time_point now, limit_cause cause);
    void record_change(limit_change::quantity what, double from, double to, limit_cause cause, time_point now);

    // Configuration.
    std::uint32_t max_in_flight_;
    duration window_length_;
    std::uint64_t configured_limit_;
    duration default_pause_;
    duration max_pause_;
    double pause_jitter_;
    bool sync_from_headers_;

    // Admission state.
    pace pace_;
    server_window window_;
    learned_limit limit_;
    admission_queue queue_;
    std::unordered_map<waiter_id, record> records_;
    waiter_id last_id_ = 0;
    std::uint32_t in_flight_ = 0;
    std::uint32_t unhinted_429s_in_a_row_ = 0;
    bool sweep_due_ = false;  ///< the schedule got later: re-check queued deadlines

    // Each waiter sleeps until its own estimated admission, but estimates go stale when the
    // schedule moves. The timekeeper is the queued waiter told to wake at the next timed
    // admission whatever its estimate said, so that the queue never waits for nobody.
    std::optional<waiter_id> timekeeper_;
    std::optional<time_point> next_ready_;
    time_point timekeeper_told_ = time_point::max();

    // Counters.
    std::uint64_t admitted_ = 0;
    std::uint64_t waited_ = 0;
    duration total_wait_{};
    duration max_wait_{};
    std::uint64_t deadline_failures_ = 0;
    std::uint64_t cancelled_waits_ = 0;
    std::uint64_t responses_ = 0;
    std::uint64_t rate_limited_ = 0;
    std::uint64_t rate_decreases_ = 0;
    std::uint64_t header_syncs_ = 0;
    std::uint64_t rate_increases_ = 0;
    std::uint64_t burst_decreases_ = 0;
    std::uint64_t burst_increases_ = 0;
    limit_cause rate_cause_ = limit_cause::configured;
    limit_cause burst_cause_;
    time_point created_at_;
    std::deque<limit_change> changes_;  ///< the most recent, oldest first
};

}  // namespace talentray::detail
