#include "connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace talentray::mock::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using namespace std::chrono_literals;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Without close_when_idle a connection still goes after this long without a request, so
// abandoned clients do not pin sockets forever.
constexpr auto default_idle_limit = 5min;
constexpr auto write_limit = 30s;
constexpr auto handshake_limit = 10s;
constexpr auto shutdown_limit = 1s;

template <class Stream>
asio::awaitable<void> close_gracefully(Stream& stream) {
    boost::system::error_code ignored;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    } else {
        beast::get_lowest_layer(stream).expires_after(shutdown_limit);
        co_await stream.async_shutdown(use_tuple);
    }
    beast::get_lowest_layer(stream).socket().close(ignored);
}

// Ends the connection abruptly: no close_notify, no Connection: close. For the faults.
template <class Stream>
void drop(Stream& stream) {
    boost::system::error_code ignored;
    beast::get_lowest_layer(stream).socket().close(ignored);
}

// An error response for a request that could not even be parsed; the connection then closes.
template <class Stream>
asio::awaitable<void> reject_unreadable(Stream& stream, http::status status, std::string_view message) {
    http_response response = legacy_error(status, message);
    response.keep_alive(false);
    beast::get_lowest_layer(stream).expires_after(write_limit);
    co_await http::async_write(stream, response, use_tuple);
    co_await close_gracefully(stream);
}

// Compresses a JSON response large enough to gain from it when the request accepts gzip, as a
// production server's compression layer does.
void compress_if_accepted(const http_request& request, http_response& response, server_core& core) {
    if (response.body().size() < core.gzip_min_bytes) return;
    if (response[http::field::content_type] != "application/json") return;
    response.set(http::field::vary, "Accept-Encoding");
    const auto accept = request.find(http::field::accept_encoding);
    if (accept == request.end() || !accepts_gzip(accept->value())) return;
    response.body() = gzip_compress(response.body());
    response.set(http::field::content_encoding, "gzip");
    response.prepare_payload();
    core.stats.count_gzip_response();
}

timestamp wall_clock_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

template <class Stream>
asio::awaitable<void> serve_requests(Stream& stream, std::shared_ptr<server_core> core, std::string remote_ip) {
    beast::flat_buffer buffer;
    std::size_t responses = 0;
    auto& lowest = beast::get_lowest_layer(stream);
    asio::steady_timer delay{co_await asio::this_coro::executor};

    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(core->max_body_bytes);
        const std::chrono::milliseconds idle_limit = core->faults().close_when_idle;
        const bool idle_fault = idle_limit.count() > 0;
        if (idle_fault) lowest.expires_after(idle_limit);
        else lowest.expires_after(default_idle_limit);

        const auto [read_error, bytes_read] = co_await http::async_read(stream, buffer, parser, use_tuple);
        if (read_error == beast::error::timeout) {
            if (idle_fault) core->stats.count_fault(connection_fault::close_when_idle);
            co_return;  // the timeout already closed the socket
        }
        if (read_error == http::error::body_limit) {
            co_await reject_unreadable(stream, http::status::payload_too_large, "Request body too large");
            co_return;
        }
        if (read_error == http::error::end_of_stream || read_error == asio::error::eof ||
            read_error == asio::error::connection_reset || read_error == asio::error::operation_aborted ||
            read_error == asio::ssl::error::stream_truncated || read_error == asio::error::bad_descriptor)
            co_return;
        if (read_error) {
            // Whatever arrived is not HTTP/1.1 we can answer to precisely; say so once and close.
            if (bytes_read > 0 || buffer.size() > 0)
                co_await reject_unreadable(stream, http::status::bad_request, "Malformed HTTP request");
            co_return;
        }

        // Settings changed while this connection waited apply to the request just read.
        const fault_options faults = core->faults();
        const http_request& request = parser.get();
        const bool control = api_service::is_control_request(request);
        fault_kind fault = fault_kind::none;
        if (!control) {
            core->stats.count_request();
            fault = choose_fault(core->seed, core->next_sequence(), faults);
            if (faults.latency.count() > 0) {
                delay.expires_after(faults.latency);
                co_await delay.async_wait(use_tuple);
                core->stats.count_fault(connection_fault::delayed);
            }
        }

        const request_metadata metadata{remote_ip, wall_clock_now(), std::chrono::steady_clock::now()};
        http_response response = core->service.handle(request, metadata, fault == fault_kind::server_error, faults);
        response.version(request.version());
        response.keep_alive(request.keep_alive());
        response.set(http::field::server, "talentray-mock");
        if (!control) compress_if_accepted(request, response, *core);  // stats stay plain, and uncounted
        core->stats.count_fault(fault);

        lowest.expires_after(write_limit);
        if (fault == fault_kind::drop_before_header) {
            drop(stream);
            co_return;
        }
        if (fault == fault_kind::drop_after_header || fault == fault_kind::truncate_body) {
            http::response_serializer<http::string_body> serializer{response};
            const auto [header_error, header_bytes] = co_await http::async_write_header(stream, serializer, use_tuple);
            if (!header_error && fault == fault_kind::truncate_body) {
                // Content-Length announces the whole body; only half of it follows.
                const std::string& body = response.body();
                co_await asio::async_write(stream, asio::buffer(body.data(), body.size() / 2), use_tuple);
            }
            drop(stream);
            co_return;
        }

        const auto [write_error, bytes_written] = co_await http::async_write(stream, response, use_tuple);
        if (write_error) co_return;
        if (!response.keep_alive()) {
            co_await close_gracefully(stream);
            co_return;
        }
        if (!control) ++responses;
        if (!control && faults.close_after_requests > 0 && responses >= faults.close_after_requests) {
            // Silently: the response did not announce it, like a server whose keep-alive limit
            // the client cannot know.
            core->stats.count_fault(connection_fault::close_after_requests);
            co_await close_gracefully(stream);
            co_return;
        }
    }
}

std::string remote_address(const asio::ip::tcp::socket& socket) {
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string{} : endpoint.address().to_string();
}

}  // namespace

asio::awaitable<void> serve_plain_connection(asio::ip::tcp::socket socket, std::shared_ptr<server_core> core) {
    std::string remote_ip = remote_address(socket);
    beast::tcp_stream stream{std::move(socket)};
    co_await serve_requests(stream, std::move(core), std::move(remote_ip));
}

asio::awaitable<void> serve_tls_connection(asio::ip::tcp::socket socket, std::shared_ptr<server_core> core,
                                           asio::ssl::context& tls) {
    std::string remote_ip = remote_address(socket);
    beast::ssl_stream<beast::tcp_stream> stream{beast::tcp_stream{std::move(socket)}, tls};
    beast::get_lowest_layer(stream).expires_after(handshake_limit);
    const auto [handshake_error] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (handshake_error) {
        core->stats.count_tls_handshake_failure();
        co_return;
    }
    co_await serve_requests(stream, std::move(core), std::move(remote_ip));
}

}  // namespace talentray::mock::detail
