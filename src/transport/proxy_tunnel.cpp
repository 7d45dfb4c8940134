#include "transport/proxy_tunnel.hpp"

#include "base/terminal_text.hpp"
#include "transport/use_tuple.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>

namespace talentray::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr std::uint32_t max_reply_header_bytes = 16 * 1024;
constexpr std::size_t max_reason_bytes = 200;

std::string authority_of(const origin& target) {
    const std::string host = target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
    return host + ':' + std::to_string(target.port);
}

std::string tunnel_to(const proxy_endpoint& proxy, const origin& target) {
    return "proxy " + proxy.to_string() + " (tunnel to " + authority_of(target) + ")";
}

error_info refused(const proxy_endpoint& proxy, const origin& target, std::string why) {
    return make_error_info(errc::proxy_refused, tunnel_to(proxy, target) + ": " + std::move(why));
}

}  // namespace

http_request make_connect_request(const proxy_endpoint& proxy, const origin& target) {
    const std::string authority = authority_of(target);
    http_request request{http::verb::connect, authority, 11};
    request.set(http::field::host, authority);
    if (!proxy.authorization.empty()) request.set(http::field::proxy_authorization, proxy.authorization.reveal());
    return request;
}

result<void> judge_connect_reply(const proxy_endpoint& proxy, const origin& target, int status,
                                 std::string_view reason) {
    if (status >= 200 && status < 300) return {};
    std::string why = "refused the tunnel with HTTP " + std::to_string(status);
    if (const auto shown = terminal_safe_text(reason, max_reason_bytes); !shown.empty()) why += " " + shown;
    if (status == 407) why += " (the proxy wants credentials: user:password in the proxy URL, or other ones)";
    return refused(proxy, target, std::move(why));
}

asio::awaitable<result<void>> open_tunnel(beast::tcp_stream& stream, const proxy_endpoint& proxy,
                                          const origin& target, std::chrono::milliseconds limit,
                                          clock::time_point deadline) {
    auto timed_out = [&] {
        if (clock::now() >= deadline)
            return make_error_info(errc::deadline_exceeded, tunnel_to(proxy, target) + ": request deadline exceeded");
        return make_error_info(errc::connect_timeout, tunnel_to(proxy, target) + ": CONNECT timed out");
    };
    stream.expires_at(std::min(clock::now() + limit, deadline));
    {
        // Scoped: the request's header, and with it the credentials, is wiped once written.
        const http_request request = make_connect_request(proxy, target);
        auto [write_ec, written] = co_await http::async_write(stream, request, use_tuple);
        (void)written;
        if (write_ec == beast::error::timeout) co_return timed_out();
        if (write_ec == asio::error::operation_aborted) co_return error_info{write_ec, {}};
        if (write_ec) co_return refused(proxy, target, "sending CONNECT failed: " + write_ec.message());
    }

    // The response to CONNECT has no body, whatever its header says (RFC 9110 9.3.6): the parser
    // is told to skip it, as Beast documents for CONNECT. Bytes after the header would belong to
    // the TLS session, which has not started, so a proxy that sends any is not trusted either.
    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> parser;
    parser.skip(true);
    parser.header_limit(max_reply_header_bytes);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
    (void)read;
    stream.expires_never();
    if (read_ec == beast::error::timeout) co_return timed_out();
    if (read_ec == asio::error::operation_aborted) co_return error_info{read_ec, {}};
    if (read_ec == http::error::end_of_stream || read_ec == asio::error::eof ||
        read_ec == asio::error::connection_reset)
        co_return refused(proxy, target, "closed the connection without answering CONNECT");
    if (read_ec) co_return refused(proxy, target, "answered CONNECT with something that is not HTTP (" +
                                                      read_ec.message() + ")");
    const auto& reply = parser.get();
    auto judged = judge_connect_reply(proxy, target, static_cast<int>(reply.result_int()), reply.reason());
    if (!judged) co_return judged;
    if (buffer.size() != 0) co_return refused(proxy, target, "sent bytes after accepting CONNECT, before TLS began");
    co_return result<void>{};
}

}  // namespace talentray::detail
