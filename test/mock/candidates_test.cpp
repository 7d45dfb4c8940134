// /api/v1/candidates: list, get, PATCH, steps (§7.9-7.12), visibility and offset pagination (§4.3).
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace mock_test;
using http::verb;

namespace {

const std::vector<std::string> candidate_fields{"id", "fullName", "email", "phone", "status",
                                                "createdAt", "updatedAt", "roles"};

json::value list_candidates(plain_server& mock, const std::string& key, const std::string& query = {}) {
    const reply res = mock.client.get("/api/v1/candidates" + query, key);
    REQUIRE(res.status == 200);
    return res.json();
}

std::set<std::string> organizations_of(const json::value& candidate) {
    std::set<std::string> orgs;
    for (const json::value& link : candidate.at("roles").as_array()) orgs.insert(text(link, "organizationId"));
    return orgs;
}

// The first candidate (by the admin's listing) that has no role in org_acme.
std::string first_non_acme_candidate(plain_server& mock) {
    const json::value page = list_candidates(mock, mock.keys().admin.key, "?pageSize=100");
    for (const json::value& candidate : page.at("data").as_array())
        if (!organizations_of(candidate).contains("org_acme")) return text(candidate, "id");
    FAIL("no candidate outside org_acme on the first page");
    return {};
}

}  // namespace

TEST_CASE("candidates list: offset envelope and the documented item shape (§7.9)") {
    plain_server mock;
    const json::value page = list_candidates(mock, mock.keys().admin.key);
    CHECK(keys_of(page) == std::vector<std::string>{"data", "pagination"});
    CHECK(page.at("pagination") == json::parse(R"({"page":0,"pageSize":20,"totalCount":1000,"totalPages":50})"));
    const json::array& data = page.at("data").as_array();
    REQUIRE(data.size() == 20);
    CHECK(data[0].at("id") == "cand_1");
    CHECK(data[19].at("id") == "cand_20");
    for (const json::value& candidate : data) {
        CHECK(keys_of(candidate) == candidate_fields);
        for (const json::value& link : candidate.at("roles").as_array()) {
            CHECK(keys_of(link) == std::vector<std::string>{"roleId", "roleName", "organizationId", "status",
                                                            "overallFitScore", "approved"});
            const auto score = link.at("overallFitScore").as_int64();
            CHECK((score == -1 || (score >= 0 && score <= 100)));
        }
    }
}

TEST_CASE("candidates list: page and pageSize rules (§4.3 INFERRED)") {
    plain_server mock;
    const std::string& key = mock.keys().admin.key;
    CHECK(list_candidates(mock, key, "?pageSize=1000").at("pagination").at("pageSize") == 100);
    CHECK(list_candidates(mock, key, "?pageSize=0").at("pagination").at("pageSize") == 1);
    const json::value last = list_candidates(mock, key, "?page=9&pageSize=100");
    CHECK(last.at("data").as_array().size() == 100);
    CHECK(last.at("data").at(99).at("id") == "cand_1000");
    const json::value past = list_candidates(mock, key, "?page=10&pageSize=100");
    CHECK(past.at("data").as_array().empty());
    CHECK(past.at("pagination") == json::parse(R"({"page":10,"pageSize":100,"totalCount":1000,"totalPages":10})"));
    CHECK(list_candidates(mock, key, "?page=99999999999999999999999").at("data").as_array().empty());

    for (const std::string query : {"?page=-1", "?pageSize=-5", "?page=1.5", "?pageSize=abc", "?page="}) {
        const reply res = mock.client.get("/api/v1/candidates" + query, key);
        INFO(query);
        CHECK(res.status == 400);
        CHECK(res.json().at("error") == "bad_request");
        CHECK(res.json().at("details").as_array().size() == 1);
    }
}

TEST_CASE("candidates: employers see their organization's, hiring managers their roles' (§7.9)") {
    plain_server mock;
    const json::value employer = list_candidates(mock, mock.keys().employer.key, "?pageSize=100");
    const auto employer_total = employer.at("pagination").at("totalCount").as_int64();
    CHECK(employer_total > 300);
    CHECK(employer_total < 700);
    for (const json::value& candidate : employer.at("data").as_array())
        CHECK(organizations_of(candidate) == std::set<std::string>{"org_acme"});

    const json::value manager = list_candidates(mock, mock.keys().hiring_manager.key, "?pageSize=100");
    CHECK(manager.at("pagination").at("totalCount").as_int64() < employer_total);
    const std::set<std::string> assigned{"role_eng_be", "role_eng_fe", "role_exec"};
    for (const json::value& candidate : manager.at("data").as_array()) {
        bool linked = false;
        for (const json::value& link : candidate.at("roles").as_array()) linked |= assigned.contains(text(link, "roleId"));
        CHECK(linked);
    }

    const std::string outsider = first_non_acme_candidate(mock);
    CHECK(mock.client.get("/api/v1/candidates/" + outsider, mock.keys().admin.key).status == 200);
    const reply hidden = mock.client.get("/api/v1/candidates/" + outsider, mock.keys().employer.key);
    CHECK(hidden.status == 404);
    CHECK(hidden.json().at("error") == "not_found");
    CHECK(mock.client.get("/api/v1/candidates/" + outsider + "/steps", mock.keys().employer.key).status == 404);
}

TEST_CASE("candidates list: roleId keeps only candidates assigned to that role") {
    plain_server mock;
    const json::value page = list_candidates(mock, mock.keys().employer.key, "?roleId=role_eng_be&pageSize=100");
    CHECK(page.at("pagination").at("totalCount").as_int64() > 0);
    for (const json::value& candidate : page.at("data").as_array()) {
        bool linked = false;
        for (const json::value& link : candidate.at("roles").as_array()) linked |= link.at("roleId") == "role_eng_be";
        CHECK(linked);
    }
    CHECK(list_candidates(mock, mock.keys().employer.key, "?roleId=role_nope").at("pagination").at("totalCount") == 0);
    CHECK(list_candidates(mock, mock.keys().employer.key, "?roleId=role_globex_eng_be").at("pagination").at("totalCount") == 0);
    CHECK(mock.client.get("/api/v1/candidates?roleId=", mock.keys().employer.key).status == 400);
}

TEST_CASE("candidate get: the bare candidate; malformed and unknown ids are 404 (§7.10)") {
    plain_server mock;
    const json::value first = list_candidates(mock, mock.keys().admin.key, "?pageSize=1").at("data").at(0);
    const reply res = mock.client.get("/api/v1/candidates/cand_1", mock.keys().admin.key);
    REQUIRE(res.status == 200);
    CHECK(res.json() == first);
    for (const std::string id : {"cand_0", "cand_01", "cand_1001", "cand_x", "1", "cand_-1"})
        CHECK(mock.client.get("/api/v1/candidates/" + id, mock.keys().admin.key).status == 404);
}

TEST_CASE("candidate update: partial, persisted, visible to later reads (§7.11)") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const std::string id = text(list_candidates(mock, key, "?pageSize=1").at("data").at(0), "id");
    const json::value before = mock.client.get("/api/v1/candidates/" + id, key).json();

    const reply res = mock.client.checked(
        verb::patch, "/api/v1/candidates/" + id,
        with_body(key, R"({"fullName":"Jane Doe","status":"Hired","email":null,"phone":"+90 555 111 22 33",
            "summary":"Strong backend engineer","someFutureField":true})"));
    REQUIRE(res.status == 200);
    const json::value after = res.json();
    CHECK(after.at("fullName") == "Jane Doe");
    CHECK(after.at("status") == "Hired");
    CHECK(after.at("email").is_null());
    CHECK(after.at("phone") == "+90 555 111 22 33");
    CHECK(after.at("roles") == before.at("roles"));
    CHECK(after.at("createdAt") == before.at("createdAt"));
    CHECK(after.at("updatedAt") != before.at("updatedAt"));
    CHECK(keys_of(after) == candidate_fields);

    CHECK(mock.client.get("/api/v1/candidates/" + id, key).json() == after);
    CHECK(list_candidates(mock, key, "?pageSize=1").at("data").at(0) == after);

    const json::value second =
        mock.client.checked(verb::patch, "/api/v1/candidates/" + id, with_body(key, R"({"status":"Active"})")).json();
    CHECK(second.at("fullName") == "Jane Doe");
    CHECK(second.at("status") == "Active");
    CHECK(mock.server.stats().executions("PATCH /api/v1/candidates/{id}") == 2);
}

TEST_CASE("candidate update: 400 for bad or empty bodies, 403 forbidden without authority") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const std::string id = text(list_candidates(mock, key, "?pageSize=1").at("data").at(0), "id");
    const std::string target = "/api/v1/candidates/" + id;

    const reply invalid = mock.client.checked(verb::patch, target, with_body(key, R"({"status":"","email":"nope","phone":12})"));
    REQUIRE(invalid.status == 400);
    CHECK(invalid.json() == json::parse(R"json({"error":"bad_request","message":"Invalid field(s)","details":[
        "status must be a non-empty string","email must be a valid email address or null",
        "phone must be a valid phone number or null"]})json"));
    for (const std::string body : {"", "{}", R"({"unknown":1})", R"({"fullName":null})", "[]"}) {
        const reply res = mock.client.checked(verb::patch, target, with_body(key, body));
        INFO(body);
        CHECK(res.status == 400);
        CHECK(res.json().at("error") == "bad_request");
    }

    // The hiring manager sees candidates of their roles but may not change them.
    const json::value managed = list_candidates(mock, mock.keys().hiring_manager.key, "?pageSize=1").at("data").at(0);
    const reply forbidden = mock.client.checked(verb::patch, "/api/v1/candidates/" + text(managed, "id"),
                                                with_body(mock.keys().hiring_manager.key, R"({"status":"Hired"})"));
    CHECK(forbidden.status == 403);
    CHECK(forbidden.json().at("error") == "forbidden");
    CHECK(mock.client.checked(verb::patch, "/api/v1/candidates/cand_5000", with_body(key, R"({"status":"x"})")).status == 404);
    CHECK(mock.server.stats().executions("PATCH /api/v1/candidates/{id}") == 0);
}

TEST_CASE("candidate steps: {data} only, ordered by role then step order (§7.12)") {
    plain_server mock;
    const std::string& key = mock.keys().admin.key;
    const json::value page = list_candidates(mock, key, "?pageSize=30");
    for (const json::value& candidate : page.at("data").as_array()) {
        const reply res = mock.client.get("/api/v1/candidates/" + text(candidate, "id") + "/steps", key);
        REQUIRE(res.status == 200);
        const json::value body = res.json();
        CHECK(keys_of(body) == std::vector<std::string>{"data"});
        std::string previous_role;
        std::int64_t previous_order = 0;
        std::set<std::string> roles_seen;
        for (const json::value& step : body.at("data").as_array()) {
            CHECK(keys_of(step) == std::vector<std::string>{"id", "roleId", "roleStepId", "name", "order", "stepType",
                                                            "status", "startedAt", "completedAt", "validatedAt",
                                                            "rejectedAt", "validationScore", "rejectionReason",
                                                            "offerResponse", "createdAt", "updatedAt"});
            const std::string role = text(step, "roleId");
            if (role != previous_role) {
                CHECK(role > previous_role);
                previous_order = 0;
            }
            CHECK(integer(step, "order") > previous_order);
            previous_role = role;
            previous_order = integer(step, "order");
            roles_seen.insert(role);
            const std::set<std::string> statuses{"locked", "active", "completed", "validated", "rejected", "skipped"};
            CHECK(statuses.contains(text(step, "status")));
            if (step.at("status") == "locked") CHECK(step.at("startedAt").is_null());
            if (step.at("status") == "validated") CHECK(step.at("validatedAt").is_string());
            if (step.at("status") == "rejected") CHECK(step.at("rejectedAt").is_string());
        }
        CHECK(roles_seen.size() == candidate.at("roles").as_array().size());
    }
}
