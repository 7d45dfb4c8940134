// The failures every authenticated operation shares, one table driving all of them: 401 for a
// key the server does not accept, 403 insufficient_scope with both scope lists, and the legacy
// 403 for a non-admin on /api/admin. Each failure names its request and costs exactly one
// request (none of them is retried).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

using namespace api_test;

namespace {

using failure = std::optional<tr::error_info>;

template <class T>
asio::awaitable<failure> failure_of(asio::awaitable<tr::result<T>> call) {
    auto outcome = co_await std::move(call);
    if (outcome) co_return std::nullopt;
    co_return outcome.error();
}

struct probe {
    std::string route;           // the mock's name for the route, e.g. "GET /api/v1/candidates/{id}"
    std::string request;         // method and path as sent
    std::string required_scope;  // empty: not scope-gated
    std::function<asio::awaitable<failure>(const tr::client&)> call;
};

tr::candidate_update status_change() {
    tr::candidate_update body;
    body.status = "Hired";
    return body;
}

tr::role_update rename_role() {
    tr::role_update body;
    body.name = "Staff Backend Engineer";
    return body;
}

tr::test_update shorter_test() {
    tr::test_update body;
    body.duration = 25;
    return body;
}

tr::potential_candidate_create minimal_lead() {
    tr::potential_candidate_create body;
    body.full_name = "Sam Lee";
    body.organization_id = "org_acme";
    return body;
}

tr::potential_candidate_update lead_status() {
    tr::potential_candidate_update body;
    body.status = "parsed";
    return body;
}

tr::create_api_key_request new_key() {
    tr::create_api_key_request body;
    body.name = "nightly sync";
    body.user_id = "user_employer";
    return body;
}

// The lambdas only start a call and hand its awaitable on; none of them is a coroutine.
std::vector<probe> authenticated_operations() {
    return {
        {"GET /api/v1/me", "GET /api/v1/me", "", [](const tr::client& c) { return failure_of(c.try_me()); }},
        {"GET /api/v1/candidates", "GET /api/v1/candidates", "candidates:read",
         [](const tr::client& c) { return failure_of(c.candidates().try_list_page()); }},
        {"GET /api/v1/candidates/{id}", "GET /api/v1/candidates/cand_1", "candidates:read",
         [](const tr::client& c) { return failure_of(c.candidates().try_get("cand_1")); }},
        {"PATCH /api/v1/candidates/{id}", "PATCH /api/v1/candidates/cand_1", "candidates:write",
         [](const tr::client& c) { return failure_of(c.candidates().try_update("cand_1", status_change())); }},
        {"GET /api/v1/candidates/{id}/steps", "GET /api/v1/candidates/cand_1/steps", "pipeline:read",
         [](const tr::client& c) { return failure_of(c.candidates().try_steps("cand_1")); }},
        {"GET /api/v1/roles", "GET /api/v1/roles", "roles:read",
         [](const tr::client& c) { return failure_of(c.roles().try_list_page()); }},
        {"GET /api/v1/roles/{id}", "GET /api/v1/roles/role_eng_be", "roles:read",
         [](const tr::client& c) { return failure_of(c.roles().try_get("role_eng_be")); }},
        {"PATCH /api/v1/roles/{id}", "PATCH /api/v1/roles/role_eng_be", "roles:write",
         [](const tr::client& c) { return failure_of(c.roles().try_update("role_eng_be", rename_role())); }},
        {"GET /api/v1/roles/{id}/steps", "GET /api/v1/roles/role_eng_be/steps", "pipeline:read",
         [](const tr::client& c) { return failure_of(c.roles().try_steps("role_eng_be")); }},
        {"GET /api/v1/tests", "GET /api/v1/tests", "tests:read",
         [](const tr::client& c) { return failure_of(c.tests().try_list_page()); }},
        {"GET /api/v1/tests/{id}", "GET /api/v1/tests/test_js", "tests:read",
         [](const tr::client& c) { return failure_of(c.tests().try_get("test_js")); }},
        {"PATCH /api/v1/tests/{id}", "PATCH /api/v1/tests/test_js", "tests:write",
         [](const tr::client& c) { return failure_of(c.tests().try_update("test_js", shorter_test())); }},
        {"GET /api/v1/sourcing", "GET /api/v1/sourcing", "sourcing:read",
         [](const tr::client& c) { return failure_of(c.sourcing().try_list_page()); }},
        {"GET /api/v1/sourcing/{id}", "GET /api/v1/sourcing/pc_1", "sourcing:read",
         [](const tr::client& c) { return failure_of(c.sourcing().try_get("pc_1")); }},
        {"POST /api/v1/sourcing", "POST /api/v1/sourcing", "sourcing:write",
         [](const tr::client& c) { return failure_of(c.sourcing().try_create(minimal_lead())); }},
        {"PATCH /api/v1/sourcing/{id}", "PATCH /api/v1/sourcing/pc_1", "sourcing:write",
         [](const tr::client& c) { return failure_of(c.sourcing().try_update("pc_1", lead_status())); }},
        {"DELETE /api/v1/sourcing/{id}", "DELETE /api/v1/sourcing/pc_1", "sourcing:write",
         [](const tr::client& c) { return failure_of(c.sourcing().try_remove("pc_1")); }},
        {"GET /api/v1/cv-screening/batches/{batchId}", "GET /api/v1/cv-screening/batches/batch_2026_06_01",
         "cv-screening:read",
         [](const tr::client& c) { return failure_of(c.cv_screening().try_batch("batch_2026_06_01")); }},
        {"POST /api/admin/api-keys", "POST /api/admin/api-keys", "",
         [](const tr::client& c) { return failure_of(c.api_keys().try_create(new_key())); }},
        {"GET /api/admin/api-keys", "GET /api/admin/api-keys", "",
         [](const tr::client& c) { return failure_of(c.api_keys().try_list()); }},
        {"DELETE /api/admin/api-keys/{id}", "DELETE /api/admin/api-keys/apikey_read_only", "",
         [](const tr::client& c) { return failure_of(c.api_keys().try_revoke("apikey_read_only")); }},
        {"GET /api/admin/api-keys/{id}/usage", "GET /api/admin/api-keys/apikey_employer/usage", "",
         [](const tr::client& c) { return failure_of(c.api_keys().try_usage_page("apikey_employer")); }},
    };
}

bool is_admin_route(const probe& p) { return p.route.find("/api/admin/") != std::string::npos; }

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// Runs the probe once and checks what every failure must carry: the status, the request, and
// that exactly one request reached the server.
tr::error_info expect_failure(api_fixture& fixture, const tr::client& c, const probe& p, int status) {
    const auto before = fixture.route_count(p.route);
    const failure outcome = fixture.run(p.call(c));
    REQUIRE(outcome);
    CHECK(outcome->diag.http_status == status);
    CHECK(outcome->diag.method + ' ' + outcome->diag.path == p.request);
    CHECK(fixture.route_count(p.route) == before + 1);
    return *outcome;
}

}  // namespace

TEST_CASE("every authenticated operation: 401 for a key the server does not accept") {
    api_fixture fixture;
    const auto probes = authenticated_operations();
    REQUIRE(probes.size() == 22);  // 25 minus the three public career-portal operations

    SECTION("a key it never issued") {
        const tr::client stranger = fixture.client_with(unknown_key);
        for (const probe& p : probes) {
            INFO(p.request);
            const tr::error_info failure = expect_failure(fixture, stranger, p, 401);
            CHECK(failure.code == tr::errc::unauthorized);
            // The client never repeats a key the server refused, not even in the diagnostics.
            CHECK_THAT(failure.diag.to_string(), !Catch::Contains(unknown_key));
        }
    }
    SECTION("an expired key") {
        const tr::client expired = fixture.client_for(fixture.keys().expired);
        for (const probe& p : probes) {
            INFO(p.request);
            CHECK(expect_failure(fixture, expired, p, 401).code == tr::errc::unauthorized);
        }
    }
    CHECK(fixture.server.stats().write_executions.empty());
}

TEST_CASE("every scoped operation: 403 insufficient_scope lists the required and the granted scopes") {
    api_fixture fixture;
    const auto probes = authenticated_operations();

    SECTION("a key with no scopes") {
        const tr::client scopeless = fixture.client_for(fixture.keys().no_scopes);
        std::size_t scoped = 0;
        for (const probe& p : probes) {
            if (p.required_scope.empty()) continue;
            INFO(p.request);
            ++scoped;
            const tr::error_info failure = expect_failure(fixture, scopeless, p, 403);
            CHECK(failure.code == tr::errc::insufficient_scope);
            CHECK(failure.diag.api_code == "insufficient_scope");
            CHECK(failure.diag.required_scopes == std::vector<std::string>{p.required_scope});
            CHECK(failure.diag.granted_scopes.empty());
        }
        CHECK(scoped == 17);
    }
    SECTION("a read-only key on the writes") {
        const tr::client reader = fixture.client_for(fixture.keys().read_only);
        const auto granted = sorted(fixture.keys().read_only.scopes);
        REQUIRE(granted.size() == 6);
        std::size_t writes = 0;
        for (const probe& p : probes) {
            if (!p.required_scope.ends_with(":write")) continue;
            INFO(p.request);
            ++writes;
            const tr::error_info failure = expect_failure(fixture, reader, p, 403);
            CHECK(failure.code == tr::errc::insufficient_scope);
            CHECK(failure.diag.required_scopes == std::vector<std::string>{p.required_scope});
            CHECK(sorted(failure.diag.granted_scopes) == granted);
            // The exception's text carries both lists, for whoever reads the log.
            CHECK_THAT(tr::error{failure}.what(), Catch::Contains(p.required_scope));
        }
        CHECK(writes == 6);
    }
    SECTION("unscoped operations work without scopes") {
        const tr::client scopeless = fixture.client_for(fixture.keys().no_scopes);
        const tr::me who = fixture.run(scopeless.me());
        REQUIRE(who.auth.scopes);
        CHECK(who.auth.scopes->empty());
    }
    CHECK(fixture.server.stats().write_executions.empty());
}

TEST_CASE("admin operations: 403 forbidden with the server's message for a non-admin owner") {
    api_fixture fixture;
    for (const auto* key : {&fixture.keys().employer, &fixture.keys().read_only}) {
        const tr::client not_admin = fixture.client_for(*key);
        for (const probe& p : authenticated_operations()) {
            if (!is_admin_route(p)) continue;
            INFO(key->id << ": " << p.request);
            const tr::error_info failure = expect_failure(fixture, not_admin, p, 403);
            CHECK(failure.code == tr::errc::forbidden);
            CHECK(failure.diag.api_message == "Forbidden - Admin access required");
            CHECK(failure.diag.api_code.empty());  // the legacy family has no machine codes
        }
    }
    CHECK(fixture.server.stats().write_executions.empty());
}
