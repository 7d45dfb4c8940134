// The seam between the retry loop and a key's budget: what the client asks of it, whatever
// keeps the budget's state (this process today; a shared store is another implementation).
#pragma once

#include "scheduler/admission_permit.hpp"
#include "scheduler/response_feedback.hpp"

#include <talentray/error.hpp>
#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/rate_budget.hpp>
#include <talentray/scheduler/retry_cause.hpp>
#include <talentray/scheduler/scheduler_counters.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>

namespace talentray::detail {

/// Admits the attempts of one API key and learns from their outcomes.
///
/// Thread safety: every member function may be called concurrently from any thread, and
/// requests running on different executors may share one budget.
class admission_budget {
public:
    using clock = std::chrono::steady_clock;

    virtual ~admission_budget() = default;

    /// Waits until one attempt of class `prio` may be sent, then returns a permit holding one
    /// in-flight slot. Call it before every attempt, retries included.
    ///
    /// Requests are admitted in order within their class. A request that cannot be admitted
    /// before `deadline` fails with `errc::admission_deadline` as soon as that is known, with
    /// diagnostics saying how long admission would have taken and why.
    ///
    /// Cancellation: the coroutine's cancellation slot is honoured (terminal, partial and total
    /// alike, since nothing has been sent); the result is then
    /// `boost::asio::error::operation_aborted` and the request leaves the queue.
    ///
    /// Returns the permit or the error; the awaitable throws only `std::bad_alloc`, and Asio's
    /// `operation_aborted` when the calling coroutine was already cancelled and keeps Asio's
    /// default `throw_if_cancelled(true)`.
    virtual boost::asio::awaitable<result<admission_permit>> admit(priority prio, clock::time_point deadline) = 0;

    /// Reports the outcome of an admitted attempt, once per attempt, before its permit is
    /// released, transport failures (`http_status` 0) included. A 429 pauses every request of
    /// the key for its `Retry-After` (capped by `max_pause`, jitter included; `default_pause`
    /// when absent) and may lower the key's limit; rate-limit headers re-synchronise it.
    virtual void on_response(const response_feedback& feedback) noexcept = 0;

    /// Asks for one retry of the kind `cause` and records it. Retries after a 429 are always
    /// granted (the pause paces them); the others draw on the key's retry budget. Returns false,
    /// and counts a refusal, when that budget is exhausted.
    virtual bool try_spend_retry(retry_cause cause) noexcept = 0;

    /// A snapshot of the counters and the current state.
    virtual scheduler_counters counters() const noexcept = 0;

    /// The options the budget works with (validated).
    virtual const scheduler_options& options() const noexcept = 0;

    /// The label of the key in diagnostics (empty when none).
    virtual const std::string& key_digest() const noexcept = 0;

    /// True when an attempt should have a connection ready before it asks `admit` for its
    /// permit, so that the permit is spent on one write to a warm connection: a budget whose
    /// pacing is shared with other processes cannot cover a request that opens its connection
    /// after admission and reaches the server late. False (the default) for a budget of this
    /// process alone, which keeps admission first. Asked once per attempt; never throws.
    virtual bool wants_ready_connection() const noexcept { return false; }
};

/// The implementation behind a public `rate_budget`. Never throws.
admission_budget& budget_of(const rate_budget& budget) noexcept;

}  // namespace talentray::detail
