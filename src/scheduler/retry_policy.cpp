#include "scheduler/retry_policy.hpp"

#include "scheduler/admission_budget.hpp"
#include "scheduler/retry_planner.hpp"


namespace talentray {

std::string retry_decision::explain() const {
    const std::string kind = cause ? " (" + std::string(to_string(*cause)) + ")" : std::string{};
    if (retry) {
        if (cause == retry_cause::rate_limited) return "retry after the rate-limit pause" + kind;
        return "retry after " + std::to_string(delay.count()) + " ms" + kind;
    }
    switch (refusal) {
    case retry_refusal::none:
    case retry_refusal::not_retryable: return "not retried: the failure is not retryable" + kind;
    case retry_refusal::not_idempotent:
        return "not retried: the request is not idempotent and may have reached the server" + kind;
    case retry_refusal::attempts_exhausted: return "not retried: the attempt limit was reached" + kind;
    case retry_refusal::deadline: return "not retried: the next attempt could not start before the deadline" + kind;
    case retry_refusal::retry_budget_exhausted:
        return "not retried: the key's retry budget is exhausted by recent failures" + kind;
    }
    return "not retried" + kind;
}

namespace detail {

retry_decision decide_retry(const attempt_info& attempt, const retry_options& options, admission_budget* budget,
                            std::chrono::steady_clock::time_point now, double uniform) noexcept {
    attempt_info bounded = attempt;
    if (budget && bounded.retry_after) {
        // The budget will not pause longer than max_pause, whatever the server asked.
        const auto cap = std::chrono::ceil<std::chrono::seconds>(budget->options().max_pause);
        bounded.retry_after = std::min(*bounded.retry_after, cap);
    }
    retry_decision decision = plan_retry(bounded, options, now, uniform);
    if (decision.retry && budget && !budget->try_spend_retry(*decision.cause)) {
        decision.retry = false;
        decision.delay = std::chrono::milliseconds{0};
        decision.refusal = retry_refusal::retry_budget_exhausted;
    }
    return decision;
}

}  // namespace detail
}  // namespace talentray
