// Opening a tunnel through an HTTP proxy: CONNECT host:port on a TCP connection to the proxy,
// after which the connection carries bytes to the origin untouched (TLS runs end to end).
#pragma once

#include "transport/connection.hpp"
#include "transport/proxy.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <string_view>

namespace talentray::detail {

/// The CONNECT request for `target`, with Proxy-Authorization when the proxy has credentials.
/// Its header storage is wiped when it is destroyed, as it may hold them.
http_request make_connect_request(const proxy_endpoint& proxy, const origin& target);

/// What a proxy's response to CONNECT means: success for any 2xx, otherwise errc::proxy_refused
/// naming the proxy (host:port), the origin and the status with its reason text (made safe for
/// a terminal and cut short, as any server text the SDK repeats). Pure.
result<void> judge_connect_reply(const proxy_endpoint& proxy, const origin& target, int status,
                                 std::string_view reason);

/// Sends CONNECT on `stream` (already connected to the proxy) and reads the proxy's response
/// header; the exchange must finish within `limit` (else errc::connect_timeout, or
/// errc::deadline_exceeded when `deadline` came first). Fails with errc::proxy_refused when the
/// proxy refuses, answers something that is not HTTP, or closes the connection; the message
/// names the proxy, never its credentials. Cancellation: per-operation cancellation of the
/// stream's operations ends it with operation_aborted.
boost::asio::awaitable<result<void>> open_tunnel(boost::beast::tcp_stream& stream, const proxy_endpoint& proxy,
                                                 const origin& target, std::chrono::milliseconds limit,
                                                 clock::time_point deadline);

}  // namespace talentray::detail
