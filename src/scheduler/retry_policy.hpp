// scheduler/retry_policy.hpp — whether, and when, a failed attempt is tried again.
#pragma once

#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/retry_cause.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace talentray {

/// Classifies a failed attempt: a 429 is `rate_limited`; 500, 502, 503 and 504 are
/// `server_error`; `errc::connect_timeout`, `handshake_timeout`, `io_timeout` and Asio/Beast
/// timeouts are `timeout`; refused, reset, aborted or truncated connections (including
/// `errc::connection_failed`) are `network`. Everything else — other statuses, cancellation,
/// `errc::deadline_exceeded`, TLS verification failures, invalid responses — is not retryable.
/// `error` is only looked at when `http_status` is 0. Never throws.
std::optional<retry_cause> classify_failure(int http_status, const boost::system::error_code& error) noexcept;

/// One failed attempt, as the client's retry loop describes it.
struct attempt_info {
    /// Attempts made so far for this request, this one included (1 after the first).
    std::uint32_t attempt = 1;

    /// Of those, how many were answered 429 (this one included).
    std::uint32_t rate_limited_attempts = 0;

    /// The HTTP status, or 0 when no response arrived.
    int http_status = 0;

    /// The transport error when no response arrived.
    boost::system::error_code error;

    /// Whether replaying the request is harmless (GET, PUT, DELETE, or marked so).
    bool idempotent = false;

    /// False only when the transport proves that no byte of the request was written (e.g. the
    /// connect failed): then even a non-idempotent request may be retried.
    bool request_written = true;

    /// The parsed `Retry-After` of the response, if any (honoured for 503 as well).
    std::optional<std::chrono::seconds> retry_after;

    /// When the first attempt began. Required: `total_timeout` counts from it.
    std::chrono::steady_clock::time_point first_attempt_at{};

    /// The request's own deadline.
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

/// Why a failed attempt is not retried.
enum class retry_refusal {
    none,                   ///< it is retried
    not_retryable,          ///< the failure is not of a retryable kind (e.g. 404, TLS failure)
    not_idempotent,         ///< the request may have reached the server and must not be replayed
    attempts_exhausted,     ///< max_attempts (or max_rate_limited_attempts) reached
    deadline,               ///< the next attempt could not start before the deadline
    retry_budget_exhausted, ///< the key's retry budget refused, to spare a failing server
};

/// The decision for one failed attempt.
struct retry_decision {
    bool retry = false;                     ///< try again
    std::chrono::milliseconds delay{0};     ///< wait this long, then admit() again; zero after a
                                            ///< 429, whose key-wide pause is waited in admit()
    std::optional<retry_cause> cause;       ///< the kind of failure, when it is a retryable kind
    retry_refusal refusal = retry_refusal::none; ///< why not, when `retry` is false

    /// One line for diagnostics, e.g. "retry 2 after 180 ms (server_error)" or
    /// "not retried: the request is not idempotent and may have reached the server".
    std::string explain() const;
};

namespace detail {

class admission_budget;

/// Decides whether, and when, the failed attempt described by `attempt` is tried again: 429
/// always (after the key's pause, bounded by `max_rate_limited_attempts` and the deadline); 5xx,
/// timeouts and network errors only for idempotent requests or when nothing was written, with
/// exponential backoff and full jitter, bounded by `max_attempts`, `total_timeout`, the request's
/// deadline and the key's retry budget. `budget` (may be null: then only `options` limit
/// retries) caps the honoured Retry-After at its `max_pause` and is asked for the retry, which
/// it records in its counters; `now` is the time of the failure and `uniform` (in [0, 1)) draws
/// the jitter. `attempt.first_attempt_at` must be set, `attempt.attempt` at least 1 and `options`
/// valid (`validate`). Thread safety: as the budget's. Never throws.
retry_decision decide_retry(const attempt_info& attempt, const retry_options& options, admission_budget* budget,
                            std::chrono::steady_clock::time_point now, double uniform) noexcept;

}  // namespace detail
}  // namespace talentray
