// Sends one HTTP request through the pool, resending it once on a fresh connection when a
// reused keep-alive connection turns out to have been closed by the server.
#pragma once

#include "transport/pool.hpp"
#include "transport/transport_options.hpp"

namespace talentray::detail {

/// What one `transport::send` did on the wire, for the client's observer.
struct wire_report {
    bool reused = false;              ///< the last round trip ran on a connection used before
    clock::duration connect{};        ///< of the new connection the last round trip ran on
    clock::duration tls_handshake{};  ///< of that connection; zero when reused or plain HTTP
    clock::duration first_byte{};     ///< of the last round trip; only measured when asked
    std::uint64_t bytes_out = 0;      ///< over every round trip (a stale connection's resend too)
    std::uint64_t bytes_in = 0;
};

struct send_outcome {
    result<response> received = make_error_info(errc::connection_failed, "not sent");
    /// False only when it is certain that no byte of the request reached the server, so that
    /// even a non-idempotent request may be sent again.
    bool may_have_reached_server = true;
    wire_report wire;
};

class transport {
public:
    /// `proxy`, when set, is the HTTP proxy every connection tunnels through (CONNECT).
    transport(origin target, std::shared_ptr<boost::asio::ssl::context> tls_ctx, const transport_options& options,
              std::optional<proxy_endpoint> proxy = std::nullopt);

    /// Sends `request` and returns the response, whatever its status. A failure before any
    /// response byte on a reused connection is retried once on a fresh connection when safe:
    /// always for idempotent requests, otherwise only if nothing was written. Every step is
    /// bounded by the timeouts and by `deadline`. Cancellation (terminal) aborts the attempt and
    /// closes its connection. `timed` measures `wire.first_byte` (two clock reads more).
    boost::asio::awaitable<send_outcome> send(const http_request& request, bool idempotent, clock::time_point deadline,
                                              bool timed = false);

    /// Makes sure a connection to the origin (through the proxy, if any) is ready for the next
    /// `send`, without holding it: see connection_pool::warm_up. Returns at once when one is
    /// idle or the pool is full. Races are harmless: another call may take the warmed
    /// connection, and that send then connects as it would have. Returns the connect or
    /// handshake error (bounded by the timeouts and `deadline`), errc::client_closed, or
    /// operation_aborted; cancellation (terminal) closes the connection being opened.
    boost::asio::awaitable<boost::system::error_code> prepare(clock::time_point deadline);

    /// Closes the pool (see connection_pool::close): idle connections end with close_notify.
    boost::asio::awaitable<void> close(std::chrono::milliseconds timeout) { return pool_.close(timeout); }

    pool_stats stats() const { return pool_.stats(); }
    const origin& target() const noexcept { return pool_.target(); }

private:
    connection_pool pool_;
    const timeout_options timeouts_;
    const std::size_t max_body_size_;
};

}  // namespace talentray::detail
