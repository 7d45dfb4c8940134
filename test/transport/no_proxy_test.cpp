// NO_PROXY read as curl reads it: which hosts bypass the proxy. Pure matching, no sockets.
#include "transport/no_proxy.hpp"

#include <catch2/catch.hpp>

using talentray::detail::proxy_bypassed;

TEST_CASE("no_proxy: an empty list sends every host through the proxy") {
    CHECK_FALSE(proxy_bypassed("", "app.talent-ray.com", 443));
    CHECK_FALSE(proxy_bypassed(" , ", "app.talent-ray.com", 443));
}

TEST_CASE("no_proxy: a lone * bypasses every host, a * inside a list is no wildcard") {
    CHECK(proxy_bypassed("*", "app.talent-ray.com", 443));
    CHECK(proxy_bypassed(" * ", "10.1.2.3", 443));
    CHECK_FALSE(proxy_bypassed("*.talent-ray.com", "app.talent-ray.com", 443));
}

TEST_CASE("no_proxy: a name matches itself and its subdomains, with or without a leading dot") {
    CHECK(proxy_bypassed("talent-ray.com", "talent-ray.com", 443));
    CHECK(proxy_bypassed("talent-ray.com", "acme.talent-ray.com", 443));
    CHECK(proxy_bypassed(".talent-ray.com", "acme.talent-ray.com", 443));
    CHECK(proxy_bypassed(".talent-ray.com", "talent-ray.com", 443));
    CHECK(proxy_bypassed("TALENT-RAY.com", "Acme.Talent-Ray.COM", 443));
    CHECK_FALSE(proxy_bypassed("talent-ray.com", "nottalent-ray.com", 443));
    CHECK_FALSE(proxy_bypassed("acme.talent-ray.com", "talent-ray.com", 443));
}

TEST_CASE("no_proxy: entries are separated by commas or whitespace") {
    const char* list = "localhost, internal.corp\t.example.org  10.0.0.1";
    CHECK(proxy_bypassed(list, "localhost", 443));
    CHECK(proxy_bypassed(list, "svc.internal.corp", 443));
    CHECK(proxy_bypassed(list, "www.example.org", 443));
    CHECK(proxy_bypassed(list, "10.0.0.1", 443));
    CHECK_FALSE(proxy_bypassed(list, "app.talent-ray.com", 443));
}

TEST_CASE("no_proxy: host:port matches that port only") {
    CHECK(proxy_bypassed("api.corp:8443", "api.corp", 8443));
    CHECK_FALSE(proxy_bypassed("api.corp:8443", "api.corp", 443));
    CHECK(proxy_bypassed("127.0.0.1:8443", "127.0.0.1", 8443));
    CHECK_FALSE(proxy_bypassed("127.0.0.1:8443", "127.0.0.1", 443));
    CHECK(proxy_bypassed("[::1]:8443", "::1", 8443));
    CHECK_FALSE(proxy_bypassed("[::1]:8443", "::1", 443));
}

TEST_CASE("no_proxy: IP literals match the same address or a prefix range, never by suffix") {
    CHECK(proxy_bypassed("127.0.0.1", "127.0.0.1", 443));
    CHECK_FALSE(proxy_bypassed("0.0.1", "127.0.0.1", 443));
    CHECK(proxy_bypassed("10.0.0.0/8", "10.200.3.4", 443));
    CHECK_FALSE(proxy_bypassed("10.0.0.0/8", "11.0.0.1", 443));
    CHECK(proxy_bypassed("192.168.1.0/24", "192.168.1.77", 443));
    CHECK_FALSE(proxy_bypassed("192.168.1.0/24", "192.168.2.1", 443));
    CHECK(proxy_bypassed("::1", "::1", 443));
    CHECK(proxy_bypassed("[::1]", "[::1]", 443));
    CHECK(proxy_bypassed("fd00::/8", "fd12:3456::1", 443));
    CHECK_FALSE(proxy_bypassed("fd00::/8", "fe80::1", 443));
    CHECK_FALSE(proxy_bypassed("10.0.0.0/8", "::ffff:10.0.0.1", 443));  // families are not mixed
    CHECK_FALSE(proxy_bypassed("10.0.0.0/x", "10.0.0.1", 443));
}

TEST_CASE("no_proxy: a name entry never matches an IP host, and an IP entry never a name") {
    CHECK_FALSE(proxy_bypassed("localhost", "127.0.0.1", 443));
    CHECK_FALSE(proxy_bypassed("127.0.0.1", "localhost", 443));
}
