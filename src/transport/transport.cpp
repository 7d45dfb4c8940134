#include "transport/transport.hpp"

namespace talentray::detail {
namespace asio = boost::asio;

transport::transport(origin target, std::shared_ptr<asio::ssl::context> tls_ctx, const transport_options& options,
                     std::optional<proxy_endpoint> proxy)
    : pool_(std::move(target), std::move(tls_ctx), options.pool, options.timeouts, std::move(proxy)),
      timeouts_(options.timeouts),
      max_body_size_(options.max_body_size) {}

asio::awaitable<boost::system::error_code> transport::prepare(clock::time_point deadline) {
    auto warmed = co_await pool_.warm_up(deadline);
    co_return warmed ? boost::system::error_code{} : warmed.error().code;
}

asio::awaitable<send_outcome> transport::send(const http_request& request, bool idempotent, clock::time_point deadline,
                                              bool timed) {
    send_outcome outcome;
    outcome.may_have_reached_server = false;
    bool fresh = false;
    for (;;) {
        auto lease = co_await pool_.acquire(deadline, fresh);
        if (!lease) {
            outcome.received = lease.error();
            co_return outcome;  // nothing was written: connect, handshake or wait failed
        }
        outcome.wire.reused = lease->reused;
        outcome.wire.connect = lease->reused ? clock::duration{} : lease->conn->connect_time();
        outcome.wire.tls_handshake = lease->reused ? clock::duration{} : lease->conn->handshake_time();
        auto trip = co_await lease->conn->round_trip(request, {timeouts_.io, deadline, max_body_size_, timed});
        outcome.may_have_reached_server = outcome.may_have_reached_server || trip.wrote_anything;
        outcome.wire.first_byte = trip.first_byte;
        outcome.wire.bytes_out += trip.bytes_written;
        outcome.wire.bytes_in += trip.bytes_read;
        if (trip.received) {
            pool_.release(std::move(lease->conn), trip.keep_alive);
            outcome.received = std::move(trip.received);
            co_return outcome;
        }
        pool_.release(std::move(lease->conn), false);

        // The classic keep-alive race: the server closed the connection while it sat idle, and
        // the request met the closed socket. Nothing was answered, so one resend on a new
        // connection is safe when the request is idempotent or never left this process.
        const auto& code = trip.received.error().code;
        const bool timed_out = code == errc::io_timeout || code == errc::deadline_exceeded;
        const bool stale = lease->reused && !trip.received_anything && !timed_out &&
                           code != asio::error::operation_aborted;
        if (!fresh && stale && (idempotent || !trip.wrote_anything)) {
            pool_.count_stale_retry();
            fresh = true;
            continue;
        }
        outcome.received = std::move(trip.received);
        co_return outcome;
    }
}

}  // namespace talentray::detail
