#include <talentray/model/params.hpp>

#include "invalid_argument.hpp"
#include "model/url.hpp"

#include <catch2/catch.hpp>

namespace tr = talentray;

using talentray::testing::invalid;

TEST_CASE("list parameters default to the first page of 20 and send no filter") {
    const tr::query_params expected{{"page", "0"}, {"pageSize", "20"}};
    CHECK(tr::list_candidates_params{}.to_query().value() == expected);
    CHECK(tr::list_roles_params{}.to_query().value() == expected);
    CHECK(tr::list_tests_params{}.to_query().value() == expected);
    CHECK(tr::list_potential_candidates_params{}.to_query().value() == expected);
    CHECK(tr::cv_screening_batch_params{}.to_query().value() == expected);
}

TEST_CASE("filters use the API's parameter names") {
    tr::list_candidates_params candidates{.role_id = "role_eng_be", .page_size = 100};
    CHECK(candidates.to_query().value() ==
          tr::query_params{{"page", "0"}, {"pageSize", "100"}, {"roleId", "role_eng_be"}});

    tr::list_roles_params roles{.organization_id = "org_acme", .status = "open", .page = 3};
    CHECK(roles.to_query().value() ==
          tr::query_params{{"page", "3"}, {"pageSize", "20"}, {"organizationId", "org_acme"}, {"status", "open"}});

    tr::list_tests_params tests{.type = "multiple_choice", .analysis_category = "hard_skill", .language = "en"};
    CHECK(tr::encode_query(tests.to_query().value()) ==
          "page=0&pageSize=20&type=multiple_choice&analysisCategory=hard_skill&language=en");

    tr::list_potential_candidates_params leads{.status = "parsed"};
    CHECK(leads.to_query().value() == tr::query_params{{"page", "0"}, {"pageSize", "20"}, {"status", "parsed"}});
}

TEST_CASE("paging parameters are checked before sending") {
    tr::list_candidates_params p;
    p.page = -1;
    CHECK(invalid(p.validate()) == "list_candidates_params.page must be >= 0, got -1");
    CHECK_FALSE(p.to_query().has_value());
    p.page = 0;
    p.page_size = 0;
    CHECK(invalid(p.validate()) == "list_candidates_params.page_size must be 1..100, got 0");
    p.page_size = 101;
    CHECK(invalid(p.validate()) == "list_candidates_params.page_size must be 1..100, got 101");
    p.page_size = 1;
    CHECK(p.validate().has_value());
    p.page_size = 100;
    p.page = std::int64_t{1} << 40;  // large pages are the server's business
    CHECK(p.to_query().value().at(0).value == "1099511627776");

    tr::cv_screening_batch_params batch{.page_size = 500};
    CHECK(invalid(batch.validate()) == "cv_screening_batch_params.page_size must be 1..100, got 500");
}

TEST_CASE("a filter set to an empty string is refused rather than sent") {
    tr::list_roles_params roles{.status = ""};
    CHECK(invalid(roles.validate()) ==
          "list_roles_params.status must not be empty (leave it unset to not filter)");
    tr::list_tests_params tests{.language = ""};
    CHECK(invalid(tests.validate()).find("list_tests_params.language") == 0);
    tr::list_potential_candidates_params leads{.role_id = ""};
    CHECK(invalid(leads.validate()).find("list_potential_candidates_params.role_id") == 0);
    tr::list_candidates_params candidates{.role_id = ""};
    const auto query = candidates.to_query();
    REQUIRE_FALSE(query.has_value());
    CHECK(query.error().diag.client_message ==
          "list_candidates_params.role_id must not be empty (leave it unset to not filter)");
}

TEST_CASE("usage parameters: limit 1..500 and an optional cursor") {
    CHECK(tr::api_key_usage_params{}.to_query().value() == tr::query_params{{"limit", "100"}});
    tr::api_key_usage_params p{.limit = 50, .before = tr::timestamp::parse("2026-06-04T17:20:00+02:00").value()};
    CHECK(p.to_query().value() == tr::query_params{{"limit", "50"}, {"before", "2026-06-04T15:20:00Z"}});
    CHECK(tr::encode_query(p.to_query().value()) == "limit=50&before=2026-06-04T15%3A20%3A00Z");
    p.limit = 0;
    CHECK(invalid(p.validate()) == "api_key_usage_params.limit must be 1..500, got 0");
    p.limit = 501;
    CHECK(invalid(p.validate()) == "api_key_usage_params.limit must be 1..500, got 501");
    p.limit = 500;
    CHECK(p.validate().has_value());
}

TEST_CASE("filter values are encoded, so they cannot add parameters") {
    tr::list_candidates_params p{.role_id = "role&page=9#x y"};
    CHECK(tr::make_target("/api/v1/candidates", p.to_query().value()) ==
          "/api/v1/candidates?page=0&pageSize=20&roleId=role%26page%3D9%23x%20y");
}
