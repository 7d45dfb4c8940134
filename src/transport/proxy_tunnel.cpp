#include "transport/proxy_tunnel.hpp"

#include "base/terminal_text.hpp"

#include <boost/beast/http/verb.hpp>

namespace talentray::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr std::size_t max_reason_bytes = 200;

std::string authority_of(const origin& target) {
    const std::string host = target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
    return host + ':' + std::to_string(target.port);
}

std::string tunnel_to(const proxy_endpoint& proxy, const origin& target) {
    return "proxy " + proxy.to_string() + " (tunnel to " + authority_of(target) + ")";
}

}  // namespace

error_info tunnel_refused(const proxy_endpoint& proxy, const origin& target, std::string why) {
    return make_error_info(errc::proxy_refused, tunnel_to(proxy, target) + ": " + std::move(why));
}

error_info tunnel_timed_out(const proxy_endpoint& proxy, const origin& target, clock::time_point deadline) {
    if (clock::now() >= deadline)
        return make_error_info(errc::deadline_exceeded, tunnel_to(proxy, target) + ": request deadline exceeded");
    return make_error_info(errc::connect_timeout, tunnel_to(proxy, target) + ": CONNECT timed out");
}

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
    return tunnel_refused(proxy, target, std::move(why));
}

asio::awaitable<result<void>> open_tunnel(beast::tcp_stream& stream, const proxy_endpoint& proxy,
                                          const origin& target, std::chrono::milliseconds limit,
                                          clock::time_point deadline) {
    return connect_tunnel(stream, proxy, target, limit, deadline, tcp_step_timeouts{&stream});
}

}  // namespace talentray::detail
