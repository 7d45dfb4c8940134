// talentray/scheduler/rate_budget.hpp — the shared admission budget of one API key.
#pragma once

#include <talentray/error.hpp>
#include <talentray/scheduler/admission_permit.hpp>
#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/response_feedback.hpp>
#include <talentray/scheduler/retry_cause.hpp>
#include <talentray/scheduler/scheduler_counters.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace talentray {

namespace detail {
class budget_core;
}

/// Admits the requests of one API key so that together they use its rate limit fully without
/// tripping it: a token bucket; a check that counts each attempt against the limit from its
/// admission until a window after it finished, so that no delay between admission and arrival
/// can bunch more than the limit into one window of the server's; a key-wide pause after a
/// 429; a limit learned from 429s; an in-flight cap and two priority classes. Share one budget between every `client` of a key, either
/// explicitly (`std::make_shared<rate_budget>(...)`) or through `shared_rate_budget()`.
///
/// Thread safety: every member function may be called concurrently from any thread, and
/// requests running on different executors (and io_contexts) may share one budget. State is
/// guarded by a mutex; each waiting request waits on its own timer on its own executor, and
/// wake-ups are posted to that executor. No thread ever sleeps.
///
/// Lifetime: the budget may be destroyed while requests are queued or in flight; they keep its
/// state alive until they finish.
class rate_budget {
public:
    using clock = std::chrono::steady_clock;

    /// A budget configured by `options`. `key_digest` labels it in diagnostics (never pass the
    /// key itself; see `api_key_digest`).
    /// Throws `talentray::error` (errc::invalid_argument) naming an invalid option.
    explicit rate_budget(scheduler_options options = {}, std::string key_digest = {});
    ~rate_budget();
    rate_budget(const rate_budget&) = delete;
    rate_budget& operator=(const rate_budget&) = delete;

    /// Waits until one attempt of class `prio` may be sent, then returns a permit holding one
    /// in-flight slot. Call it before every attempt, retries included.
    ///
    /// Requests are admitted in order within their class. A request that cannot be admitted
    /// before `deadline` fails with `errc::admission_deadline` as soon as that is known —
    /// straight away when the bucket, the pause and the queue ahead already rule it out, and
    /// otherwise when a later 429, rate decrease or the deadline itself does — with diagnostics
    /// saying how long admission would have taken and why.
    ///
    /// Cancellation: the coroutine's cancellation slot is honoured (terminal, partial and total
    /// cancellation alike, since nothing has been sent); the result is then
    /// `boost::asio::error::operation_aborted` and the request leaves the queue.
    ///
    /// Returns the permit or the error; never throws for these outcomes. The awaitable throws
    /// only `std::bad_alloc` — and, like any awaitable, Asio's `operation_aborted` from the
    /// caller's own `co_await` if the calling coroutine was already cancelled and keeps Asio's
    /// default `throw_if_cancelled(true)`.
    boost::asio::awaitable<result<admission_permit>> admit(priority prio,
                                                           clock::time_point deadline = clock::time_point::max());

    /// Reports the outcome of an admitted attempt. Call it before releasing the attempt's
    /// permit, once per attempt, including transport failures (`http_status` 0).
    /// A 429 pauses every request of the key for the `Retry-After` (capped by `max_pause`, plus
    /// jitter; `default_pause` when absent) and may lower the key's limit to what the server
    /// accepted of it in the window before (see `scheduler_options::rate_decrease_factor`);
    /// other answers let a lowered limit recover once `rate_recovery_period` has passed;
    /// rate-limit headers re-synchronise the bucket. Never throws.
    void on_response(const response_feedback& feedback) noexcept;

    /// Asks for one retry of the kind `cause` and records it. Retries after a 429 are always
    /// granted (the pause paces them); the others draw on the key's retry budget.
    /// Returns false, and counts a refusal, when the budget is exhausted. Never throws.
    bool try_spend_retry(retry_cause cause) noexcept;

    /// A snapshot of the counters and the current state. Never throws.
    scheduler_counters counters() const noexcept;

    /// The options the budget was created with (after validation).
    const scheduler_options& options() const noexcept;

    /// The label given at construction (empty when none).
    const std::string& key_digest() const noexcept;

private:
    std::shared_ptr<detail::budget_core> core_;
};

}  // namespace talentray
