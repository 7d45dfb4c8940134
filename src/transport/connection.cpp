#include "transport/connection.hpp"

#include "transport/io_failure.hpp"
#include "transport/proxy_tunnel.hpp"
#include "transport/round_trip.hpp"
#include "transport/use_tuple.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <cerrno>
#include <sys/socket.h>

namespace talentray::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

std::string openssl_queue_text() {
    std::string out;
    while (unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        if (!out.empty()) out += "; ";
        out += buf;
    }
    return out;
}

bool is_ip_literal(const std::string& host) {
    error_code ec;
    (void)asio::ip::make_address(host, ec);
    return !ec;
}

}  // namespace

connection::connection(asio::any_io_executor executor, const origin& target, asio::ssl::context* tls_ctx,
                       const proxy_endpoint* proxy)
    : target_(target),
      proxy_(proxy),
      stream_(tls_ctx ? std::variant<plain_stream, tls_stream>{std::in_place_type<tls_stream>, executor, *tls_ctx}
                      : std::variant<plain_stream, tls_stream>{std::in_place_type<plain_stream>, executor}) {}

connection::~connection() {
    // OpenSSL invalidates the session of a connection freed without a shutdown, which would
    // defeat resumption for every reconnect. A connection whose last round trip completed is
    // marked as cleanly shut down (nothing is sent; the socket is simply closed).
    if (auto* tls = std::get_if<tls_stream>(&stream_); tls && record_.last_complete)
        SSL_set_shutdown(tls->native_handle(), SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
}

beast::tcp_stream& connection::lowest_layer() noexcept {
    return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); }, stream_);
}

asio::awaitable<result<void>> connection::open(connect_limits limits, tls_session session) {
    using namespace asio::experimental::awaitable_operators;
    auto executor = co_await asio::this_coro::executor;
    const std::string where = target_.to_string();
    // Through a proxy, the TCP connection goes to the proxy, which alone resolves the origin.
    const std::string& tcp_host = proxy_ ? proxy_->host : target_.host;
    const std::uint16_t tcp_port = proxy_ ? proxy_->port : target_.port;
    const std::string tcp_peer = proxy_ ? "proxy " + proxy_->to_string() : where;
    // Timed always: three clock reads are nothing next to a connection's round trips.
    const auto opening = clock::now();

    // Name resolution has no per-operation timeout of its own: race it against a timer.
    tcp::resolver resolver{executor};
    asio::steady_timer resolve_timer{executor, step_expiry(limits.connect, limits.deadline)};
    auto resolved = co_await (resolver.async_resolve(tcp_host, std::to_string(tcp_port), use_tuple) ||
                              resolve_timer.async_wait(use_tuple));
    if (resolved.index() == 1)
        co_return timeout_failure(errc::connect_timeout, limits.deadline, "resolving " + tcp_host);
    auto [resolve_ec, endpoints] = std::get<0>(std::move(resolved));
    if (resolve_ec)
        co_return transport_failure(resolve_ec, std::string{proxy_ ? "cannot resolve proxy host '" : "cannot resolve host '"} +
                                                    tcp_host + "'");

    auto& tcp_layer = lowest_layer();
    tcp_layer.expires_at(step_expiry(limits.connect, limits.deadline));
    auto [connect_ec, endpoint] = co_await tcp_layer.async_connect(endpoints, use_tuple);
    if (connect_ec == beast::error::timeout)
        co_return timeout_failure(errc::connect_timeout, limits.deadline, "connecting to " + tcp_peer);
    if (connect_ec) co_return transport_failure(connect_ec, "connecting to " + tcp_peer + " failed");
    tcp_layer.socket().set_option(tcp::no_delay{true});
    if (proxy_) {
        auto tunnel = co_await open_tunnel(tcp_layer, *proxy_, target_, limits.connect, limits.deadline);
        if (!tunnel) co_return tunnel;
    }
    const auto connected = clock::now();
    connect_time_ = connected - opening;

    auto* tls = std::get_if<tls_stream>(&stream_);
    if (!tls) co_return result<void>{};

    SSL* ssl = tls->native_handle();
    if (is_ip_literal(target_.host)) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), target_.host.c_str());
    } else {
        SSL_set_tlsext_host_name(ssl, target_.host.c_str());  // SNI
        SSL_set1_host(ssl, target_.host.c_str());            // host-name verification
    }
    if (session) SSL_set_session(ssl, session.get());

    tcp_layer.expires_at(step_expiry(limits.handshake, limits.deadline));
    auto [handshake_ec] = co_await tls->async_handshake(asio::ssl::stream_base::client, use_tuple);
    tcp_layer.expires_never();
    if (!handshake_ec) {
        handshake_time_ = clock::now() - connected;
        co_return result<void>{};
    }
    if (handshake_ec == beast::error::timeout)
        co_return timeout_failure(errc::handshake_timeout, limits.deadline, "TLS handshake with " + where);
    long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
        ERR_clear_error();
        co_return make_error_info(errc::tls_verification_failed,
                                  "certificate of " + where + " rejected: " +
                                      X509_verify_cert_error_string(verify));
    }
    std::string detail = openssl_queue_text();
    auto failure = transport_failure(handshake_ec, "TLS handshake with " + where + " failed");
    if (!detail.empty()) failure.diag.client_message += " (" + detail + ")";
    co_return failure;
}

asio::awaitable<round_trip_outcome> connection::round_trip(const http_request& request, round_trip_limits limits) {
    // Not a coroutine: awaiting the round trip's own coroutine spares a frame per request.
    // The step timeouts are the TCP layer's, under TLS as well.
    const tcp_step_timeouts timeouts{&lowest_layer()};
    return std::visit(
        [&](auto& s) { return http_round_trip(s, buffer_, request, limits, target_, timeouts, record_); }, stream_);
}

bool connection::idle_and_healthy() const noexcept {
    if (buffer_.size() != 0) return false;  // unsolicited bytes left from the last round trip
    auto& socket = std::visit([](auto& s) -> const beast::tcp_stream& { return beast::get_lowest_layer(s); },
                              stream_)
                       .socket();
    if (!socket.is_open()) return false;
    char probe;
    ssize_t n = ::recv(const_cast<tcp::socket&>(socket).native_handle(), &probe, 1, MSG_PEEK | MSG_DONTWAIT);
    // Nothing to read is the only healthy answer: 0 is an orderly close, data is a close_notify
    // or garbage, and any other error means the socket is gone. Except before the first round
    // trip over TLS: a connection warmed ahead of its request has the server's TLS 1.3 session
    // tickets waiting, which that round trip reads. A close_notify among them is met as a reused
    // connection's stale close is, by one resend on a fresh connection.
    if (n > 0) return record_.completed == 0 && std::holds_alternative<tls_stream>(stream_);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

tls_session connection::session() const {
    auto* tls = std::get_if<tls_stream>(&stream_);
    if (!tls) return {};
    SSL_SESSION* s = SSL_get1_session(const_cast<tls_stream*>(tls)->native_handle());
    if (!s) return {};
    return tls_session{s, SSL_SESSION_free};
}

bool connection::resumed_session() const noexcept {
    auto* tls = std::get_if<tls_stream>(&stream_);
    return tls && SSL_session_reused(const_cast<tls_stream*>(tls)->native_handle()) == 1;
}

}  // namespace talentray::detail
