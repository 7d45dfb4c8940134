// /api/v1/roles through client::roles(): list_page, get, update, steps (§7.13-7.16).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

using namespace api_test;

TEST_CASE("roles list_page: filters and paging reach the server under their documented names") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);

    const tr::offset_page<tr::role> all = fixture.run(admin.roles().list_page());
    CHECK(all.pagination.total_count == 24);  // eight roles in each of three organizations

    tr::list_roles_params params;
    params.organization_id = "org_globex";
    params.status = "open";
    params.page_size = 2;
    params.page = 1;
    const auto page = fixture.run(admin.roles().try_list_page(params));
    REQUIRE(page);
    CHECK(page->pagination.page == 1);
    CHECK(page->pagination.page_size == 2);
    CHECK(page->pagination.total_count == 6);  // sales is paused, support closed
    REQUIRE(page->data.size() == 2);
    for (const tr::role& r : page->data) {
        CHECK(r.organization_id == "org_globex");
        CHECK(r.status == "open");
    }
    CHECK(fixture.route_count("GET /api/v1/roles") == 2);
}

TEST_CASE("roles get: the bare role; 404 for unknown and invisible roles") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::role r = fixture.run(employer.roles().get("role_eng_be"));
    CHECK(r.id == "role_eng_be");
    CHECK(r.name == "Senior Backend Engineer");
    CHECK(r.organization_id == "org_acme");
    CHECK(r.work_type == "remote");
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/roles/role_eng_be");

    for (const char* id : {"role_nope", "role_globex_eng_be"}) {
        INFO(id);
        const auto missing = fixture.run(employer.roles().try_get(id));
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == tr::errc::not_found);
        CHECK(missing.error().diag.api_code == "not_found");
    }
}

TEST_CASE("roles update: set, cleared and absent fields") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::role before = fixture.run(employer.roles().get("role_eng_fe"));

    tr::role_update changes;
    changes.name = "Senior Frontend Engineer";
    changes.work_type = "remote";
    changes.salary_max = 95000;
    changes.department = tr::null;
    changes.target_hire_count = 3;
    changes.is_public = false;
    const tr::role after = fixture.run(employer.roles().update("role_eng_fe", changes));
    CHECK(after.name == "Senior Frontend Engineer");
    CHECK(after.work_type == "remote");
    CHECK(after.salary_max == 95000);
    CHECK_FALSE(after.department);
    CHECK(after.target_hire_count == 3);
    CHECK_FALSE(after.is_public);
    CHECK(after.salary_min == before.salary_min);
    CHECK(after.location == before.location);
    CHECK(fixture.server.stats().executions("PATCH /api/v1/roles/{id}") == 1);
    CHECK(fixture.run(employer.roles().get("role_eng_fe")) == after);
}

TEST_CASE("roles update: 400 with details, 403 forbidden, 404") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    tr::role_update unknown_work_type;
    unknown_work_type.work_type = "spaceship";
    const auto invalid = fixture.run(employer.roles().try_update("role_eng_be", unknown_work_type));
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == tr::errc::bad_request);
    REQUIRE(invalid.error().diag.details.size() == 1);
    CHECK_THAT(invalid.error().diag.details.front(), Catch::StartsWith("workType"));

    tr::role_update rename;
    rename.name = "Staff Backend Engineer";
    const tr::client manager = fixture.client_for(fixture.keys().hiring_manager);
    const auto forbidden = fixture.run(manager.roles().try_update("role_eng_be", rename));
    REQUIRE_FALSE(forbidden);
    CHECK(forbidden.error().code == tr::errc::forbidden);
    CHECK(forbidden.error().diag.api_code == "forbidden");

    const auto missing = fixture.run(employer.roles().try_update("role_globex_eng_be", rename));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == tr::errc::not_found);

    const auto empty = fixture.run(employer.roles().try_update("role_eng_be", {}));
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == tr::errc::invalid_argument);
    CHECK(fixture.route_count("PATCH /api/v1/roles/{id}") == 3);
    CHECK(fixture.server.stats().executions("PATCH /api/v1/roles/{id}") == 0);
}

TEST_CASE("roles steps: the pipeline template in order; 404 when the role is invisible") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const std::vector<tr::role_step> steps = fixture.run(employer.roles().steps("role_eng_be"));
    REQUIRE(steps.size() == 5);
    CHECK(steps.front().name == "CV Screening");
    CHECK(steps.front().step_type == "cv_screening");
    CHECK(steps.back().step_type == "offer");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(steps[i].role_id == "role_eng_be");
        if (i > 0) CHECK(steps[i].order > steps[i - 1].order);
    }
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/roles/role_eng_be/steps");

    const auto hidden = fixture.run(employer.roles().try_steps("role_globex_eng_be"));
    REQUIRE_FALSE(hidden);
    CHECK(hidden.error().code == tr::errc::not_found);
}
