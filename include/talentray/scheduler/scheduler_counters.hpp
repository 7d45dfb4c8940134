// talentray/scheduler/scheduler_counters.hpp — everything a rate budget decided, as numbers, so
// a workload can be measured against the key's limit.
#pragma once

#include <chrono>
#include <cstdint>

namespace talentray {

/// Retries started, by what made the attempt fail.
struct retry_counters {
    std::uint64_t rate_limited = 0;  ///< after a 429
    std::uint64_t server_error = 0;  ///< after a 500, 502, 503 or 504
    std::uint64_t timeout = 0;       ///< after a connect, handshake or I/O timeout
    std::uint64_t network = 0;       ///< after a broken or refused connection

    std::uint64_t total() const noexcept { return rate_limited + server_error + timeout + network; }
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
    std::uint64_t header_syncs = 0;              ///< responses whose rate-limit headers were applied

    // Retries.
    retry_counters retries;                      ///< retries granted, by cause
    std::uint64_t retries_refused = 0;           ///< retries refused by the retry budget

    // Current state.
    double configured_rate_per_minute = 0;       ///< the bucket's full refill rate
    double current_rate_per_minute = 0;          ///< after adaptive decreases and header syncs
    double current_requests_per_window = 0;      ///< the limit admission works with: configured,
                                                 ///< advertised, or learned from 429s
    std::uint32_t in_flight = 0;                 ///< permits currently held
    std::uint32_t queued_interactive = 0;        ///< interactive requests waiting for admission
    std::uint32_t queued_bulk = 0;               ///< bulk requests waiting for admission
    std::chrono::nanoseconds pause_remaining{0}; ///< until a 429 pause (or exhausted window) ends
};

}  // namespace talentray
