// One HTTP/1.1 round trip on any Beast stream: the request written, the response header and
// body read through decoding_body with its size caps. A template over the stream, so that a
// connection's TCP or TLS stream and an in-memory stream that fails on command (tests) run the
// same code, failure branches included.
#pragma once

#include "transport/connection.hpp"
#include "transport/decoding_body.hpp"
#include "transport/io_failure.hpp"
#include "transport/origin.hpp"
#include "transport/use_tuple.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace talentray::detail {

/// The largest response header read; a longer one fails with errc::invalid_response.
inline constexpr std::uint32_t max_response_header_bytes = 64 * 1024;

/// Writes `request` on `stream` and reads the whole response through `buffer` (bytes read past
/// the response stay there). The body is capped at `limits.max_body_size` on the wire and once
/// decoded; the header at max_response_header_bytes. `timeouts.arm` is called before the write
/// and before the read with the step's expiry (`limits.io`, never past `limits.deadline`), and
/// `timeouts.disarm` after the read; a step that fails with beast::error::timeout is reported as
/// errc::io_timeout (errc::deadline_exceeded once the deadline has passed). `record` counts
/// the round trip once its whole response is read and says whether the last one was.
///
/// Returns the response, or the failure with `wrote_anything`/`received_anything` telling
/// whether the request may have reached the server; byte counts are filled either way. `target`
/// only names the peer in failure messages. Throws only std::bad_alloc.
/// Lifetimes: `stream`, `buffer`, `request`, `target` and `record` outlive the awaited round trip.
/// Cancellation: per-operation cancellation of the awaiting coroutine reaches the write or read
/// under way, which then fails with that operation's error (operation_aborted for sockets).
template <class Stream, class StepTimeouts>
boost::asio::awaitable<round_trip_outcome> http_round_trip(Stream& stream, boost::beast::flat_buffer& buffer,
                                                           const http_request& request, round_trip_limits limits,
                                                           const origin& target, StepTimeouts timeouts,
                                                           round_trip_record& record) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    // The origin is spelled out (target.to_string()) only in failure messages: building it for
    // every round trip would cost a heap allocation per request.
    record.last_complete = false;
    round_trip_outcome outcome;
    auto fail = [&outcome](error_info failure) {
        outcome.received = std::move(failure);
        return std::move(outcome);
    };

    timeouts.arm(step_expiry(limits.io, limits.deadline));
    const auto writing = limits.timed ? clock::now() : clock::time_point{};
    auto [write_ec, written] = co_await http::async_write(stream, request, use_tuple);
    outcome.wrote_anything = written > 0;
    outcome.bytes_written = written;
    if (write_ec == beast::error::timeout)
        co_return fail(timeout_failure(errc::io_timeout, limits.deadline, "writing the request to " + target.to_string()));
    if (write_ec) co_return fail(transport_failure(write_ec, "writing the request to " + target.to_string() + " failed"));

    // body_limit caps the bytes on the wire; max_decoded_size caps what a gzip body inflates to.
    http::response_parser<decoding_body> parser;
    parser.body_limit(limits.max_body_size);
    parser.get().body().max_decoded_size = limits.max_body_size;
    parser.header_limit(max_response_header_bytes);
    timeouts.arm(step_expiry(limits.io, limits.deadline));
    boost::system::error_code read_ec;
    if (limits.timed) {
        // The header on its own, to see when it arrived; the read below goes on with the body.
        auto [header_ec, header_bytes] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
        read_ec = header_ec;
        outcome.bytes_read = header_bytes;
        if (!header_ec) outcome.first_byte = clock::now() - writing;
    }
    if (!read_ec) {
        auto [body_ec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
        read_ec = body_ec;
        outcome.bytes_read += read;
    }
    timeouts.disarm();
    outcome.received_anything = parser.got_some();
    if (read_ec == beast::error::timeout)
        co_return fail(
            timeout_failure(errc::io_timeout, limits.deadline, "reading the response from " + target.to_string()));
    if (read_ec == http::error::body_limit)
        co_return fail(make_error_info(errc::body_too_large, "response body from " + target.to_string() +
                                                                 " exceeds the limit of " +
                                                                 std::to_string(limits.max_body_size) + " bytes"));
    if (read_ec == errc::body_too_large || read_ec == errc::invalid_response)
        // The body reader refused the body (see decoding_body) and said why.
        co_return fail(make_error_info(static_cast<errc>(read_ec.value()), "response body from " +
                                                                               target.to_string() + ": " +
                                                                               parser.get().body().failure));
    if (read_ec == http::error::header_limit)
        co_return fail(
            make_error_info(errc::invalid_response, "response header from " + target.to_string() + " exceeds 64 KiB"));
    if (read_ec) co_return fail(transport_failure(read_ec, "reading the response from " + target.to_string() + " failed"));

    auto message = parser.release();
    outcome.keep_alive = message.keep_alive();
    response res;
    res.status = static_cast<int>(message.result_int());
    res.headers.reserve(16);
    for (const auto& field : message)
        res.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
    res.body = std::move(message.body().text);
    outcome.received = std::move(res);
    ++record.completed;
    record.last_complete = true;
    co_return outcome;
}

}  // namespace talentray::detail
