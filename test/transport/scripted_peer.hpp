// One round trip against a scripted peer: Beast's in-memory test stream holds the peer's bytes,
// and its fail_count makes the Nth read or write fail. No socket, no timer, no other thread.
#pragma once

#include "run.hpp"
#include "transport/round_trip.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/fail_count.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace talentray::testing {

/// What the peer does: the bytes it answers with, and where its stream fails or ends.
struct peer_script {
    std::string reply;
    /// The peer closes after its reply (otherwise the reply must be a whole response).
    bool closes = false;
    /// The client stream's read or write, counted from 1, that fails with test_failure.
    std::size_t fail_at = std::numeric_limits<std::size_t>::max();
    /// Most bytes one write or read moves: small values split each step into many operations.
    std::size_t step_bytes = std::numeric_limits<std::size_t>::max();
    std::size_t max_body_size = 1024 * 1024;
    bool timed = false;
};

/// A round trip's outcome, with what the peer received and what was left unread.
struct scripted_round_trip {
    detail::round_trip_outcome outcome;
    std::string request_received;  ///< the bytes the peer got
    std::size_t left_in_buffer = 0;  ///< bytes read past the response
    detail::round_trip_record record;  ///< what a connection would keep of the round trip
};

/// The request every scripted round trip writes.
inline detail::http_request scripted_request() {
    detail::http_request request{boost::beast::http::verb::get, "/v1/candidates/c1", 11};
    request.set(boost::beast::http::field::host, "api.example.test");
    request.prepare_payload();
    return request;
}

/// The client's end of a connection to a peer that plays `script`, on its own io_context.
struct scripted_stream {
    boost::asio::io_context io;
    boost::beast::test::fail_count failures;
    boost::beast::test::stream client;
    boost::beast::test::stream peer;

    explicit scripted_stream(const peer_script& script) : failures{script.fail_at}, client{io, failures}, peer{io} {
        client.connect(peer);
        client.read_size(script.step_bytes);
        client.write_size(script.step_bytes);
        client.append(script.reply);
        if (script.closes) client.close_remote();
    }
    /// The bytes the peer received.
    std::string received_by_peer() const { return std::string{peer.str()}; }
};

/// The origin every scripted exchange talks to.
inline detail::origin scripted_origin() {
    return detail::origin{.tls = false, .host = "api.example.test", .port = 80, .base_path = ""};
}

/// Runs one round trip of scripted_request() against `script`, on a connection whose record of
/// earlier round trips is `before`.
inline scripted_round_trip round_trip_against(const peer_script& script, detail::round_trip_record before = {}) {
    scripted_stream stream{script};
    const detail::origin target = scripted_origin();
    const detail::http_request request = scripted_request();
    const detail::round_trip_limits limits{.io = std::chrono::seconds{5},
                                           .deadline = detail::clock::now() + std::chrono::seconds{5},
                                           .max_body_size = script.max_body_size,
                                           .timed = script.timed};
    boost::beast::flat_buffer buffer;
    scripted_round_trip done;
    done.record = before;
    done.outcome = run(stream.io, detail::http_round_trip(stream.client, buffer, request, limits, target,
                                                          detail::no_step_timeouts{}, done.record));
    done.request_received = stream.received_by_peer();
    done.left_in_buffer = buffer.size();
    return done;
}

/// The response or failure of a round trip.
inline const result<response>& received(const detail::round_trip_outcome& outcome) { return outcome.received; }

/// A whole response: status line, `fields` (each ending in CRLF), Content-Length and `body`.
inline std::string http_response(std::string_view status_line, std::string_view fields, std::string_view body) {
    return std::string{status_line} + "\r\n" + std::string{fields} + "Content-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + std::string{body};
}

}  // namespace talentray::testing
