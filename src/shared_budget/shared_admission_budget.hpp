// The second implementation of admission_budget: one key's budget shared through Redis by every
// process that names the same Redis, with an in-process fallback while Redis cannot be reached.
#pragma once

#include "scheduler/admission_budget.hpp"
#include "scheduler/budget_core.hpp"
#include "shared_budget/admission_script.hpp"
#include "shared_budget/redis_connection.hpp"

#include <talentray/log.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace talentray::detail {

/// Admission in two steps. First the process's own queue (a `budget_core` at the full limit):
/// priorities, the in-flight cap, deadlines, the retry budget and the response counters stay
/// what they are for a local budget. Then one permit of the shared budget, taken by the
/// admission script in Redis; a process with several requests waiting asks for several in
/// one round trip. The script reserves the permits due within a short horizon, each with its
/// due time, and the pump hands each out when it is due: a slot is claimed when a process
/// asks, not lost when its timer wakes late. Reservations nobody is left to use go back while
/// no other process took after them. A reservation the pump finds due longer ago than the
/// margin covers (30 ms: the pump was descheduled, or a round trip stalled) is not handed out
/// late: its slot passed unused, it goes back when it was the newest, and the waiter takes
/// again. A permit waited for counts in the local queue's `waited`.
///
/// A request that opens a connection reaches the server late (hundreds of milliseconds with
/// many processes starting at once), after its slot, while the others' requests fill the
/// window it arrives in. The budget does not see connections, but a permit that takes the
/// process's unanswered requests beyond the most it has had answered at once probably opens
/// one: that permit is a probe. One probe at a time, no permit beyond it until a response, and
/// the probe counted again when its response comes (a `charge`) later than the margin's 30 ms
/// covers, so every window of the server's that sees the late request counts it (a request
/// arrives before its response: one answered sooner was not late). A process's first permit is a
/// probe; so is
/// each that grows its concurrency by one. An unanswered request stops holding the others
/// back after `cold_response_limit`.
///
/// Redis I/O runs on a thread of the budget's own (one io_context, one connection, one command
/// at a time), so nothing a caller's thread does waits on a socket. When a round trip fails or
/// takes longer than `shared_budget_timeout`, the budget switches to an in-process fallback at
/// `shared_budget_fallback_share` of the limit, logs one warning, and probes Redis with
/// backoff (100 ms doubling to 2 s) until it answers; no admission fails for want of Redis.
class shared_admission_budget final : public admission_budget,
                                      public std::enable_shared_from_this<shared_admission_budget> {
public:
    /// `options` must be valid with a non-empty `shared_budget`; `identity` names the key in
    /// Redis (`shared_budget_identity`). Starts the I/O thread; connects on first use.
    shared_admission_budget(scheduler_options options, std::string key_digest, std::string identity,
                            log_handler logger);
    ~shared_admission_budget() override;

    boost::asio::awaitable<result<admission_permit>> admit(priority prio, clock::time_point deadline) override;
    void on_response(const response_feedback& feedback) noexcept override;
    bool try_spend_retry(retry_cause cause) noexcept override { return local_->try_spend_retry(cause); }
    scheduler_counters counters() const noexcept override;
    const scheduler_options& options() const noexcept override { return local_->options(); }
    const std::string& key_digest() const noexcept override { return local_->key_digest(); }
    /// True while permits come from Redis: a request that connects after its permit arrives
    /// after the slot the other processes paced around. False in the fallback, whose share of
    /// the limit leaves room for a late arrival and whose queue keeps its order when a call
    /// does not warm a connection before it.
    bool wants_ready_connection() const noexcept override { return !in_fallback_.load(std::memory_order_relaxed); }

    /// How a waiter for a shared permit ended (on the I/O thread).
    enum class outcome { granted, fallback, deadline, cancelled };

    /// How the pump's conversation with the script went, for benchmarks and tests: a sum
    /// over the budget's life. Thread-safe; never throws.
    struct pacing_diagnostics {
        std::uint64_t takes = 0;            ///< take calls of the script
        std::uint64_t granted = 0;          ///< permits those calls granted
        std::uint64_t denials = 0;          ///< take calls that granted nothing
        std::chrono::microseconds wait_hint_total{0};  ///< waits the script asked for, summed
        std::chrono::microseconds wait_hint_max{0};
        std::uint64_t timed_waits = 0;      ///< the pump's sleeps that ran to their end
        std::chrono::microseconds lateness_total{0};   ///< how late those sleeps woke, summed
        std::chrono::microseconds lateness_max{0};
        /// Reservations found due longer ago than the margin covers: not handed out.
        std::uint64_t stale_permits = 0;
        std::uint64_t stale_given_back = 0;  ///< of them, given back to Redis
        /// The latest any handed-out permit went, after its due time.
        std::chrono::microseconds hand_out_lateness_max{0};
        /// Wall-clock times (microseconds since 1970) at which permits were handed to
        /// requests, and at which 429s were reported: the first `timeline_capacity` of each,
        /// for a benchmark to set beside the server's arrival times.
        std::vector<std::int64_t> handed_out_at;
        std::vector<std::int64_t> refused_at;
    };
    static constexpr std::size_t timeline_capacity = 4096;
    pacing_diagnostics diagnostics() const;

private:
    struct waiter {
        explicit waiter(boost::asio::any_io_executor ex) : timer(ex) {}
        boost::asio::steady_timer timer;
        std::optional<outcome> result;
        clock::time_point enqueued = clock::now();
        std::uint64_t sleeps_before = 0;  ///< the pump's sleeps when it was queued
        bool waited_for_slot = false;     ///< granted after a sleep of the pump's for a slot
        clock::time_point admitted_at{};  ///< the local permit's: how its response names it
    };
    using waiter_ptr = std::shared_ptr<waiter>;

    static boost::asio::awaitable<result<admission_permit>> admit_on(std::shared_ptr<shared_admission_budget> self,
                                                                     priority prio, clock::time_point deadline);
    boost::asio::awaitable<outcome> acquire(priority prio, clock::time_point deadline, clock::duration local_wait,
                                            clock::time_point admitted_at);
    boost::asio::awaitable<void> pump();
    /// The pump's sleep; a waiter queued before one that ran to its end has waited for a slot.
    boost::asio::awaitable<void> sleep_until(clock::time_point wake_at, bool new_waiters_wake);
    void note_shared_wait(clock::duration local_wait, clock::duration shared_wait);
    boost::asio::awaitable<boost::system::result<script_answer>> run_script(std::vector<std::string> args);
    void hand_out(std::uint32_t permits, std::uint32_t& handed);
    void answer_all(outcome result);
    void enter_fallback(const boost::system::error_code& why);
    void wake_pump();
    /// Forgets this process's reservations (a pause or the fallback makes their slots void);
    /// none goes back to Redis.
    void drop_reservations() noexcept;
    void note_lateness(clock::duration late);
    void note_hand_out_lateness(clock::duration late);
    /// On the I/O thread: the response to the permit admitted at `admitted_at` (nothing: the
    /// oldest unanswered) came. A probe's response proves one more connection and charges it.
    void on_answer(std::optional<clock::time_point> admitted_at);
    /// Forgets requests unanswered for `cold_response_limit` (a probe among them is charged).
    void expire_unanswered(clock::time_point now);
    /// Permits the next hand-out may give: one beyond the concurrency responses proved.
    std::size_t allowance() const noexcept;
    std::size_t queued() const noexcept { return interactive_.size() + bulk_.size(); }

    log_handler logger_;
    std::shared_ptr<budget_core> local_;
    std::shared_ptr<budget_core> fallback_;
    shared_budget_keys keys_;
    shared_pacing pacing_;
    shared_refusal refusal_template_;

    // Read by counters() from any thread.
    std::atomic<bool> in_fallback_{false};
    std::atomic<std::uint64_t> shared_admissions_{0};
    std::atomic<std::uint64_t> fallback_admissions_{0};
    std::atomic<std::uint64_t> fallback_episodes_{0};
    std::atomic<std::uint64_t> round_trips_{0};
    /// Requests that waited for a shared permit but not in the local queue, and the shared
    /// part of every wait: added to the local queue's `waited` and `total_wait`.
    mutable std::mutex shared_wait_mutex_;
    std::uint64_t shared_only_waits_ = 0;
    clock::duration shared_wait_total_{};
    clock::duration longest_wait_{};

    mutable std::mutex diagnostics_mutex_;
    pacing_diagnostics diagnostics_;

    // I/O thread only.
    std::deque<waiter_ptr> interactive_;
    std::deque<waiter_ptr> bulk_;
    std::uint32_t interactive_in_a_row_ = 0;
    /// 429s still to write to Redis: when each was seen, and its pause from then.
    std::deque<std::pair<clock::time_point, std::chrono::milliseconds>> refusals_;
    /// Shared permits this process holds, by the time each is due (ascending).
    std::deque<clock::time_point> reserved_;
    /// How many of the newest reservations came from the newest take, and the state it left
    /// in Redis: they may go back while no other take came after it.
    std::size_t newest_take_left_ = 0;
    std::int64_t newest_take_tat_ = 0;
    struct handed_permit {
        clock::time_point admitted_at;  ///< the local permit's
        clock::time_point handed_at;
        bool probe = false;
    };
    std::deque<handed_permit> unanswered_;  ///< shared permits handed out, not yet answered
    std::size_t proven_ = 0;                ///< requests answered at once: connections ready
    bool probing_ = false;                  ///< a probe is among the unanswered
    std::uint32_t charges_ = 0;          ///< permits still to count again in Redis
    bool pump_wakes_for_waiters_ = false;
    std::uint64_t pump_sleeps_ = 0;  ///< sleeps that ran to their end (not woken by a waiter)
    bool stopping_ = false;
    std::chrono::milliseconds probe_backoff_{100};

    // The destructor ends the pump (run + cancel) and joins the thread before these go.
    boost::asio::io_context io_;
    std::optional<redis_connection> redis_;
    std::optional<boost::asio::steady_timer> pump_timer_;
    std::thread thread_;
};

}  // namespace talentray::detail
