// /api/v1/sourcing: list, get, POST 201, PATCH, DELETE 204 (§7.20-7.24).
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;
using http::verb;

namespace {

const std::vector<std::string> lead_fields{"id", "fullName", "email", "contactEmail", "phone", "status", "skills",
                                           "summary", "candidateId", "organizations", "roles", "createdAt", "updatedAt"};

json::value list_leads(plain_server& mock, const std::string& key, const std::string& query = "?pageSize=100") {
    const reply res = mock.client.get("/api/v1/sourcing" + query, key);
    REQUIRE(res.status == 200);
    return res.json();
}

bool linked_to(const json::value& lead, std::string_view organization) {
    for (const json::value& link : lead.at("organizations").as_array())
        if (link.at("organizationId").as_string() == organization) return true;
    return false;
}

// The first lead of another organization than acme.
std::string foreign_lead(plain_server& mock) {
    const json::value page = list_leads(mock, mock.keys().admin.key);
    for (const json::value& lead : page.at("data").as_array())
        if (!linked_to(lead, "org_acme")) return text(lead, "id");
    FAIL("no lead outside org_acme");
    return {};
}

}  // namespace

TEST_CASE("sourcing list: documented shape; visibility by organization (§7.20)") {
    plain_server mock;
    const json::value all = list_leads(mock, mock.keys().admin.key);
    CHECK(all.at("pagination").at("totalCount") == 500);
    const json::value& first = all.at("data").at(0);
    CHECK(keys_of(first) == lead_fields);
    CHECK(first.at("id") == "pc_1");
    CHECK(keys_of(first.at("organizations").at(0)) == std::vector<std::string>{"organizationId", "status"});

    const json::value employer = list_leads(mock, mock.keys().employer.key);
    CHECK(employer.at("pagination").at("totalCount").as_int64() < 500);
    for (const json::value& lead : employer.at("data").as_array()) {
        CHECK(linked_to(lead, "org_acme"));
        for (const json::value& role : lead.at("roles").as_array())
            CHECK(keys_of(role) == std::vector<std::string>{"roleId", "roleName", "organizationId", "status",
                                                            "resumeFitScore", "overallFitScore"});
    }
    const std::string foreign = foreign_lead(mock);
    CHECK(mock.client.get("/api/v1/sourcing/" + foreign, mock.keys().employer.key).status == 404);
    CHECK(mock.client.get("/api/v1/sourcing/" + foreign, mock.keys().admin.key).status == 200);
}

TEST_CASE("sourcing list: status and roleId filters") {
    plain_server mock;
    const json::value parsed = list_leads(mock, mock.keys().admin.key, "?pageSize=100&status=parsed");
    CHECK(parsed.at("pagination").at("totalCount").as_int64() > 0);
    for (const json::value& lead : parsed.at("data").as_array()) CHECK(lead.at("status") == "parsed");
    const json::value assigned = list_leads(mock, mock.keys().admin.key, "?pageSize=100&roleId=role_eng_be");
    CHECK(assigned.at("pagination").at("totalCount").as_int64() > 0);
    for (const json::value& lead : assigned.at("data").as_array()) {
        bool linked = false;
        for (const json::value& role : lead.at("roles").as_array()) linked |= role.at("roleId") == "role_eng_be";
        CHECK(linked);
    }
}

TEST_CASE("sourcing get: the bare potential candidate (§7.21)") {
    plain_server mock;
    const json::value lead = mock.client.get("/api/v1/sourcing/pc_1", mock.keys().employer.key).json();
    CHECK(lead == list_leads(mock, mock.keys().employer.key, "?pageSize=1").at("data").at(0));
    for (const std::string id : {"pc_0", "pc_01", "pc_99999", "cand_1"})
        CHECK(mock.client.get("/api/v1/sourcing/" + id, mock.keys().employer.key).status == 404);
}

TEST_CASE("sourcing create: 201 with defaults, linked to the organization, persisted (§7.22)") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const reply res = mock.client.checked(verb::post, "/api/v1/sourcing",
                                             with_body(key, R"({"fullName":"Sam Lee","organizationId":"org_acme",
        "email":"sam.cv@example.com","skills":["python","sql"]})"));
    REQUIRE(res.status == 201);
    const json::value lead = res.json();
    CHECK(keys_of(lead) == lead_fields);
    CHECK(lead.at("id") == "pc_501");
    CHECK(res.header("Location") == "/api/v1/sourcing/pc_501");
    CHECK(lead.at("status") == "uploaded");
    CHECK(lead.at("contactEmail").is_null());
    CHECK(lead.at("candidateId").is_null());
    CHECK(lead.at("skills") == json::parse(R"(["python","sql"])"));
    CHECK(lead.at("organizations") == json::parse(R"([{"organizationId":"org_acme","status":"Pool"}])"));
    CHECK(lead.at("roles").as_array().empty());
    CHECK(lead.at("createdAt") == lead.at("updatedAt"));

    CHECK(mock.client.get("/api/v1/sourcing/pc_501", key).json() == lead);
    CHECK(list_leads(mock, mock.keys().admin.key).at("pagination").at("totalCount") == 501);
    CHECK(mock.server.stats().executions("POST /api/v1/sourcing") == 1);
}

TEST_CASE("sourcing create: 400 for missing or invalid fields and unknown organizations, 403 without authority") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const reply missing = mock.client.checked(verb::post, "/api/v1/sourcing", with_body(key, R"({"email":"bad"})"));
    REQUIRE(missing.status == 400);
    CHECK(missing.json().at("details") == json::parse(R"(["email must be a valid email address or null",
        "fullName is required","organizationId is required"])"));
    const reply unknown = mock.client.checked(verb::post, "/api/v1/sourcing",
                                              with_body(key, R"({"fullName":"A","organizationId":"org_nope"})"));
    CHECK(unknown.status == 400);
    CHECK(unknown.json().at("details") == json::parse(R"(["organizationId does not exist"])"));
    CHECK(mock.client.checked(verb::post, "/api/v1/sourcing",
                              with_body(key, R"({"fullName":"A","organizationId":"org_acme","skills":[1]})"))
              .status == 400);

    const reply other_org = mock.client.checked(verb::post, "/api/v1/sourcing",
                                                with_body(key, R"({"fullName":"A","organizationId":"org_globex"})"));
    CHECK(other_org.status == 403);
    CHECK(other_org.json().at("error") == "forbidden");
    CHECK(mock.client.checked(verb::post, "/api/v1/sourcing",
                              with_body(mock.keys().hiring_manager.key, R"({"fullName":"A","organizationId":"org_acme"})"))
              .status == 403);
    CHECK(mock.server.stats().executions("POST /api/v1/sourcing") == 0);
}

TEST_CASE("sourcing update: partial, skills replaced, persisted (§7.23)") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const reply res = mock.client.checked(
        verb::patch, "/api/v1/sourcing/pc_1",
        with_body(key, R"({"status":"contacted","skills":["go"],"contactEmail":"sam@example.com","summary":null})"));
    REQUIRE(res.status == 200);
    const json::value lead = res.json();
    CHECK(lead.at("status") == "contacted");
    CHECK(lead.at("skills") == json::parse(R"(["go"])"));
    CHECK(lead.at("contactEmail") == "sam@example.com");
    CHECK(lead.at("summary").is_null());
    CHECK(mock.client.get("/api/v1/sourcing/pc_1", key).json() == lead);

    CHECK(mock.client.checked(verb::patch, "/api/v1/sourcing/pc_1", with_body(key, R"({"phone":"call me"})")).status == 400);
    CHECK(mock.client.checked(verb::patch, "/api/v1/sourcing/pc_1", with_body(key, "{}")).status == 400);
    CHECK(mock.client.checked(verb::patch, "/api/v1/sourcing/pc_1",
                              with_body(mock.keys().hiring_manager.key, R"({"status":"x"})"))
              .status == 403);
    CHECK(mock.client.checked(verb::patch, "/api/v1/sourcing/" + foreign_lead(mock), with_body(key, R"({"status":"x"})"))
              .status == 404);
}

TEST_CASE("sourcing delete: 204 without body, permanent (§7.24)") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    CHECK(mock.client.checked(verb::delete_, "/api/v1/sourcing/pc_2", with_key(mock.keys().hiring_manager.key)).status == 403);
    const reply deleted = mock.client.checked(verb::delete_, "/api/v1/sourcing/pc_2", with_key(key));
    CHECK(deleted.status == 204);
    CHECK(deleted.body.empty());
    CHECK(mock.client.get("/api/v1/sourcing/pc_2", key).status == 404);
    CHECK(mock.client.checked(verb::delete_, "/api/v1/sourcing/pc_2", with_key(key)).status == 404);
    CHECK(list_leads(mock, mock.keys().admin.key).at("pagination").at("totalCount") == 499);
    CHECK(mock.client.checked(verb::delete_, "/api/v1/sourcing/" + foreign_lead(mock), with_key(key)).status == 404);
    CHECK(mock.server.stats().executions("DELETE /api/v1/sourcing/{id}") == 1);
}
