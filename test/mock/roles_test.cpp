// /api/v1/roles: list, get, PATCH, steps (§7.13-7.16), including confidential-role visibility.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;
using http::verb;

namespace {

std::vector<std::string> role_ids(plain_server& mock, const std::string& key, const std::string& query = "?pageSize=100") {
    const reply res = mock.client.get("/api/v1/roles" + query, key);
    REQUIRE(res.status == 200);
    std::vector<std::string> ids;
    const json::value page = res.json();  // range-for must not walk into a temporary
    for (const json::value& role : page.at("data").as_array()) ids.push_back(text(role, "id"));
    return ids;
}

}  // namespace

TEST_CASE("roles list: the documented shape; admins see all 24 (§7.13)") {
    plain_server mock;
    const json::value page = mock.client.get("/api/v1/roles", mock.keys().admin.key).json();
    CHECK(page.at("pagination") == json::parse(R"({"page":0,"pageSize":20,"totalCount":24,"totalPages":2})"));
    const json::value& first = page.at("data").at(0);
    CHECK(keys_of(first) == std::vector<std::string>{"id", "name", "organizationId", "status", "priority", "isPublic",
                                                     "department", "location", "workType", "salaryMin", "salaryMax",
                                                     "salaryCurrency", "salaryPeriod", "targetHireCount", "roleLevel",
                                                     "createdAt", "updatedAt"});
    CHECK(first.at("id") == "role_eng_be");
    CHECK(first.at("name") == "Senior Backend Engineer");
    CHECK(first.at("organizationId") == "org_acme");
    CHECK(first.at("status") == "open");
    CHECK(first.at("workType") == "remote");
}

TEST_CASE("roles: confidential roles only for their HR rep and hiring managers") {
    plain_server mock;
    CHECK(role_ids(mock, mock.keys().employer.key) ==
          std::vector<std::string>{"role_eng_be", "role_eng_fe", "role_data", "role_design", "role_sales",
                                   "role_support", "role_ops"});
    CHECK(role_ids(mock, mock.keys().hiring_manager.key) ==
          std::vector<std::string>{"role_eng_be", "role_eng_fe", "role_exec"});
    CHECK(mock.client.get("/api/v1/roles/role_exec", mock.keys().employer.key).status == 404);
    CHECK(mock.client.get("/api/v1/roles/role_exec", mock.keys().hiring_manager.key).status == 200);
    CHECK(mock.client.get("/api/v1/roles/role_data", mock.keys().hiring_manager.key).status == 404);
    CHECK(mock.client.get("/api/v1/roles/role_globex_data", mock.keys().employer.key).status == 404);
    CHECK(mock.client.get("/api/v1/roles/role_exec/steps", mock.keys().employer.key).status == 404);
}

TEST_CASE("roles list: organizationId and status filters") {
    plain_server mock;
    const auto globex = role_ids(mock, mock.keys().admin.key, "?pageSize=100&organizationId=org_globex");
    CHECK(globex.size() == 8);
    for (const std::string& id : globex) CHECK(id.rfind("role_globex_", 0) == 0);
    CHECK(role_ids(mock, mock.keys().employer.key, "?status=paused") == std::vector<std::string>{"role_sales"});
    CHECK(role_ids(mock, mock.keys().employer.key, "?organizationId=org_globex").empty());
    CHECK(mock.client.get("/api/v1/roles?status=", mock.keys().employer.key).status == 400);
}

TEST_CASE("role get: the bare role (§7.14)") {
    plain_server mock;
    const json::value listed = mock.client.get("/api/v1/roles?pageSize=1", mock.keys().employer.key).json().at("data").at(0);
    CHECK(mock.client.get("/api/v1/roles/role_eng_be", mock.keys().employer.key).json() == listed);
    const reply missing = mock.client.get("/api/v1/roles/role_nope", mock.keys().employer.key);
    CHECK(missing.status == 404);
    CHECK(missing.json().at("error") == "not_found");
}

TEST_CASE("role update: partial, nullable fields, persisted, reflected on the portal (§7.15)") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const reply res = mock.client.checked(
        verb::patch, "/api/v1/roles/role_eng_be",
        with_body(key, R"({"name":"Staff Backend Engineer","salaryMin":null,"workType":"hybrid","targetHireCount":3,
                           "isPublic":false,"pipeline":["ignored"]})"));
    REQUIRE(res.status == 200);
    const json::value role = res.json();
    CHECK(role.at("name") == "Staff Backend Engineer");
    CHECK(role.at("salaryMin").is_null());
    CHECK(role.at("workType") == "hybrid");
    CHECK(role.at("targetHireCount") == 3);
    CHECK(role.at("isPublic") == false);
    CHECK(role.at("status") == "open");
    CHECK(mock.client.get("/api/v1/roles/role_eng_be", key).json() == role);

    // Later reads everywhere see the change: the portal drops the now non-public role, and
    // candidate role links carry the new name.
    const json::value portal = mock.client.get("/api/public/portal/acme").json();
    for (const json::value& listed : portal.at("roles").as_array()) CHECK(listed.at("id") != "role_eng_be");
    const json::value linked = mock.client.get("/api/v1/candidates?roleId=role_eng_be&pageSize=1", key).json();
    for (const json::value& link : linked.at("data").at(0).at("roles").as_array())
        if (link.at("roleId") == "role_eng_be") CHECK(link.at("roleName") == "Staff Backend Engineer");
    CHECK(mock.server.stats().executions("PATCH /api/v1/roles/{id}") == 1);
}

TEST_CASE("role update: validation, visibility and authority") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const reply invalid = mock.client.checked(verb::patch, "/api/v1/roles/role_eng_be",
                                              with_body(key, R"({"workType":"space","salaryMax":"lots","isPublic":1,"name":""})"));
    REQUIRE(invalid.status == 400);
    CHECK(invalid.json().at("details") == json::parse(R"(["name must be a non-empty string",
        "workType must be one of remote, hybrid, onsite, or null","salaryMax must be an integer or null",
        "isPublic must be a boolean"])"));
    CHECK(mock.client.checked(verb::patch, "/api/v1/roles/role_eng_be", with_body(key, "{}")).status == 400);
    CHECK(mock.client.checked(verb::patch, "/api/v1/roles/role_globex_eng_be", with_body(key, R"({"status":"open"})")).status ==
          404);
    const reply forbidden = mock.client.checked(verb::patch, "/api/v1/roles/role_exec",
                                                with_body(mock.keys().hiring_manager.key, R"({"status":"closed"})"));
    CHECK(forbidden.status == 403);
    CHECK(forbidden.json().at("error") == "forbidden");
    CHECK(mock.client.checked(verb::patch, "/api/v1/roles/role_globex_eng_be",
                              with_body(mock.keys().admin.key, R"({"status":"closed"})"))
              .status == 200);
}

TEST_CASE("role steps: the pipeline template sorted by order, {data} only (§7.16)") {
    plain_server mock;
    const reply res = mock.client.get("/api/v1/roles/role_eng_be/steps", mock.keys().hiring_manager.key);
    REQUIRE(res.status == 200);
    const json::value body = res.json();
    CHECK(keys_of(body) == std::vector<std::string>{"data"});
    const json::array& steps = body.at("data").as_array();
    REQUIRE(steps.size() == 5);
    CHECK(keys_of(steps[0]) == std::vector<std::string>{"id", "roleId", "name", "description", "order", "stepType",
                                                        "validationType", "passingScore", "isRequired", "allowSkip",
                                                        "createdAt", "updatedAt"});
    CHECK(steps[0].at("stepType") == "cv_screening");
    CHECK(steps[0].at("validationType") == "auto");
    CHECK(steps[0].at("passingScore") == 70);
    CHECK(steps[4].at("stepType") == "offer");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(steps[i].at("order") == static_cast<std::int64_t>(i + 1));
        CHECK(steps[i].at("roleId") == "role_eng_be");
    }
    CHECK(mock.client.get("/api/v1/roles/role_nope/steps", mock.keys().admin.key).status == 404);
}
