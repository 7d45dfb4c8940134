// Serving one accepted connection: HTTP/1.1 keep-alive, request-body limit, idle timeout, and
// the injected faults (latency, dropped or truncated responses, closing after N responses).
#pragma once

#include "server_core.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <memory>

namespace talentray::mock::detail {

/// Serves plain HTTP on `socket` until the peer closes, an error occurs or a fault ends it.
/// Cancellation: none of its own; the server ends it by stopping the io_context.
boost::asio::awaitable<void> serve_plain_connection(boost::asio::ip::tcp::socket socket,
                                                    std::shared_ptr<server_core> core);

/// Performs the TLS handshake (counted in stats when it fails), then serves like the plain form.
/// `tls` must outlive the connection (the server keeps it until its io_context is gone).
boost::asio::awaitable<void> serve_tls_connection(boost::asio::ip::tcp::socket socket,
                                                  std::shared_ptr<server_core> core, boost::asio::ssl::context& tls);

}  // namespace talentray::mock::detail
