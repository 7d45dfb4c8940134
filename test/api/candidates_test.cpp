// /api/v1/candidates through client::candidates(): list_page, get, update, steps (§7.9-7.12).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace api_test;

namespace {

bool linked_to(const tr::candidate& c, std::string_view role_id) {
    for (const auto& link : c.roles)
        if (link.role_id == role_id) return true;
    return false;
}

bool in_organization(const tr::candidate& c, std::string_view organization_id) {
    for (const auto& link : c.roles)
        if (link.organization_id == organization_id) return true;
    return false;
}

// The first candidate on the admin's first page that the employer (org_acme) cannot see.
std::string outside_acme(api_fixture& fixture) {
    const tr::client admin = fixture.client_for(fixture.keys().admin);
    tr::list_candidates_params params;
    params.page_size = 100;
    for (const tr::candidate& c : fixture.run(admin.candidates().list_page(params)).data)
        if (!in_organization(c, "org_acme")) return c.id;
    FAIL("no candidate outside org_acme on the admin's first page");
    return {};
}

}  // namespace

TEST_CASE("candidates list_page: one page of the visible candidates, query as documented") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    const tr::offset_page<tr::candidate> first = fixture.run(employer.candidates().list_page());
    CHECK(first.pagination.page == 0);
    CHECK(first.pagination.page_size == 20);
    CHECK(first.pagination.total_count > 20);
    CHECK(first.pagination.total_pages == (first.pagination.total_count + 19) / 20);
    REQUIRE(first.data.size() == 20);
    for (const tr::candidate& c : first.data) CHECK(in_organization(c, "org_acme"));
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/candidates");

    // page, pageSize and roleId reach the server under their documented names.
    tr::list_candidates_params params;
    params.role_id = "role_eng_be";
    params.page = 1;
    params.page_size = 3;
    const auto filtered = fixture.run(employer.candidates().try_list_page(params));
    REQUIRE(filtered);
    CHECK(filtered->pagination.page == 1);
    CHECK(filtered->pagination.page_size == 3);
    CHECK(filtered->pagination.total_count < first.pagination.total_count);
    REQUIRE(filtered->data.size() == 3);
    for (const tr::candidate& c : filtered->data) CHECK(linked_to(c, "role_eng_be"));
    CHECK(fixture.route_count("GET /api/v1/candidates") == 2);
}

TEST_CASE("candidates list_page: bad parameters are refused before sending") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    tr::list_candidates_params params;
    params.page_size = 500;
    const auto refused = fixture.run(employer.candidates().try_list_page(params));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_argument);
    CHECK_THAT(refused.error().diag.client_message, Catch::Contains("page_size"));
    params.page_size = 20;
    params.role_id = "";
    CHECK_THROWS_AS(fixture.run(employer.candidates().list_page(params)), tr::error);
    CHECK(fixture.server.stats().requests == 0);
}

TEST_CASE("candidates get: the bare candidate; 404 for unknown and invisible ones") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::candidate listed = fixture.run(employer.candidates().list_page()).data.front();

    const tr::candidate fetched = fixture.run(employer.candidates().get(listed.id));
    CHECK(fetched == listed);
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/candidates/" + listed.id);

    for (const std::string& id : {std::string("cand_99999"), outside_acme(fixture)}) {
        INFO(id);
        const auto missing = fixture.run(employer.candidates().try_get(id));
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == tr::errc::not_found);
        CHECK(missing.error().diag.http_status == 404);
        CHECK(missing.error().diag.api_code == "not_found");
        CHECK(missing.error().diag.path == "/api/v1/candidates/" + id);
    }
}

TEST_CASE("candidates get: a hostile id stays inside the candidate route") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const auto response = fixture.run(employer.candidates().try_get("../../admin/api-keys"));
    REQUIRE_FALSE(response);
    CHECK(response.error().code == tr::errc::not_found);
    CHECK(fixture.route_count("GET /api/v1/candidates/{id}") == 1);
    CHECK(fixture.route_count("GET /api/admin/api-keys") == 0);
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/candidates/..%2F..%2Fadmin%2Fapi-keys");

    const auto empty = fixture.run(employer.candidates().try_get(""));
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == tr::errc::invalid_argument);
    CHECK(fixture.route_count("GET /api/v1/candidates/{id}") == 1);
}

TEST_CASE("candidates update: only the fields set are sent, and the server keeps them") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::candidate before = fixture.run(employer.candidates().list_page()).data.front();

    tr::candidate_update changes;
    changes.full_name = "Jane Doe";
    changes.status = "Hired";
    changes.email = tr::null;
    changes.phone = "+90 555 111 22 33";
    changes.summary = "Strong backend engineer";
    const tr::candidate after = fixture.run(employer.candidates().update(before.id, changes));
    CHECK(after.id == before.id);
    CHECK(after.full_name == "Jane Doe");
    CHECK(after.status == "Hired");
    CHECK_FALSE(after.email);
    CHECK(after.phone == "+90 555 111 22 33");
    CHECK(after.roles == before.roles);
    CHECK(after.created_at == before.created_at);
    CHECK(fixture.server.stats().executions("PATCH /api/v1/candidates/{id}") == 1);
    CHECK(fixture.last_request_of(fixture.keys().employer) == "PATCH /api/v1/candidates/" + before.id);

    // Fields left absent are left alone.
    tr::candidate_update status_only;
    status_only.status = "Active";
    const tr::candidate second = fixture.run(employer.candidates().update(before.id, status_only));
    CHECK(second.full_name == "Jane Doe");
    CHECK(second.phone == "+90 555 111 22 33");
    CHECK(fixture.run(employer.candidates().get(before.id)) == second);
}

TEST_CASE("candidates update: 400 with details, 403 forbidden, 404, and local refusals") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const std::string id = fixture.run(employer.candidates().list_page()).data.front().id;

    SECTION("400: the server's details come back") {
        tr::candidate_update changes;
        changes.email = "not an address";
        const auto refused = fixture.run(employer.candidates().try_update(id, changes));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == tr::errc::bad_request);
        CHECK(refused.error().diag.http_status == 400);
        CHECK(refused.error().diag.api_code == "bad_request");
        CHECK(refused.error().diag.details == std::vector<std::string>{"email must be a valid email address or null"});
    }
    SECTION("403 forbidden: a hiring manager sees candidates but may not change them") {
        const tr::client manager = fixture.client_for(fixture.keys().hiring_manager);
        const std::string managed = fixture.run(manager.candidates().list_page()).data.front().id;
        tr::candidate_update changes;
        changes.status = "Hired";
        try {
            fixture.run(manager.candidates().update(managed, changes));
            FAIL("a hiring manager updated a candidate");
        } catch (const tr::error& e) {
            CHECK(e.code() == tr::errc::forbidden);
            CHECK(e.diag().api_code == "forbidden");
            CHECK(e.diag().method == "PATCH");
        }
    }
    SECTION("404") {
        tr::candidate_update changes;
        changes.status = "Hired";
        const auto missing = fixture.run(employer.candidates().try_update("cand_99999", changes));
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == tr::errc::not_found);
    }
    SECTION("an empty body or a blank field never leaves the client") {
        const auto empty = fixture.run(employer.candidates().try_update(id, {}));
        REQUIRE_FALSE(empty);
        CHECK(empty.error().code == tr::errc::invalid_argument);
        tr::candidate_update blank;
        blank.full_name = "";
        const auto blank_name = fixture.run(employer.candidates().try_update(id, blank));
        REQUIRE_FALSE(blank_name);
        CHECK_THAT(blank_name.error().diag.client_message, Catch::Contains("full_name"));
        CHECK(fixture.route_count("PATCH /api/v1/candidates/{id}") == 0);
    }
    CHECK(fixture.server.stats().executions("PATCH /api/v1/candidates/{id}") == 0);
}

TEST_CASE("candidates steps: the complete list across the candidate's roles; 404 when invisible") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::candidate c = fixture.run(employer.candidates().list_page()).data.front();

    const std::vector<tr::candidate_step> steps = fixture.run(employer.candidates().steps(c.id));
    REQUIRE_FALSE(steps.empty());
    std::set<std::string> roles;
    for (const auto& link : c.roles) roles.insert(link.role_id);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(roles.contains(steps[i].role_id));
        if (i > 0 && steps[i].role_id == steps[i - 1].role_id) CHECK(steps[i].order > steps[i - 1].order);
    }
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/candidates/" + c.id + "/steps");

    const auto hidden = fixture.run(employer.candidates().try_steps(outside_acme(fixture)));
    REQUIRE_FALSE(hidden);
    CHECK(hidden.error().code == tr::errc::not_found);
    CHECK_THROWS_AS(fixture.run(employer.candidates().steps("cand_99999")), tr::error);
}
