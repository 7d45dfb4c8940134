// /api/v1/tests through client::tests(): list_page, get, update (§7.17-7.19).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace api_test;

TEST_CASE("tests list_page: the organization's and the global tests, filters by their documented names") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    const tr::offset_page<tr::test> all = fixture.run(employer.tests().list_page());
    CHECK(all.pagination.total_count > 0);
    for (const tr::test& t : all.data) {
        const bool acme =
            std::find(t.organization_ids.begin(), t.organization_ids.end(), "org_acme") != t.organization_ids.end();
        CHECK((t.is_public || acme));
        CHECK(t.is_public == t.organization_ids.empty());
    }

    tr::list_tests_params params;
    params.type = "multiple_choice";
    params.analysis_category = "hard_skill";
    params.language = "en";
    const auto filtered = fixture.run(employer.tests().try_list_page(params));
    REQUIRE(filtered);
    REQUIRE_FALSE(filtered->data.empty());
    CHECK(filtered->pagination.total_count < all.pagination.total_count);
    for (const tr::test& t : filtered->data) {
        CHECK(t.type == "multiple_choice");
        CHECK(t.analysis_category == "hard_skill");
        CHECK(t.language == "en");
    }
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/tests");
}

TEST_CASE("tests get: metadata of a visible test; 404 for other organizations' tests") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::test js = fixture.run(employer.tests().get("test_js"));
    CHECK(js.name == "JavaScript Fundamentals");
    CHECK(js.duration == 30);
    CHECK(js.organization_ids == std::vector<std::string>{"org_acme"});
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/tests/test_js");

    const tr::test unicode = fixture.run(employer.tests().get("test_turkish"));
    CHECK(unicode.name == "Türkçe İş Yazışmaları");

    for (const char* id : {"test_sql", "test_nope"}) {
        INFO(id);
        const auto missing = fixture.run(employer.tests().try_get(id));
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == tr::errc::not_found);
    }
}

TEST_CASE("tests update: set and cleared fields come back and persist") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    tr::test_update changes;
    changes.description = "Closures, promises and the event loop.";
    changes.duration = 45;
    changes.target_persona = tr::null;
    const tr::test after = fixture.run(employer.tests().update("test_js", changes));
    CHECK(after.description == "Closures, promises and the event loop.");
    CHECK(after.duration == 45);
    CHECK_FALSE(after.target_persona);
    CHECK(after.name == "JavaScript Fundamentals");
    CHECK(fixture.run(employer.tests().get("test_js")) == after);
    CHECK(fixture.server.stats().executions("PATCH /api/v1/tests/{id}") == 1);
}

TEST_CASE("tests update: 400 with details, 403 forbidden, 404") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    tr::test_update too_long;
    too_long.duration = 5000;  // the client only knows it must not be negative
    const auto invalid = fixture.run(employer.tests().try_update("test_js", too_long));
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == tr::errc::bad_request);
    REQUIRE(invalid.error().diag.details.size() == 1);
    CHECK_THAT(invalid.error().diag.details.front(), Catch::StartsWith("duration"));

    tr::test_update rename;
    rename.name = "JS Basics";
    // Platform-global tests are admin-only; hiring managers never write.
    for (const auto& [key, id] :
         {std::pair{&fixture.keys().employer, "test_logic"}, std::pair{&fixture.keys().hiring_manager, "test_js"}}) {
        INFO(key->id << " on " << id);
        const tr::client c = fixture.client_for(*key);
        const auto forbidden = fixture.run(c.tests().try_update(id, rename));
        REQUIRE_FALSE(forbidden);
        CHECK(forbidden.error().code == tr::errc::forbidden);
        CHECK(forbidden.error().diag.api_code == "forbidden");
    }

    const auto missing = fixture.run(employer.tests().try_update("test_sql", rename));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == tr::errc::not_found);

    tr::test_update bad_language;
    bad_language.language = "EN";
    const auto refused = fixture.run(employer.tests().try_update("test_js", bad_language));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_argument);
    CHECK(fixture.route_count("PATCH /api/v1/tests/{id}") == 4);
    CHECK(fixture.server.stats().executions("PATCH /api/v1/tests/{id}") == 0);
}
