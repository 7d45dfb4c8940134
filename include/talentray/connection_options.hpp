// talentray/connection_options.hpp — how the client's connections are made: TLS, the pool,
// timeouts. Part of `client_options` (include <talentray/client_options.hpp>); a header of its
// own so that the transport, which reads only these, needs nothing else of the client.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace talentray {

/// TLS settings. Verification is on by default and stays on unless the option whose name says
/// what it does is set; setting it logs a warning on every client built with it.
struct tls_options {
    /// PEM file of CA certificates to trust instead of the system store (empty: system store).
    std::string ca_file;
    /// In-memory PEM CA certificates to trust, in addition to `ca_file` (empty: none).
    std::string ca_pem;
    /// Turns off certificate and host-name verification. Only for debugging against a server
    /// whose certificate cannot be obtained; logs a warning. Never the default.
    bool disable_verification_dangerously = false;
};

/// Connection pool settings, per origin (scheme, host, port).
struct pool_options {
    /// Most connections open at once to one origin; further requests wait in FIFO order.
    std::size_t max_connections = 8;
    /// An idle connection older than this is closed instead of reused.
    std::chrono::milliseconds idle_timeout{30'000};
    /// Close a connection after this many requests (0 = no limit).
    std::size_t max_requests_per_connection = 0;
};

/// Timeouts. Each I/O step (connect, handshake, writing the request, reading the response) has
/// its own limit; the whole request, including waiting for a connection and reconnects, has a
/// deadline on top. A step's limit never extends past the deadline.
struct timeout_options {
    std::chrono::milliseconds connect{10'000};
    std::chrono::milliseconds handshake{10'000};
    std::chrono::milliseconds io{30'000};
    /// Deadline of one request attempt, from the moment it is handed to the transport.
    std::chrono::milliseconds request{60'000};
};

}  // namespace talentray
