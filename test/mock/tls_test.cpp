// The mock over TLS: its generated certificate, a given one, and what an untrusting client sees.
#include "mock_fixture.hpp"

#include <talentray/certgen.hpp>

#include <catch2/catch.hpp>


using namespace mock_test;
namespace certgen = talentray::certgen;

TEST_CASE("tls: the default server is HTTPS with a self-signed certificate for localhost and 127.0.0.1") {
    mock::server server{mock::server_options{}};
    CHECK(server.base_url() == "https://127.0.0.1:" + std::to_string(server.port()));
    REQUIRE(server.ca_certificate_pem().rfind("-----BEGIN CERTIFICATE-----", 0) == 0);

    raw_client by_name{server};
    const reply me = by_name.get("/api/v1/me", server.keys().employer.key);
    CHECK(me.status == 200);
    CHECK(me.json().at("auth").at("keyId") == "apikey_employer");
    CHECK(by_name.get("/api/v1/me", server.keys().employer.key).connection_reused);

    raw_client by_address{server.port(), server.ca_certificate_pem(), "127.0.0.1"};
    CHECK(by_address.get("/api/v1/roles", server.keys().employer.key).status == 200);
}

TEST_CASE("tls: a client that trusts another CA fails the handshake; the server counts it") {
    mock::server server{mock::server_options{}};
    certgen::certificate_request ca_request;
    ca_request.common_name = "somebody else";
    ca_request.is_ca = true;
    ca_request.dns_names.clear();
    ca_request.ip_addresses.clear();
    raw_client stranger{server.port(), certgen::make_self_signed(ca_request).certificate};
    const reply res = stranger.send(http::verb::get, "/api/v1/me");
    CHECK(res.error);
    CHECK_FALSE(res.header_received);
    // The server notices the failed handshake after the client has given up.
    CHECK(eventually([&] { return server.stats().tls_handshakes_failed == 1; }));
    CHECK(server.stats().requests == 0);
}

TEST_CASE("tls: a given certificate is served; clients trust its CA") {
    certgen::certificate_request ca_request;
    ca_request.common_name = "mock test CA";
    ca_request.is_ca = true;
    ca_request.dns_names.clear();
    ca_request.ip_addresses.clear();
    const certgen::pem_pair ca = certgen::make_self_signed(ca_request);
    const certgen::pem_pair leaf = certgen::make_signed_by({}, ca);

    mock::server_options options;
    options.tls_certificate_pem = leaf.certificate;
    options.tls_private_key_pem = leaf.private_key;
    mock::server server{options};
    CHECK(server.ca_certificate_pem() == leaf.certificate);
    raw_client client{server.port(), ca.certificate};
    CHECK(client.get("/api/public/portal/acme").status == 200);
}

TEST_CASE("tls: unusable TLS material is refused at start-up") {
    mock::server_options options;
    options.tls_certificate_pem = "not a certificate";
    options.tls_private_key_pem = "not a key";
    CHECK_THROWS_AS(mock::server{options}, std::runtime_error);
    options.tls_private_key_pem.clear();
    CHECK_THROWS_AS(mock::server{options}, std::invalid_argument);
}

TEST_CASE("plain: base_url is http and there is no certificate") {
    mock::server server{plain_options()};
    CHECK(server.base_url() == "http://127.0.0.1:" + std::to_string(server.port()));
    CHECK(server.ca_certificate_pem().empty());
    mock::server_options taken = plain_options();
    taken.port = server.port();
    CHECK_THROWS_AS(mock::server{taken}, boost::system::system_error);
}
