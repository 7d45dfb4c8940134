// talentray/counters.hpp — what a client has done so far, readable at any time.
#pragma once

#include <talentray/scheduler/scheduler_counters.hpp>

#include <cstddef>
#include <cstdint>

namespace talentray {

/// Connection pool activity for one origin.
struct pool_stats {
    std::uint64_t opened = 0;         ///< connections established (TCP + TLS)
    std::uint64_t reused = 0;         ///< requests served on an already open connection
    std::uint64_t closed = 0;         ///< connections closed (by either side, or stale)
    std::uint64_t stale_retries = 0;  ///< requests resent once after a reused connection died
    std::uint64_t tls_resumed = 0;    ///< handshakes that resumed an earlier TLS session
    std::size_t open_now = 0;         ///< connections currently open (busy or idle)
    std::size_t idle_now = 0;         ///< connections currently idle in the pool
    std::size_t waiting_now = 0;      ///< requests currently waiting for a connection
};

/// Request-level counters of one client.
struct client_counters {
    std::uint64_t requests = 0;          ///< attempts handed to the transport
    std::uint64_t responses_2xx = 0;
    std::uint64_t responses_3xx = 0;
    std::uint64_t responses_4xx = 0;
    std::uint64_t responses_5xx = 0;
    std::uint64_t transport_errors = 0;  ///< attempts that got no complete response
    std::uint64_t bytes_sent = 0;        ///< request bodies
    std::uint64_t bytes_received = 0;    ///< response bodies
    pool_stats pool;
    /// The key's rate budget (shared with every client of the key): admissions, waits, 429s,
    /// retries by cause, current rate. Zero for a client without a key.
    scheduler_counters scheduler;
};

}  // namespace talentray
