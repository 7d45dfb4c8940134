// The CONNECT exchange with a proxy, against a scripted in-memory peer: each way a proxy can
// refuse or fail, without a socket.

#include "scripted_peer.hpp"
#include "transport/proxy_tunnel.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace talentray;
using namespace talentray::testing;

namespace {

struct tunnel_attempt {
    result<void> opened;
    std::string request_received;
};

tunnel_attempt tunnel_against(const peer_script& script) {
    scripted_stream stream{script};
    detail::proxy_endpoint proxy;
    proxy.host = "proxy.example.test";
    proxy.port = 3128;
    proxy.authorization = secret{"Basic dXNlcjpwYXNz"};
    const detail::origin target{.tls = true, .host = "api.example.test", .port = 443, .base_path = ""};
    const auto deadline = detail::clock::now() + std::chrono::seconds{5};
    auto opened = run(stream.io, detail::connect_tunnel(stream.client, proxy, target, std::chrono::seconds{5}, deadline,
                                                        detail::no_step_timeouts{}));
    return {std::move(opened), stream.received_by_peer()};
}

bool says(const result<void>& r, std::string_view words) {
    return !r && r.error().diag.client_message.find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("tunnel: a 200 to CONNECT opens it; the request names the origin and carries the credentials") {
    const auto attempt = tunnel_against({.reply = "HTTP/1.1 200 Connection established\r\n\r\n"});
    REQUIRE(attempt.opened);
    CHECK(attempt.request_received.starts_with("CONNECT api.example.test:443 HTTP/1.1\r\n"));
    CHECK(attempt.request_received.find("Proxy-Authorization: Basic dXNlcjpwYXNz\r\n") != std::string::npos);
}

TEST_CASE("tunnel: a 407 fails with proxy_refused naming the proxy, the status and the credentials hint") {
    const auto attempt = tunnel_against(
        {.reply = "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n", .closes = true});
    REQUIRE_FALSE(attempt.opened);
    CHECK(attempt.opened.error().code == errc::proxy_refused);
    CHECK(says(attempt.opened, "proxy.example.test:3128"));
    CHECK(says(attempt.opened, "HTTP 407"));
    CHECK(says(attempt.opened, "wants credentials"));
}

TEST_CASE("tunnel: a proxy that closes without answering fails with proxy_refused saying so") {
    const auto attempt = tunnel_against({.reply = "", .closes = true});
    CHECK(says(attempt.opened, "closed the connection without answering CONNECT"));
    CHECK(attempt.opened.error().code == errc::proxy_refused);
}

TEST_CASE("tunnel: a response that is not HTTP fails with proxy_refused saying so") {
    const auto attempt = tunnel_against({.reply = "SSH-2.0-OpenSSH_9.2\r\n", .closes = true});
    CHECK(says(attempt.opened, "something that is not HTTP"));
    CHECK(attempt.opened.error().code == errc::proxy_refused);
}

TEST_CASE("tunnel: bytes after the 200, before TLS began, fail with proxy_refused") {
    const auto attempt = tunnel_against({.reply = "HTTP/1.1 200 OK\r\n\r\n\x16\x03\x01"});
    CHECK(says(attempt.opened, "sent bytes after accepting CONNECT"));
}

TEST_CASE("tunnel: a failure at every read or write step fails with proxy_refused, never opening the tunnel") {
    std::size_t failures = 0;
    for (std::size_t n = 1;; ++n) {
        REQUIRE(n < 1000);
        const auto attempt =
            tunnel_against({.reply = "HTTP/1.1 200 Connection established\r\n\r\n", .fail_at = n, .step_bytes = 8});
        if (attempt.opened) break;
        ++failures;
        CHECK(attempt.opened.error().code == errc::proxy_refused);
        CHECK_FALSE(says(attempt.opened, "dXNlcjpwYXNz"));
    }
    CHECK(failures > 5);
}
