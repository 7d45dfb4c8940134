// Path and query building: no id, however hostile, can change the shape of a request target.
#include "model/url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "invalid_argument.hpp"

#include <catch2/catch.hpp>

namespace tr = talentray;

namespace {

using talentray::testing::invalid;

// The segments a server sees after percent-decoding the path.
std::vector<std::string> decoded_segments(const std::string& path) {
    auto parsed = boost::urls::parse_origin_form(path);
    REQUIRE(parsed.has_value());
    std::vector<std::string> out;
    for (auto segment : parsed->segments()) out.emplace_back(segment);
    return out;
}

}  // namespace

TEST_CASE("unreserved characters pass through a path segment untouched") {
    CHECK(tr::encode_path_segment("cand_1") == "cand_1");
    CHECK(tr::encode_path_segment("batch_2026_06_01") == "batch_2026_06_01");
    CHECK(tr::encode_path_segment("A-Z.a~z_0-9") == "A-Z.a~z_0-9");
    CHECK(tr::encode_path_segment("a..b") == "a..b");
}

TEST_CASE("everything else in a path segment is percent-encoded") {
    CHECK(tr::encode_path_segment("a/b") == "a%2Fb");
    CHECK(tr::encode_path_segment("?x=1") == "%3Fx%3D1");
    CHECK(tr::encode_path_segment("#frag") == "%23frag");
    CHECK(tr::encode_path_segment("100%") == "100%25");
    CHECK(tr::encode_path_segment("%2F") == "%252F");
    CHECK(tr::encode_path_segment("a b") == "a%20b");
    CHECK(tr::encode_path_segment("a+b") == "a%2Bb");
    CHECK(tr::encode_path_segment("x\r\nHost: evil") == "x%0D%0AHost%3A%20evil");
    CHECK(tr::encode_path_segment(std::string_view("a\0b", 3)) == "a%00b");
    CHECK(tr::encode_path_segment("\xC3\xA9t\xC3\xA9") == "%C3%A9t%C3%A9");
    CHECK(tr::encode_path_segment("\xFF") == "%FF");
    CHECK(tr::encode_path_segment(";,@:!$&'()*=") == "%3B%2C%40%3A%21%24%26%27%28%29%2A%3D");
}

TEST_CASE("dot segments are encoded so they cannot walk the path") {
    CHECK(tr::encode_path_segment(".") == "%2E");
    CHECK(tr::encode_path_segment("..") == "%2E%2E");
    CHECK(tr::encode_path_segment("...") == "%2E%2E%2E");
}

TEST_CASE("build_path fills placeholders with encoded values") {
    CHECK(tr::build_path("/api/v1/candidates/{id}/steps", {{"id", "cand_1"}}).value() ==
          "/api/v1/candidates/cand_1/steps");
    CHECK(tr::build_path("/api/public/portal/{orgSlug}/roles/{roleId}", {{"orgSlug", "acme"}, {"roleId", "clx 1"}})
              .value() == "/api/public/portal/acme/roles/clx%201");
    // Order of the values does not matter.
    CHECK(tr::build_path("/api/public/portal/{orgSlug}/roles/{roleId}", {{"roleId", "r"}, {"orgSlug", "o"}}).value() ==
          "/api/public/portal/o/roles/r");
    CHECK(tr::build_path("/api/v1/me", {}).value() == "/api/v1/me");
}

TEST_CASE("a hostile id stays exactly one segment") {
    const std::vector<std::string> hostile{
        "..", ".", "../../admin/api-keys", "a/b", "?page=2", "#x", "%2E%2E", "%2F", "a b",
        "x\r\nAuthorization: Bearer tr_stolen", "\xC3\xA9", std::string("nul\0byte", 8), "/", "~", "a;b=c"};
    for (const std::string& id : hostile) {
        INFO("id " << id);
        const std::string path = tr::build_path("/api/v1/candidates/{id}/steps", {{"id", id}}).value();
        CHECK(path.find_first_of("?#\r\n ") == std::string::npos);
        CHECK(decoded_segments(path) == std::vector<std::string>{"api", "v1", "candidates", id, "steps"});
    }
}

TEST_CASE("build_path names what is wrong") {
    CHECK(invalid(tr::build_path("/api/v1/candidates/{id}", {{"id", ""}})) ==
          "path parameter \"id\" must not be empty");
    CHECK(invalid(tr::build_path("/api/v1/candidates/{id}", {})) == "path parameter \"id\" has no value");
    CHECK(invalid(tr::build_path("/api/v1/candidates/{id}", {{"ID", "x"}})) == "path parameter \"id\" has no value");
    CHECK(invalid(tr::build_path("/api/v1/candidates/{id}", {{"id", "x"}, {"roleId", "y"}})) ==
          "path parameter \"roleId\" does not appear in \"/api/v1/candidates/{id}\"");
    CHECK(invalid(tr::build_path("/api/v1/candidates/{id}", {{"id", "x"}, {"id", "y"}})) ==
          "path parameter \"id\" is given more than once");
    CHECK(invalid(tr::build_path("api/v1/me", {})) == "path template \"api/v1/me\" must start with '/'");
    CHECK(invalid(tr::build_path("/api/v1/candidates/{id", {{"id", "x"}})).find("unclosed '{'") !=
          std::string::npos);
    CHECK(invalid(tr::build_path("/api/v1/candidates/id}", {})).find("'}' without '{'") != std::string::npos);
    CHECK(invalid(tr::build_path("/api/v1/candidates/c{id}", {{"id", "x"}})).find("not a whole segment") !=
          std::string::npos);
    CHECK(invalid(tr::build_path("/api/v1/candidates/{id}x", {{"id", "x"}})).find("not a whole segment") !=
          std::string::npos);
    CHECK(invalid(tr::build_path("/api/v1/{}", {})).find("invalid name") != std::string::npos);
    CHECK(invalid(tr::build_path("/api/v1/candidates?x=1", {})).find("would need encoding") != std::string::npos);
}

TEST_CASE("query components are percent-encoded with %20 for spaces") {
    CHECK(tr::encode_query_component("In Pipeline") == "In%20Pipeline");
    CHECK(tr::encode_query_component("a+b&c=d") == "a%2Bb%26c%3Dd");
    CHECK(tr::encode_query_component("2026-06-04T15:20:00Z") == "2026-06-04T15%3A20%3A00Z");
    CHECK(tr::encode_query_component("\xC3\xA9") == "%C3%A9");
    CHECK(tr::encode_query({}).empty());
    CHECK(tr::encode_query({{"roleId", "r 1"}, {"page", "0"}}) == "roleId=r%201&page=0");
}

TEST_CASE("make_target joins a path and a query") {
    CHECK(tr::make_target("/api/v1/me", {}) == "/api/v1/me");
    CHECK(tr::make_target("/api/v1/roles", {{"status", "open"}}) == "/api/v1/roles?status=open");
}
