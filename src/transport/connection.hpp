// One TCP or TLS connection to an origin, and one HTTP/1.1 round trip (request written,
// response read) on it at a time.
#pragma once

#include "transport/cleansing_allocator.hpp"
#include "transport/origin.hpp"
#include "transport/proxy.hpp"

#include <talentray/error.hpp>
#include <talentray/response.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <variant>

namespace talentray::detail {

using clock = std::chrono::steady_clock;
/// A request as it is written. Its header holds the Authorization value, so the header's storage
/// is wiped when the request is destroyed.
using http_request_fields = boost::beast::http::basic_fields<cleansing_allocator<char>>;
using http_request = boost::beast::http::request<boost::beast::http::string_body, http_request_fields>;

/// A TLS session kept between connections of one pool so reconnects can resume it.
using tls_session = std::shared_ptr<SSL_SESSION>;

struct connect_limits {
    std::chrono::milliseconds connect;
    std::chrono::milliseconds handshake;
    clock::time_point deadline;
};

struct round_trip_limits {
    std::chrono::milliseconds io;
    clock::time_point deadline;
    std::size_t max_body_size;
    /// Times the response header's arrival (`round_trip_outcome::first_byte`); off, the round
    /// trip reads no clock for it.
    bool timed = false;
};

/// The result of one round trip. On failure, `wrote_anything` and `received_anything` tell the
/// caller whether retrying on another connection can be safe.
struct round_trip_outcome {
    result<response> received = make_error_info(errc::connection_failed, "no round trip");
    bool wrote_anything = false;
    bool received_anything = false;
    bool keep_alive = false;  ///< the server allows reusing this connection
    std::uint64_t bytes_written = 0;  ///< HTTP bytes of the request written
    std::uint64_t bytes_read = 0;     ///< HTTP bytes of the response consumed by the parser
    /// From the request's first byte written to its response header read, when timed.
    clock::duration first_byte{};
};

/// What a connection keeps of its round trips. The round trip updates it itself, so that
/// `connection::round_trip` can hand out the round trip's coroutine without one of its own.
struct round_trip_record {
    std::size_t completed = 0;   ///< round trips that received a whole response
    bool last_complete = false;  ///< whether the last one did (its TLS session is then kept)
};

class connection {
public:
    /// `tls_ctx` is null for plain HTTP. `proxy` (null: direct) is the proxy the connection
    /// tunnels through with CONNECT. Both outlive the connection (the pool owns them).
    connection(boost::asio::any_io_executor executor, const origin& target, boost::asio::ssl::context* tls_ctx,
               const proxy_endpoint* proxy = nullptr);
    ~connection();
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    /// Resolves, connects and (for TLS) handshakes with SNI and host-name verification, offering
    /// `session` for resumption. Through a proxy, it resolves and connects to the proxy, opens a
    /// tunnel to the origin (`open_tunnel`, bounded by `limits.connect`) and handshakes with the
    /// origin through it: SNI and verification name the origin, never the proxy. Cancellation: per-operation cancellation closes the attempt.
    boost::asio::awaitable<result<void>> open(connect_limits limits, tls_session session);

    /// Writes `request` and reads the whole response (body capped at `limits.max_body_size`):
    /// `http_round_trip` on this connection's stream. `request` outlives the awaited round trip.
    boost::asio::awaitable<round_trip_outcome> round_trip(const http_request& request, round_trip_limits limits);

    /// True when an idle connection can be reused: the peer has neither closed it nor sent
    /// unsolicited bytes (a non-blocking peek finds nothing to read). A TLS connection that has
    /// served no request yet (warmed ahead of it) may have bytes waiting: its session tickets.
    bool idle_and_healthy() const noexcept;

    /// Ends an idle connection in order: for TLS, sends close_notify and waits at most `timeout`
    /// for the peer's (or its close); then closes the socket. Never fails: a peer that does not
    /// answer only costs the timeout. Cancellation closes the socket at once.
    boost::asio::awaitable<void> close_gracefully(std::chrono::milliseconds timeout);

    /// The session negotiated on this connection, for the pool to offer to the next one.
    tls_session session() const;
    bool resumed_session() const noexcept;

    /// How long `open` took to connect (resolution, TCP and the proxy's tunnel included) and to
    /// complete the TLS handshake (zero for plain HTTP).
    clock::duration connect_time() const noexcept { return connect_time_; }
    clock::duration handshake_time() const noexcept { return handshake_time_; }

    std::size_t requests_served() const noexcept { return record_.completed; }
    clock::time_point idle_since() const noexcept { return idle_since_; }
    void mark_idle() noexcept { idle_since_ = clock::now(); }

private:
    using plain_stream = boost::beast::tcp_stream;
    using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

    boost::beast::tcp_stream& lowest_layer() noexcept;

    const origin& target_;
    const proxy_endpoint* proxy_;
    std::variant<plain_stream, tls_stream> stream_;
    boost::beast::flat_buffer buffer_;
    round_trip_record record_;
    clock::time_point idle_since_{};
    clock::duration connect_time_{};
    clock::duration handshake_time_{};
};

}  // namespace talentray::detail
