#include "transport/origin.hpp"

#include <catch2/catch.hpp>

using namespace talentray;
using namespace talentray::detail;

TEST_CASE("base URLs parse into origins") {
    auto shared = parse_origin("https://app.talent-ray.com");
    REQUIRE(shared);
    CHECK(shared->tls);
    CHECK(shared->host == "app.talent-ray.com");
    CHECK(shared->port == 443);
    CHECK(shared->base_path.empty());
    CHECK(shared->host_header() == "app.talent-ray.com");

    auto instance = parse_origin("acme");
    REQUIRE(instance);
    CHECK(instance->host == "acme.talent-ray.com");
    CHECK(instance->tls);

    auto local = parse_origin("http://127.0.0.1:8080/prefix/");
    REQUIRE(local);
    CHECK_FALSE(local->tls);
    CHECK(local->port == 8080);
    CHECK(local->base_path == "/prefix");
    CHECK(local->host_header() == "127.0.0.1:8080");

    auto v6 = parse_origin("https://[::1]:9443");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->host_header() == "[::1]:9443");
}

TEST_CASE("bad base URLs are rejected with the reason") {
    for (const char* bad : {"ftp://x.example", "https://user:pw@x.example", "https://x.example/?a=1", "not a url",
                            "https://x.example:0", ""}) {
        auto parsed = parse_origin(bad);
        INFO(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == errc::invalid_base_url);
        CHECK(parsed.error().diag.client_message.find("base URL") != std::string::npos);
    }
}

TEST_CASE("a base URL's port above 65535 is refused, not wrapped to another port") {
    for (const char* bad : {"https://x.example:65536", "https://x.example:70000", "https://x.example:4294967739"}) {
        auto parsed = parse_origin(bad);
        INFO(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == errc::invalid_base_url);
        CHECK(parsed.error().diag.client_message.find("invalid port (1 to 65535)") != std::string::npos);
    }
    auto highest = parse_origin("https://x.example:65535");
    REQUIRE(highest);
    CHECK(highest->port == 65535);
}

TEST_CASE("plain http is refused for non-loopback hosts unless allowed") {
    CHECK(is_loopback_host("localhost"));
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("127.4.5.6"));
    CHECK(is_loopback_host("::1"));
    CHECK_FALSE(is_loopback_host("10.0.0.1"));
    CHECK_FALSE(is_loopback_host("example.com"));

    auto remote = parse_origin("http://example.com");
    REQUIRE(remote);
    auto refused = check_transport_security(*remote, false);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == errc::insecure_url_refused);
    CHECK(check_transport_security(*remote, true));
    CHECK(check_transport_security(*parse_origin("http://localhost:1"), false));
    CHECK(check_transport_security(*parse_origin("https://example.com"), false));
}
