#include "scheduler/retry_planner.hpp"

#include <algorithm>

namespace talentray::detail {

std::chrono::milliseconds backoff_ceiling(std::uint32_t failures, const retry_options& options) noexcept {
    const double max_ms = double(options.max_backoff.count());
    double ceiling = double(options.initial_backoff.count());
    for (std::uint32_t i = 1; i < failures && ceiling < max_ms; ++i) ceiling *= options.backoff_multiplier;
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::min(ceiling, max_ms))};
}

retry_decision plan_retry(const attempt_info& attempt, const retry_options& options, time_point now,
                          double uniform) noexcept {
    retry_decision decision;
    decision.cause = classify_failure(attempt.http_status, attempt.error);
    auto refuse = [&](retry_refusal why) {
        decision.retry = false;
        decision.delay = std::chrono::milliseconds{0};
        decision.refusal = why;
        return decision;
    };
    if (!decision.cause) return refuse(retry_refusal::not_retryable);

    const time_point total_deadline =
        saturating_add(attempt.first_attempt_at, std::chrono::duration_cast<duration>(options.total_timeout));
    const time_point deadline = std::min(attempt.deadline, total_deadline);
    const auto server_wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        attempt.retry_after.value_or(std::chrono::seconds{0}));

    if (*decision.cause == retry_cause::rate_limited) {
        // The server refused before doing anything: safe to replay whatever the method.
        if (attempt.rate_limited_attempts >= options.max_rate_limited_attempts)
            return refuse(retry_refusal::attempts_exhausted);
        if (saturating_add(now, server_wait) >= deadline) return refuse(retry_refusal::deadline);
        decision.retry = true;
        return decision;
    }

    if (!attempt.idempotent && attempt.request_written) return refuse(retry_refusal::not_idempotent);
    const std::uint32_t failures =
        std::max<std::uint32_t>(1, attempt.attempt > attempt.rate_limited_attempts
                                       ? attempt.attempt - attempt.rate_limited_attempts
                                       : 1);
    if (failures >= options.max_attempts) return refuse(retry_refusal::attempts_exhausted);

    // Full jitter: anywhere between zero and the ceiling, so clients that failed together
    // do not come back together.
    const auto ceiling = backoff_ceiling(failures, options);
    auto delay = std::chrono::milliseconds{
        static_cast<std::int64_t>(double(ceiling.count()) * std::clamp(uniform, 0.0, 1.0))};
    delay = std::max(delay, server_wait);
    if (saturating_add(now, delay) >= deadline) return refuse(retry_refusal::deadline);
    decision.retry = true;
    decision.delay = delay;
    return decision;
}

}  // namespace talentray::detail
