// Gzip responses on one round trip against a scripted in-memory peer (builds with zlib only).

#include "gzip_samples.hpp"
#include "scripted_peer.hpp"

#include <catch2/catch.hpp>

using namespace talentray;
using namespace talentray::testing;

TEST_CASE("a gzip response is inflated before it is returned") {
    const std::string text = R"({"id":"c1","name":"Ada"})";
    const auto done =
        round_trip_against({.reply = http_response("HTTP/1.1 200 OK", "Content-Encoding: gzip\r\n", gzip(text))});
    REQUIRE(received(done.outcome));
    CHECK(received(done.outcome)->body == text);
}

TEST_CASE("a gzip bomb fails with body_too_large once its decoded size passes max_body_size") {
    const std::string bomb = gzip_bomb();
    const std::size_t cap = 1024 * 1024;
    REQUIRE(bomb.size() < cap);
    const auto done = round_trip_against(
        {.reply = http_response("HTTP/1.1 200 OK", "Content-Encoding: gzip\r\n", bomb), .closes = true, .max_body_size = cap});
    REQUIRE_FALSE(received(done.outcome));
    CHECK(received(done.outcome).error().code == errc::body_too_large);
}
