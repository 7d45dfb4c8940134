// The proxy URL as curl reads it, and what its credentials become. Pure parsing, no sockets.
#include "transport/proxy.hpp"

#include "catch_result.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace talentray;
using namespace talentray::detail;

namespace {

proxy_endpoint parsed(std::string_view url) {
    auto proxy = parse_proxy_url(url);
    REQUIRE(proxy);
    REQUIRE(proxy->has_value());
    return std::move(**proxy);
}

error_info refused(std::string_view url) {
    auto proxy = parse_proxy_url(url);
    REQUIRE_FALSE(proxy);
    CHECK(proxy.error().code == errc::invalid_proxy_url);
    return proxy.error();
}

}  // namespace

TEST_CASE("proxy url: empty means no proxy") {
    auto proxy = parse_proxy_url("");
    REQUIRE(proxy);
    CHECK_FALSE(proxy->has_value());
}

TEST_CASE("proxy url: host and port, http:// assumed and port 1080 by default, as curl") {
    auto p = parsed("http://Proxy.Corp:3128");
    CHECK(p.host == "proxy.corp");
    CHECK(p.port == 3128);
    CHECK(p.authorization.empty());
    CHECK(p.to_string() == "proxy.corp:3128");
    CHECK(parsed("proxy.corp").port == 1080);
    CHECK(parsed("proxy.corp:8080/").port == 8080);
    CHECK(parsed("http://[::1]:3128").to_string() == "[::1]:3128");
}

TEST_CASE("proxy url: user and password are percent-decoded into a Basic Proxy-Authorization") {
    auto p = parsed("http://alice:p%40ss%3Aword@proxy.corp:3128");
    // base64("alice:p@ss:word")
    CHECK(p.authorization.reveal() == "Basic YWxpY2U6cEBzczp3b3Jk");
    CHECK(p.to_string() == "proxy.corp:3128");
    bool has_password = false, has_pair = false, has_encoded = false;
    for (const secret& form : p.credential_forms) {
        has_password = has_password || form.reveal() == "p@ss:word";
        has_pair = has_pair || form.reveal() == "alice:p@ss:word";
        has_encoded = has_encoded || form.reveal() == "alice:p%40ss%3Aword";
    }
    CHECK(has_password);
    CHECK(has_pair);
    CHECK(has_encoded);
    CHECK(parsed("http://bob@proxy.corp").authorization.reveal() == "Basic Ym9iOg==");  // base64("bob:")
}

TEST_CASE("proxy url: what is refused is named, and the credentials are never quoted") {
    CHECK_THAT(refused("https://alice:s3cret@proxy.corp").diag.client_message, Catch::Contains("'https'"));
    CHECK_THAT(refused("socks5://proxy.corp:1080").diag.client_message, Catch::Contains("only http://"));
    CHECK_THAT(refused("http://alice:s3cret@proxy.corp/path").diag.client_message, Catch::Contains("path"));
    CHECK_THAT(refused("http://proxy.corp:3128?x=1").diag.client_message, Catch::Contains("query"));
    CHECK_THAT(refused("http://proxy.corp:0").diag.client_message, Catch::Contains("port"));
    CHECK_THAT(refused("http://proxy.corp:65536").diag.client_message, Catch::Contains("port"));
    CHECK_THAT(refused("http://:s3cret@proxy.corp").diag.client_message, Catch::Contains("user name"));
    CHECK_THAT(refused("http://proxy corp").diag.client_message, Catch::Contains("whitespace"));
    for (const char* url : {"https://alice:s3cret@proxy.corp", "http://alice:s3cret@proxy.corp/path",
                            "http://:s3cret@proxy.corp", "http://alice:s3cret@proxy.corp:99999"})
        CHECK_THAT(refused(url).diag.client_message, !Catch::Contains("s3cret"));
}

TEST_CASE("proxy url: base64 as RFC 4648 pads it") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
}
