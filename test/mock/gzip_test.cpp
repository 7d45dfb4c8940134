// The mock's gzip responses: which Accept-Encoding values allow them, which responses are compressed,
// and that a compressed response inflates to exactly the plain one.
#include "gzip_encoding.hpp"
#include "mock_fixture.hpp"
#include "transport/gzip_decoder.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;
using talentray::mock::detail::accepts_gzip;

namespace {

std::string inflate(const std::string& compressed) {
    talentray::detail::gzip_decoder decoder{SIZE_MAX};
    std::string out;
    REQUIRE(decoder.feed(compressed, out) == talentray::detail::gzip_status::ok);
    REQUIRE(decoder.finish() == talentray::detail::gzip_status::ok);
    return out;
}

request_options accepting(std::string key, std::string accept_encoding) {
    request_options options = with_key(std::move(key));
    options.headers.emplace_back("Accept-Encoding", std::move(accept_encoding));
    return options;
}

}  // namespace

TEST_CASE("mock gzip: Accept-Encoding allows gzip by name or by *, unless its q-value is 0") {
    for (const char* yes : {"gzip", "GZIP", "x-gzip", "gzip;q=0.5", "br, gzip;q=1.0", "*", "br;q=1, *;q=0.1",
                            " gzip ; q=1 "})
        CHECK(accepts_gzip(yes));
    for (const char* no : {"", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.000", "gzip;q=0, *",
                           "*;q=0", "gzip;q=nonsense"})
        CHECK_FALSE(accepts_gzip(no));
}

TEST_CASE("mock gzip: a list page is gzipped when asked for, and inflates to the plain response") {
    plain_server s;
    const std::string key = s.keys().employer.key;
    const reply plain = s.client.checked(http::verb::get, "/api/v1/candidates?pageSize=100", with_key(key));
    CHECK(plain.header("Content-Encoding").empty());
    const reply packed =
        s.client.checked(http::verb::get, "/api/v1/candidates?pageSize=100", accepting(key, "gzip, deflate"));
    CHECK(packed.status == 200);
    CHECK(packed.header("Content-Encoding") == "gzip");
    CHECK(packed.header("Vary") == "Accept-Encoding");
    CHECK(packed.body.size() * 4 < plain.body.size());
    CHECK(inflate(packed.body) == plain.body);
    CHECK(s.server.stats().gzip_responses == 1);
    const reply stats = s.client.checked(http::verb::get, "/__mock/stats", with_key(s.keys().admin.key));
    CHECK(stats.json().at("gzipResponses") == 1);
}

TEST_CASE("mock gzip: gzip;q=0, a small response and a server started with gzip off all answer plain") {
    plain_server s;
    const std::string key = s.keys().employer.key;
    const reply refused = s.client.checked(http::verb::get, "/api/v1/candidates", accepting(key, "gzip;q=0"));
    CHECK(refused.header("Content-Encoding").empty());
    const reply small = s.client.checked(http::verb::get, "/api/v1/me", accepting(key, "gzip"));
    CHECK(small.body.size() < 1024);
    CHECK(small.header("Content-Encoding").empty());
    CHECK(s.server.stats().gzip_responses == 0);

    auto options = plain_options();
    options.gzip = false;
    plain_server off{options};
    CHECK(off.client.checked(http::verb::get, "/api/v1/candidates", accepting(off.keys().employer.key, "gzip"))
              .header("Content-Encoding")
              .empty());
    CHECK(off.server.stats().gzip_responses == 0);
}
