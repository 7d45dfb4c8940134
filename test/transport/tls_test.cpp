// TLS: verification on by default, and every way a certificate can be wrong fails with a reason.
#include "fixtures.hpp"

#include <talentray/certgen.hpp>

#include <catch2/catch.hpp>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;
namespace certgen = talentray::certgen;

namespace {

struct authority {
    certgen::pem_pair ca = certgen::make_self_signed({.common_name = "talentray test CA", .is_ca = true});
    certgen::pem_pair leaf(certgen::certificate_request request = {}) const {
        return certgen::make_signed_by(request, ca);
    }
};

const authority& trusted() {
    static const authority a;
    return a;
}

test_server tls_server(const certgen::pem_pair& pair) {
    return test_server{{.tls = true, .certificate_pem = pair.certificate, .private_key_pem = pair.private_key}};
}

client_options trusting(const test_server& server, std::string ca_pem) {
    auto options = options_for(server);
    options.tls.ca_pem = std::move(ca_pem);
    return options;
}

error_info expect_tls_failure(client_options options) {
    asio::io_context io;
    client c{io.get_executor(), std::move(options)};
    auto received = run(io, c.try_send(get("/api/v1/me")));
    REQUIRE_FALSE(received);
    return received.error();
}

}  // namespace

TEST_CASE("a certificate from a trusted CA for the right host is accepted, over one connection") {
    auto server = tls_server(trusted().leaf());
    asio::io_context io;
    client c{io.get_executor(), trusting(server, trusted().ca.certificate)};
    CHECK(run(io, send_sequentially(c, get("/api/v1/me"), 5)) == 5);
    CHECK(server.accepted() == 1);
    CHECK(server.requests().at(0).headers.at("host") == "127.0.0.1:" + std::to_string(server.port()));
}

TEST_CASE("reconnects resume the TLS session") {
    auto server = tls_server(trusted().leaf());
    asio::io_context io;
    auto options = trusting(server, trusted().ca.certificate);
    options.pool.max_requests_per_connection = 1;
    client c{io.get_executor(), options};
    CHECK(run(io, send_sequentially(c, get("/api/v1/me"), 4)) == 4);
    CHECK(server.accepted() == 4);
    CHECK(c.counters().pool.tls_resumed >= 1);
    CHECK(server.handshakes_resumed() >= 1);
}

TEST_CASE("a certificate from an untrusted CA is rejected with the reason") {
    authority other;
    auto server = tls_server(other.leaf());
    auto e = expect_tls_failure(trusting(server, trusted().ca.certificate));
    CHECK(e.code == errc::tls_verification_failed);
    CHECK(e.diag.client_message.find("unable to get local issuer certificate") != std::string::npos);
}

TEST_CASE("a self-signed certificate is rejected with the reason") {
    auto self_signed = certgen::make_self_signed({});
    auto server = tls_server(self_signed);
    auto e = expect_tls_failure(trusting(server, trusted().ca.certificate));
    CHECK(e.code == errc::tls_verification_failed);
    CHECK(e.diag.client_message.find("self-signed certificate") != std::string::npos);
}

TEST_CASE("an expired certificate is rejected with the reason") {
    auto expired = trusted().leaf({.not_before_offset = std::chrono::hours{-48}, .lifetime = std::chrono::hours{24}});
    auto server = tls_server(expired);
    auto e = expect_tls_failure(trusting(server, trusted().ca.certificate));
    CHECK(e.code == errc::tls_verification_failed);
    CHECK(e.diag.client_message.find("certificate has expired") != std::string::npos);
}

TEST_CASE("a certificate for another host is rejected with the reason") {
    auto wrong_host = trusted().leaf({.common_name = "api.example.org", .dns_names = {"api.example.org"}, .ip_addresses = {}});
    auto server = tls_server(wrong_host);
    auto e = expect_tls_failure(trusting(server, trusted().ca.certificate));
    CHECK(e.code == errc::tls_verification_failed);
    CHECK(e.diag.client_message.find("mismatch") != std::string::npos);
}

namespace {

/// Options that reach `server` by the DNS name localhost rather than by its IP address.
client_options via_localhost(const test_server& server, std::string ca_pem) {
    auto options = trusting(server, std::move(ca_pem));
    options.base_url = "https://localhost:" + std::to_string(server.port());
    return options;
}

}  // namespace

TEST_CASE("https://localhost: a certificate whose SAN names localhost is accepted, and SNI says localhost") {
    auto server = tls_server(trusted().leaf({.common_name = "localhost", .dns_names = {"localhost"}, .ip_addresses = {}}));
    asio::io_context io;
    client c{io.get_executor(), via_localhost(server, trusted().ca.certificate)};
    auto received = run(io, c.try_send(get("/api/v1/me")));
    REQUIRE(received);
    CHECK(server.server_names() == std::vector<std::string>{"localhost"});
    CHECK(server.requests().at(0).headers.at("host") == "localhost:" + std::to_string(server.port()));
}

TEST_CASE("https://localhost: a certificate whose SAN lacks localhost is rejected with the TLS error") {
    // The certificate is valid for the address the name resolves to, but not for the name.
    auto server = tls_server(trusted().leaf({.common_name = "localhost", .dns_names = {"api.example.org"},
                                             .ip_addresses = {"127.0.0.1"}}));
    auto e = expect_tls_failure(via_localhost(server, trusted().ca.certificate));
    CHECK(e.code == errc::tls_verification_failed);
    CHECK_THAT(e.diag.client_message, Catch::Contains("mismatch"));
}

TEST_CASE("an IP-address URL sends no SNI, as RFC 6066 asks") {
    auto server = tls_server(trusted().leaf());
    asio::io_context io;
    client c{io.get_executor(), trusting(server, trusted().ca.certificate)};
    REQUIRE(run(io, c.try_send(get("/api/v1/me"))));
    CHECK(server.server_names() == std::vector<std::string>{""});
}

TEST_CASE("disabling verification needs the dangerous option, and it warns") {
    auto self_signed = certgen::make_self_signed({});
    auto server = tls_server(self_signed);
    log_capture logs;
    auto options = options_for(server);
    options.logger = logs.handler();
    options.tls.disable_verification_dangerously = true;
    asio::io_context io;
    client c{io.get_executor(), options};
    CHECK(run(io, c.try_send(get("/api/v1/me"))));
    REQUIRE_FALSE(logs.lines.empty());
    INFO(logs.lines.front());
    CHECK(logs.lines.front().find("verification is DISABLED") != std::string::npos);
}

TEST_CASE("a CA file that cannot be read is a clear construction error") {
    asio::io_context io;
    client_options options;
    options.api_key = secret{fake_key};
    options.tls.ca_file = "/nonexistent/ca.pem";
    try {
        client c{io.get_executor(), options};
        FAIL("construction succeeded");
    } catch (const talentray::error& e) {
        CHECK(e.code() == errc::invalid_argument);
        CHECK(std::string{e.what()}.find("/nonexistent/ca.pem") != std::string::npos);
    }
}
