#include "pager/paging_query.hpp"

#include <talentray/model/params.hpp>

#include <catch2/catch.hpp>

using namespace talentray;
using detail::cursor_page_request;
using detail::offset_page_request;
using detail::prepare_cursor_base;
using detail::prepare_offset_base;

namespace {

request_spec list(std::string path, query_params query = {}) {
    request_spec spec;
    spec.path = std::move(path);
    spec.query = std::move(query);
    return spec;
}

}  // namespace

TEST_CASE("offset base: the typed params' paging parameters set the start", "[pager][query]") {
    list_candidates_params params;
    params.role_id = "role_eng_be";
    params.page = 3;
    params.page_size = 50;
    auto prepared = prepare_offset_base(list("/api/v1/candidates", params.to_query().value()), 50);
    REQUIRE(prepared.has_value());
    CHECK(prepared->first_page == 3);
    CHECK(prepared->base.query == query_params{{"roleId", "role_eng_be"}});

    const request_spec page = offset_page_request(prepared->base, 7, 50);
    CHECK(page.path == "/api/v1/candidates");
    CHECK(page.query == query_params{{"roleId", "role_eng_be"}, {"page", "7"}, {"pageSize", "50"}});
}

TEST_CASE("offset base: filters keep their order and the start defaults to page 0", "[pager][query]") {
    auto prepared = prepare_offset_base(list("/api/v1/roles", {{"status", "open"}, {"organizationId", "org_acme"}}), 100);
    REQUIRE(prepared.has_value());
    CHECK(prepared->first_page == 0);
    CHECK(prepared->base.query == query_params{{"status", "open"}, {"organizationId", "org_acme"}});
}

TEST_CASE("offset base: invalid requests are refused before anything is sent", "[pager][query]") {
    auto refused = [](request_spec spec, int page_size) {
        auto prepared = prepare_offset_base(std::move(spec), page_size);
        REQUIRE(!prepared);
        CHECK(prepared.error().code == errc::invalid_argument);
        return prepared.error().diag.client_message;
    };
    CHECK_THAT(refused(list("/api/v1/candidates"), 0), Catch::Contains("page_size must be 1..100, got 0"));
    CHECK_THAT(refused(list("/api/v1/candidates"), 101), Catch::Contains("got 101"));
    CHECK_THAT(refused(list("api/v1/candidates"), 10), Catch::Contains("must start with '/'"));
    CHECK_THAT(refused(list("/api/v1/candidates", {{"pageSize", "20"}}), 10), Catch::Contains("disagrees"));
    CHECK_THAT(refused(list("/api/v1/candidates", {{"page", "-1"}}), 10), Catch::Contains("non-negative integer"));
    CHECK_THAT(refused(list("/api/v1/candidates", {{"page", "2x"}}), 10), Catch::Contains("non-negative integer"));
    CHECK_THAT(refused(list("/api/v1/candidates", {{"page", "1"}, {"page", "2"}}), 10), Catch::Contains("twice"));
    request_spec post = list("/api/v1/sourcing");
    post.method = http_method::post;
    CHECK_THAT(refused(post, 10), Catch::Contains("GET"));
}

TEST_CASE("cursor base: before starts the walk, limit must agree", "[pager][query]") {
    api_key_usage_params params;
    params.limit = 200;
    params.before = timestamp::parse("2026-06-04T15:20:00Z").value();
    auto prepared = prepare_cursor_base(list("/api/admin/api-keys/apikey_1/usage", params.to_query().value()), 200);
    REQUIRE(prepared.has_value());
    CHECK(prepared->base.query.empty());
    CHECK(prepared->first_before == "2026-06-04T15:20:00Z");
    CHECK(prepared->first_before_at == params.before);

    CHECK(cursor_page_request(prepared->base, 200, std::nullopt).query == query_params{{"limit", "200"}});
    CHECK(cursor_page_request(prepared->base, 200, std::string("2026-06-04T15:19:00.5Z")).query ==
          query_params{{"limit", "200"}, {"before", "2026-06-04T15:19:00.5Z"}});

    CHECK(prepare_cursor_base(list("/u", {{"before", "soon"}}), 10).error().code == errc::invalid_argument);
    CHECK(prepare_cursor_base(list("/u", {{"limit", "11"}}), 10).error().code == errc::invalid_argument);
    CHECK(prepare_cursor_base(list("/u"), 501).error().code == errc::invalid_argument);
    CHECK(prepare_cursor_base(list("/u"), 500).has_value());
}
