// Opening a tunnel through an HTTP proxy: CONNECT host:port on a TCP connection to the proxy,
// after which the connection carries bytes to the origin untouched (TLS runs end to end).
#pragma once

#include "transport/connection.hpp"
#include "transport/io_failure.hpp"
#include "transport/proxy.hpp"
#include "transport/use_tuple.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <string>
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

/// errc::proxy_refused naming the proxy and the tunnel's origin, saying `why`.
error_info tunnel_refused(const proxy_endpoint& proxy, const origin& target, std::string why);

/// The CONNECT round trip ran out of time: errc::deadline_exceeded once `deadline` has passed,
/// else errc::connect_timeout; both name the proxy and the tunnel's origin.
error_info tunnel_timed_out(const proxy_endpoint& proxy, const origin& target, clock::time_point deadline);

/// The largest response header to CONNECT read; a longer one is refused as not HTTP.
inline constexpr std::uint32_t max_connect_reply_header_bytes = 16 * 1024;

/// Sends CONNECT on `stream` (already connected to the proxy) and reads the proxy's response
/// header, on any Beast stream: `timeouts.arm` bounds the round trip by `limit` (never past
/// `deadline`) and `timeouts.disarm` ends that bound once the response is read (see
/// tcp_step_timeouts, no_step_timeouts). Returns what open_tunnel returns.
/// Lifetimes: `stream`, `proxy` and `target` outlive the awaited round trip.
template <class Stream, class StepTimeouts>
boost::asio::awaitable<result<void>> connect_tunnel(Stream& stream, const proxy_endpoint& proxy, const origin& target,
                                                    std::chrono::milliseconds limit, clock::time_point deadline,
                                                    StepTimeouts timeouts) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace http = beast::http;
    timeouts.arm(step_expiry(limit, deadline));
    {
        // Scoped: the request's header, and with it the credentials, is wiped once written.
        const http_request request = make_connect_request(proxy, target);
        auto [write_ec, written] = co_await http::async_write(stream, request, use_tuple);
        (void)written;
        if (write_ec == beast::error::timeout) co_return tunnel_timed_out(proxy, target, deadline);
        if (write_ec == asio::error::operation_aborted) co_return error_info{write_ec, {}};
        if (write_ec) co_return tunnel_refused(proxy, target, "sending CONNECT failed: " + write_ec.message());
    }

    // The response to CONNECT has no body, whatever its header says (RFC 9110 9.3.6): the parser
    // is told to skip it, as Beast documents for CONNECT. Bytes after the header would belong to
    // the TLS session, which has not started, so a proxy that sends any is not trusted either.
    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> parser;
    parser.skip(true);
    parser.header_limit(max_connect_reply_header_bytes);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
    (void)read;
    timeouts.disarm();
    if (read_ec == beast::error::timeout) co_return tunnel_timed_out(proxy, target, deadline);
    if (read_ec == asio::error::operation_aborted) co_return error_info{read_ec, {}};
    if (read_ec == http::error::end_of_stream || read_ec == asio::error::eof ||
        read_ec == asio::error::connection_reset)
        co_return tunnel_refused(proxy, target, "closed the connection without answering CONNECT");
    if (read_ec)
        co_return tunnel_refused(proxy, target,
                                 "answered CONNECT with something that is not HTTP (" + read_ec.message() + ")");
    const auto& reply = parser.get();
    auto judged = judge_connect_reply(proxy, target, static_cast<int>(reply.result_int()), reply.reason());
    if (!judged) co_return judged;
    if (buffer.size() != 0)
        co_return tunnel_refused(proxy, target, "sent bytes after accepting CONNECT, before TLS began");
    co_return result<void>{};
}

/// Sends CONNECT on `stream` (already connected to the proxy) and reads the proxy's response
/// header; the round trip must finish within `limit` (else errc::connect_timeout, or
/// errc::deadline_exceeded when `deadline` came first). Fails with errc::proxy_refused when the
/// proxy refuses, answers something that is not HTTP, or closes the connection; the message
/// names the proxy, never its credentials. Cancellation: per-operation cancellation of the
/// stream's operations ends it with operation_aborted.
boost::asio::awaitable<result<void>> open_tunnel(boost::beast::tcp_stream& stream, const proxy_endpoint& proxy,
                                                 const origin& target, std::chrono::milliseconds limit,
                                                 clock::time_point deadline);

}  // namespace talentray::detail
