// Sends one HTTP request through the pool, resending it once on a fresh connection when a
// reused keep-alive connection turns out to have been closed by the server.
#pragma once

#include "transport/pool.hpp"

namespace talentray::detail {

struct send_outcome {
    result<response> answer = make_error_info(errc::connection_failed, "not sent");
    /// False only when it is certain that no byte of the request reached the server, so that
    /// even a non-idempotent request may be sent again.
    bool may_have_reached_server = true;
};

class transport {
public:
    /// `proxy`, when set, is the HTTP proxy every connection tunnels through (CONNECT).
    transport(origin target, std::shared_ptr<boost::asio::ssl::context> tls_ctx, pool_options pool,
              timeout_options timeouts, std::size_t max_body_size, std::optional<proxy_endpoint> proxy = std::nullopt);

    /// Sends `request` and returns the response, whatever its status. A failure before any
    /// response byte on a reused connection is retried once on a fresh connection when safe:
    /// always for idempotent requests, otherwise only if nothing was written. Every step is
    /// bounded by the timeouts and by `deadline`. Cancellation (terminal) aborts the attempt and
    /// closes its connection.
    boost::asio::awaitable<send_outcome> send(const http_request& request, bool idempotent, clock::time_point deadline);

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
