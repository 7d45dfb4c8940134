// The orderly end of a pooled connection, apart from the round trip it otherwise serves.
#include "transport/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/err.h>

namespace talentray::detail {
namespace asio = boost::asio;

asio::awaitable<void> connection::close_gracefully(std::chrono::milliseconds timeout) {
    auto& tcp_layer = lowest_layer();
    if (auto* tls = std::get_if<tls_stream>(&stream_); tls && tcp_layer.socket().is_open()) {
        // async_shutdown writes close_notify, then reads until the peer's close_notify or its
        // end of stream; the stream's timer bounds both. Its error (a peer that closed without
        // answering, or the timeout) changes nothing: the socket is closed either way.
        tcp_layer.expires_after(timeout);
        auto [ignored] = co_await tls->async_shutdown(asio::as_tuple(asio::use_awaitable));
        (void)ignored;
        ERR_clear_error();  // what OpenSSL queued about an unanswered shutdown is nobody's business
    }
    boost::system::error_code ignored;
    tcp_layer.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    tcp_layer.close();
}

}  // namespace talentray::detail
