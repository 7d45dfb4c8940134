// The shared state behind a rate_budget: the admission controller and retry budget under one
// mutex, plus the parked completion handlers of waiting requests. This is the thin shell that
// turns the controller's decisions into wake-ups posted to each waiter's own executor.
#pragma once

#include "scheduler/admission_budget.hpp"
#include "scheduler/admission_controller.hpp"
#include "scheduler/admission_permit.hpp"
#include "scheduler/response_feedback.hpp"
#include "scheduler/retry_budget.hpp"

#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/retry_cause.hpp>
#include <talentray/scheduler/scheduler_counters.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/system/error_code.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace talentray::detail {

/// The type-erased completion handler of one suspended admission wait.
using wait_handler = boost::asio::any_completion_handler<void(boost::system::error_code)>;

/// One suspension of a waiting coroutine. Owned by the pending wait on the waiter's timer, so
/// that destroying the waiter's io_context destroys the parked handler (and the coroutine
/// with it); the core only holds it weakly. Fields are guarded by the core's mutex.
struct pending_wait {
    /// Parked while the coroutine is suspended. (An optional, because Boost 1.81's
    /// any_completion_handler cannot be move-assigned: only its move constructor is used.)
    std::optional<wait_handler> handler;
    bool fired = false;      ///< the timer expired before the handler was parked
    bool cancelled = false;  ///< cancellation arrived before the handler was parked
};

class budget_core final : public admission_budget, public std::enable_shared_from_this<budget_core> {
public:
    /// `options` must be valid.
    budget_core(scheduler_options options, std::string key_digest);

    const scheduler_options& options() const noexcept override { return options_; }
    const std::string& key_digest() const noexcept override { return key_digest_; }

    /// See admission_budget::admit (budget_admission.cpp).
    boost::asio::awaitable<result<admission_permit>> admit(priority prio, clock::time_point deadline) override;

    // --- The admitting coroutine -------------------------------------------------------------

    /// Registers a request; `poll` tells its fate.
    waiter_id enqueue(priority prio, time_point deadline);

    /// The waiter's current state (granted and expired waiters are forgotten once polled).
    waiter_status poll(waiter_id id);

    /// The waiter gives up: it leaves the queue, or returns an uncollected grant.
    void withdraw(waiter_id id) noexcept;

    /// The permit for a grant that `poll` reported.
    admission_permit make_permit(time_point admitted_at, duration waited, admission_depth depth);

    // --- The wait operation (admission_wait.hpp) ---------------------------------------------

    /// Parks `handler` until the waiter is woken, its timer fires or the wait is cancelled;
    /// completes it at once (posted) when one of those already happened.
    void park(waiter_id id, const std::shared_ptr<pending_wait>& wait, wait_handler handler);

    /// The wait's timer expired.
    void on_timer(const std::shared_ptr<pending_wait>& wait) noexcept;

    /// The wait was cancelled through its cancellation slot.
    void on_cancel(const std::weak_ptr<pending_wait>& wait) noexcept;

    // --- Permits, responses, retries ---------------------------------------------------------

    void release() noexcept;
    void on_response(const response_feedback& feedback) noexcept override;
    bool try_spend_retry(retry_cause cause) noexcept override;
    scheduler_counters counters() const noexcept override;

private:
    using completion = std::pair<wait_handler, boost::system::error_code>;

    struct waiter_slot {
        std::weak_ptr<pending_wait> wait;
        bool woken = false;  ///< a wake-up arrived while the waiter was not parked
    };

    /// Under the lock: takes the parked handlers of `wake` (or notes the wake-up for later).
    void collect(const wake_list& wake, std::vector<completion>& out);

    /// After the lock: runs each handler on its own executor, never inline.
    static void post_all(std::vector<completion>& ready) noexcept;

    scheduler_options options_;
    std::string key_digest_;

    mutable std::mutex mutex_;
    admission_controller controller_;
    retry_budget retry_budget_;
    retry_counters retries_;
    std::uint64_t retries_refused_ = 0;
    std::unordered_map<waiter_id, waiter_slot> waiters_;
};

}  // namespace talentray::detail
