// One HTTP round trip against a scripted in-memory peer: every failure branch of the write and
// the read, without a socket.

#include "scripted_peer.hpp"

#include <boost/beast/_experimental/test/error.hpp>
#include <boost/beast/http/error.hpp>

#include <catch2/catch.hpp>

using namespace talentray;
using namespace talentray::testing;
namespace http = boost::beast::http;

namespace {

const std::string whole_response = http_response("HTTP/1.1 200 OK", "Content-Type: application/json\r\nX-Request-Id: r-1\r\n",
                                             R"({"id":"c1"})");

bool has_header(const response& r, std::string_view name, std::string_view value) {
    for (const auto& [n, v] : r.headers)
        if (n == name && v == value) return true;
    return false;
}

}  // namespace

TEST_CASE("a whole response arrives with its status, headers and body, on a reusable connection") {
    const auto done = round_trip_against({.reply = whole_response});
    const auto& got = received(done.outcome);
    REQUIRE(got);
    CHECK(got->status == 200);
    CHECK(has_header(*got, "Content-Type", "application/json"));
    CHECK(has_header(*got, "X-Request-Id", "r-1"));
    CHECK(got->body == R"({"id":"c1"})");
    CHECK(done.outcome.keep_alive);
    CHECK(done.request_received.starts_with("GET /v1/candidates/c1 HTTP/1.1\r\n"));
}

TEST_CASE("the record counts a round trip whose whole response arrived, and marks a failed one incomplete") {
    const auto whole = round_trip_against({.reply = whole_response}, {.completed = 3, .last_complete = false});
    CHECK(whole.record.completed == 4);
    CHECK(whole.record.last_complete);
    const auto cut = round_trip_against({.reply = whole_response, .fail_at = 2}, {.completed = 3, .last_complete = true});
    CHECK(cut.record.completed == 3);
    CHECK_FALSE(cut.record.last_complete);
}

TEST_CASE("a write that fails before any byte leaves reports the request as never sent") {
    const auto done = round_trip_against({.reply = whole_response, .fail_at = 1});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == boost::beast::test::error::test_failure);
    CHECK_FALSE(done.outcome.wrote_anything);
    CHECK_FALSE(done.outcome.received_anything);
    CHECK(done.outcome.bytes_written == 0);
    CHECK(done.request_received.empty());
}

TEST_CASE("a read that fails after the request was written reports it as possibly received") {
    const auto done = round_trip_against({.reply = whole_response, .fail_at = 2});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == boost::beast::test::error::test_failure);
    CHECK(done.outcome.wrote_anything);
    CHECK_FALSE(done.outcome.received_anything);
    CHECK(done.outcome.bytes_written == done.request_received.size());
    CHECK(done.request_received.ends_with("\r\n\r\n"));
}

TEST_CASE("a failure at every read or write step is reported, sent-or-not matching the bytes written") {
    // Ten-byte steps split the write and both reads into many operations; failing the Nth one
    // for every N until the round trip succeeds reaches each step.
    const bool timed = GENERATE(false, true);
    std::size_t failures = 0;
    for (std::size_t n = 1;; ++n) {
        REQUIRE(n < 10000);
        const auto done = round_trip_against({.reply = whole_response, .fail_at = n, .step_bytes = 10, .timed = timed});
        if (received(done.outcome)) break;
        ++failures;
        CHECK(received(done.outcome).error().code == boost::beast::test::error::test_failure);
        CHECK(done.outcome.bytes_written == done.request_received.size());
        CHECK(done.outcome.wrote_anything == !done.request_received.empty());
        // Nothing is read before the whole request is written.
        if (done.outcome.received_anything) CHECK(done.request_received.ends_with("\r\n\r\n"));
    }
    CHECK(failures > 10);
}

TEST_CASE("the peer closing before any byte of the response fails with end_of_stream, the request possibly received") {
    const auto done = round_trip_against({.reply = "", .closes = true});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == http::error::end_of_stream);
    CHECK(done.outcome.wrote_anything);
    CHECK_FALSE(done.outcome.received_anything);
}

TEST_CASE("the peer closing in the middle of the header fails with partial_message") {
    const auto done = round_trip_against({.reply = "HTTP/1.1 200 OK\r\nContent-Le", .closes = true});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == http::error::partial_message);
    CHECK(done.outcome.wrote_anything);
    CHECK(done.outcome.received_anything);
}

TEST_CASE("the peer closing in the middle of the body fails with partial_message") {
    const std::string cut = whole_response.substr(0, whole_response.size() - 4);
    const auto done = round_trip_against({.reply = cut, .closes = true});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == http::error::partial_message);
    CHECK(done.outcome.received_anything);
}

TEST_CASE("a Content-Length above max_body_size fails with body_too_large before any body byte is taken") {
    const std::string header = "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n";
    const auto done =
        round_trip_against({.reply = header + std::string(4096, 'x'), .closes = true, .max_body_size = 1000});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == errc::body_too_large);
    CHECK(done.outcome.bytes_read == header.size());
}

TEST_CASE("a response header above 64 KiB fails with invalid_response") {
    const std::string huge = "X-Filler: " + std::string(70 * 1024, 'a') + "\r\n";
    const auto done = round_trip_against({.reply = http_response("HTTP/1.1 200 OK", huge, "{}"), .closes = true});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == errc::invalid_response);
}

TEST_CASE("a response with Connection: close leaves the connection not reusable") {
    const auto done = round_trip_against({.reply = http_response("HTTP/1.1 200 OK", "Connection: close\r\n", "{}")});
    REQUIRE(received(done.outcome));
    CHECK_FALSE(done.outcome.keep_alive);
}

TEST_CASE("bytes out and in are counted as written and as taken by the response, not what follows it") {
    const std::string extra = "HTTP/1.1 204 No Content\r\n\r\n";
    const auto done = round_trip_against({.reply = whole_response + extra});
    REQUIRE(received(done.outcome));
    CHECK(done.outcome.bytes_written == done.request_received.size());
    CHECK(done.request_received.size() > 0);
    CHECK(done.outcome.bytes_read == whole_response.size());
    CHECK(done.left_in_buffer == extra.size());
}
