// A connection warmed before admission: transport::prepare opens one only when none is idle and
// the pool has room, keeps none for itself, and the next send takes the warmed one.
#include "fixtures.hpp"
#include "transport/tls_context.hpp"
#include "transport/transport.hpp"

#include <talentray/certgen.hpp>

#include <catch2/catch.hpp>

#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <thread>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;
namespace det = talentray::detail;
namespace certgen = talentray::certgen;

namespace {

det::transport_options warm_up_settings(std::size_t max_connections) {
    det::transport_options settings;
    settings.pool.max_connections = max_connections;
    settings.timeouts.connect = std::chrono::seconds{5};
    settings.timeouts.handshake = std::chrono::seconds{5};
    settings.timeouts.io = std::chrono::seconds{5};
    settings.max_body_size = 1 << 20;
    return settings;
}

std::unique_ptr<det::transport> warm_up_transport(const std::string& base_url, std::size_t max_connections = 8) {
    auto target = det::parse_origin(base_url);
    REQUIRE(target);
    return std::make_unique<det::transport>(std::move(*target), nullptr, warm_up_settings(max_connections));
}

det::http_request warm_up_request(const det::transport& t) {
    det::http_request request{boost::beast::http::verb::get, "/api/v1/me", 11};
    request.set(boost::beast::http::field::host, t.target().host_header());
    request.prepare_payload();
    return request;
}

det::clock::time_point warm_up_deadline() { return det::clock::now() + std::chrono::seconds{10}; }

}  // namespace

TEST_CASE("transport::prepare opens one connection when none is idle, and the next send reuses it") {
    test_server server{{}};
    asio::io_context io;
    auto t = warm_up_transport(server.base_url());
    CHECK_FALSE(run(io, t->prepare(warm_up_deadline())).failed());
    auto stats = t->stats();
    CHECK(stats.opened == 1);
    CHECK(stats.idle_now == 1);
    CHECK(stats.open_now == 1);

    const auto request = warm_up_request(*t);
    auto sent = run(io, t->send(request, true, warm_up_deadline()));
    REQUIRE(sent.received);
    CHECK(sent.received->status == 200);
    // The attempt ran on a connection opened before it: no connect time of its own.
    CHECK(sent.wire.reused);
    CHECK(sent.wire.connect == det::clock::duration{});
    CHECK(server.accepted() == 1);
    stats = t->stats();
    CHECK(stats.opened == 1);
    CHECK(stats.reused == 1);
}

TEST_CASE("transport::prepare opens nothing when a connection is idle") {
    test_server server{{}};
    asio::io_context io;
    auto t = warm_up_transport(server.base_url());
    const auto request = warm_up_request(*t);
    REQUIRE(run(io, t->send(request, true, warm_up_deadline())).received);
    REQUIRE(t->stats().idle_now == 1);
    CHECK_FALSE(run(io, t->prepare(warm_up_deadline())).failed());
    CHECK(t->stats().opened == 1);
    CHECK(t->stats().idle_now == 1);
    REQUIRE(run(io, t->send(request, true, warm_up_deadline())).received);
    CHECK(server.accepted() == 1);
}

TEST_CASE("connection_pool::warm_up opens nothing when the pool is full, and holds no connection") {
    test_server server{{}};
    asio::io_context io;
    auto target = det::parse_origin(server.base_url());
    REQUIRE(target);
    const auto settings = warm_up_settings(1);
    det::connection_pool pool{std::move(*target), nullptr, settings.pool, settings.timeouts};
    auto lease = run(io, pool.acquire(warm_up_deadline(), false));  // the one connection, busy
    REQUIRE(lease);
    CHECK(run(io, pool.warm_up(warm_up_deadline())).has_value());
    auto stats = pool.stats();
    CHECK(stats.opened == 1);
    CHECK(stats.open_now == 1);
    CHECK(stats.idle_now == 0);
    pool.release(std::move(lease->conn), true);
    CHECK(pool.stats().idle_now == 1);
}

TEST_CASE("transport::prepare to a port nobody listens on fails and leaves no connection counted") {
    // A port that was free a moment ago: nothing accepts on it.
    std::uint16_t port = 0;
    {
        asio::io_context probe;
        asio::ip::tcp::acceptor acceptor{probe, {asio::ip::make_address("127.0.0.1"), 0}};
        port = acceptor.local_endpoint().port();
    }
    asio::io_context io;
    auto t = warm_up_transport("http://127.0.0.1:" + std::to_string(port));
    CHECK(run(io, t->prepare(warm_up_deadline())).failed());
    auto stats = t->stats();
    CHECK(stats.opened == 0);
    CHECK(stats.open_now == 0);
}

TEST_CASE("transport::prepare over TLS: the next send takes the warmed connection, session tickets waiting on it") {
    const certgen::pem_pair ca = certgen::make_self_signed({.common_name = "talentray warm-up CA", .is_ca = true});
    const certgen::pem_pair leaf = certgen::make_signed_by({}, ca);
    test_server server{{.tls = true, .certificate_pem = leaf.certificate, .private_key_pem = leaf.private_key}};
    asio::io_context io;
    auto target = det::parse_origin(server.base_url());
    REQUIRE(target);
    tls_options tls;
    tls.ca_pem = ca.certificate;
    auto context = det::make_tls_context(tls);
    REQUIRE(context);
    det::transport t{std::move(*target), std::move(*context), warm_up_settings(8)};
    REQUIRE_FALSE(run(io, t.prepare(warm_up_deadline())).failed());
    // The server has finished its handshake, and so written its session tickets, once it
    // records the connection's server name.
    const auto give_up = det::clock::now() + std::chrono::seconds{10};
    while (server.server_names().empty() && det::clock::now() < give_up) std::this_thread::yield();
    REQUIRE(server.server_names().size() == 1);

    const auto request = warm_up_request(t);
    auto sent = run(io, t.send(request, true, warm_up_deadline()));
    REQUIRE(sent.received);
    CHECK(sent.wire.reused);
    CHECK(sent.wire.tls_handshake == det::clock::duration{});
    CHECK(server.accepted() == 1);
    CHECK(t.stats().opened == 1);
}
