// talentray/scheduler/scheduler_counters.hpp — everything a rate budget decided, as numbers, so
// a workload can be measured against the key's limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace talentray {

/// Retries started, by what made the attempt fail.
struct retry_counters {
    std::uint64_t rate_limited = 0;  ///< after a 429
    std::uint64_t server_error = 0;  ///< after a 500, 502, 503 or 504
    std::uint64_t timeout = 0;       ///< after a connect, handshake or I/O timeout
    std::uint64_t network = 0;       ///< after a broken or refused connection

    std::uint64_t total() const noexcept { return rate_limited + server_error + timeout + network; }
};

/// Why the scheduler believes what it does about the key's limit, or why it changed it.
enum class limit_cause {
    configured,        ///< the options the budget was created with
    opening,           ///< the small burst a budget starts with when none was configured
    advertised,        ///< rate-limit headers in a response (`RateLimit`, `X-RateLimit-*`)
    burst_refusal,     ///< a 429 for a request sent inside a burst, ahead of the steady pace
    rate_refusal,      ///< a 429 for a request sent at the steady pace
    clean_admissions,  ///< requests accepted without a 429: the burst grew, or the rate probed higher
};

/// A short lower-case phrase for `cause` ("configured", "429s at a steady pace", ...).
const char* to_string(limit_cause cause) noexcept;

/// Which budget admits a key's requests.
enum class budget_kind {
    local,     ///< this process's own (no `scheduler_options::shared_budget`)
    shared,    ///< the one every process naming the same Redis shares
    fallback,  ///< Redis cannot be reached: this process alone, at a share of the limit
};

/// "local", "shared" or "fallback".
const char* to_string(budget_kind kind) noexcept;

/// One change of the sustained rate or of the burst, and what caused it.
struct limit_change {
    enum class quantity {
        rate,   ///< the sustained admission rate, in requests per minute
        burst,  ///< the requests that may start back to back
    };
    quantity what = quantity::rate;
    std::chrono::nanoseconds at{0};  ///< since the budget was created
    double from = 0;
    double to = 0;
    limit_cause cause = limit_cause::configured;
};

/// A consistent snapshot of one `rate_budget` (all fields read under one lock).
struct scheduler_counters {
    // Admission.
    std::uint64_t admitted = 0;                  ///< permits granted
    std::uint64_t waited = 0;                    ///< of those, permits that had to queue first
    std::chrono::nanoseconds total_wait{0};      ///< queueing time summed over `waited`
    std::chrono::nanoseconds max_wait{0};        ///< longest single queueing time
    std::uint64_t admission_deadline_failures = 0; ///< requests failed with errc::admission_deadline
    std::uint64_t cancelled_waits = 0;           ///< waits abandoned through cancellation

    // Responses.
    std::uint64_t responses = 0;                 ///< outcomes reported through on_response
    std::uint64_t rate_limited_responses = 0;    ///< 429s received
    std::uint64_t rate_decreases = 0;            ///< times a 429 lowered the admission rate
    std::uint64_t rate_increases = 0;            ///< times clean admissions raised it again
    std::uint64_t burst_decreases = 0;           ///< times a 429 inside a burst lowered the burst
    std::uint64_t burst_increases = 0;           ///< times an accepted full burst raised it
    std::uint64_t header_syncs = 0;              ///< responses whose rate-limit headers were applied

    // Retries.
    retry_counters retries;                      ///< retries granted, by cause
    std::uint64_t retries_refused = 0;           ///< retries refused by the retry budget

    // Current state.
    double configured_rate_per_minute = 0;       ///< the bucket's full refill rate
    double current_rate_per_minute = 0;          ///< after adaptive decreases and header syncs
    double current_requests_per_window = 0;      ///< the limit admission works with: configured,
                                                 ///< advertised, or learned from 429s
    limit_cause rate_cause = limit_cause::configured;  ///< what set the current rate last
    std::uint32_t burst = 0;                     ///< requests that may start back to back now
    std::uint32_t burst_ceiling = 0;             ///< the most the burst may grow to
    limit_cause burst_cause = limit_cause::configured; ///< what set the current burst last
    std::vector<limit_change> recent_changes;    ///< the last 32 changes of rate and burst, oldest
                                                 ///< first (`rate_*`/`burst_*` count them all)
    std::uint32_t in_flight = 0;                 ///< permits currently held
    std::uint32_t queued_interactive = 0;        ///< interactive requests waiting for admission
    std::uint32_t queued_bulk = 0;               ///< bulk requests waiting for admission
    std::chrono::nanoseconds pause_remaining{0}; ///< until a 429 pause (or exhausted window) ends

    // Sharing through Redis (all zero for a local budget).
    budget_kind budget = budget_kind::local;     ///< the budget admitting now
    std::uint64_t shared_admissions = 0;         ///< permits drawn from the shared budget
    std::uint64_t fallback_admissions = 0;       ///< permits admitted while Redis was unreachable
    std::uint64_t fallback_episodes = 0;         ///< times Redis was lost (each logs one warning)
    std::uint64_t shared_round_trips = 0;        ///< admission script calls (one may grant several)
};

}  // namespace talentray
