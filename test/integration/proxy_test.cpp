// HTTPS through a real proxy (Debian's tinyproxy) to the in-process mock over TLS: the tunnel is
// opened with CONNECT, TLS runs end to end with the mock (the proxy sees only the tunnel), and
// the pool reuses the tunnel like a direct connection. Skipped, saying why, when tinyproxy is not
// installed (scripts/install-deps.sh installs it).
#include "calls_in_turn.hpp"
#include "mock_client.hpp"
#include "run.hpp"
#include "tinyproxy.hpp"

#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/request.hpp>

#include <boost/asio/io_context.hpp>

#include "catch_result.hpp"

#include <catch2/catch.hpp>

#include <iostream>
#include <optional>
#include <string>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

/// The tinyproxy executable, or nothing (and a line saying the test skips) when it is missing.
std::optional<std::string> tinyproxy_or_skip() {
    auto executable = tr::testing::tinyproxy::find_executable();
    if (executable.empty()) {
        std::cout << "SKIPPED: tinyproxy is not installed (apt-get install tinyproxy-bin, or "
                     "scripts/install-deps.sh); the HTTPS-through-a-proxy test did not run\n";
        return std::nullopt;
    }
    return executable;
}

}  // namespace

TEST_CASE("through tinyproxy: every request succeeds over one CONNECT tunnel, reused by the pool") {
    const auto executable = tinyproxy_or_skip();
    if (!executable) return;
    mock::server server{{}};
    tr::testing::tinyproxy proxy{*executable, server.port()};

    auto options = tr::testing::mock_client_options(server, server.keys().employer.key);
    options.proxy = tr::secret{proxy.url()};
    asio::io_context io;
    tr::client c{io.get_executor(), options};
    constexpr int calls = 5;
    CHECK(tr::testing::run(io, tr::testing::get_me_in_turn(c, calls)) == calls);

    const std::string connect_line = "CONNECT 127.0.0.1:" + std::to_string(server.port()) + " ";
    CHECK(proxy.logged_requests(connect_line) == 1);
    const auto pool = c.counters().pool;
    CHECK(pool.opened == 1);
    CHECK(pool.reused == calls - 1);
}

TEST_CASE("through tinyproxy: the API host's certificate is checked end to end, not the proxy's") {
    const auto executable = tinyproxy_or_skip();
    if (!executable) return;
    mock::server server{{}};
    tr::testing::tinyproxy proxy{*executable, server.port()};

    auto options = tr::testing::mock_client_options(server, server.keys().employer.key);
    options.proxy = tr::secret{proxy.url()};
    mock::server stranger{{}};
    options.tls.ca_pem = stranger.ca_certificate_pem();  // another self-signed certificate: not the mock's
    options.retry.max_attempts = 1;
    asio::io_context io;
    tr::client c{io.get_executor(), options};
    tr::request_spec spec;
    spec.path = "/api/v1/me";
    auto received = tr::testing::run(io, c.try_send(spec));
    REQUIRE_FALSE(received);
    CHECK(received.error().code == tr::errc::tls_verification_failed);
    CHECK(proxy.logged_requests("CONNECT 127.0.0.1:" + std::to_string(server.port()) + " ") == 1);
}
