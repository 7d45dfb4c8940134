// /api/public/portal: portal, job, apply (§7.5-7.7). No credentials, no rate limit.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;
using http::verb;

namespace {

std::vector<std::string> role_ids(const json::value& portal) {
    std::vector<std::string> ids;
    for (const json::value& role : portal.at("roles").as_array()) ids.push_back(text(role, "id"));
    return ids;
}

reply apply(plain_server& mock, const std::string& slug, const std::string& body) {
    request_options options;
    options.body = body;
    return mock.client.checked(verb::post, "/api/public/portal/" + slug + "/apply", options);
}

}  // namespace

TEST_CASE("portal: the org and every open public role, with salaries when showSalary is true (§7.5)") {
    plain_server mock;
    const reply res = mock.client.get("/api/public/portal/acme");
    REQUIRE(res.status == 200);
    const json::value portal = res.json();
    CHECK(portal.at("org") == json::parse(R"({"name":"Acme Inc.","logo":"https://assets.talent-ray.example/logos/acme.png",
        "slug":"acme","domain":"acme.com","portalTheme":{"primaryColor":"#4F1AD6","showSalary":true}})"));
    CHECK(role_ids(portal) == std::vector<std::string>{"role_eng_be", "role_eng_fe", "role_design", "role_ops"});
    const json::value& role = portal.at("roles").at(0);
    CHECK(keys_of(role) == std::vector<std::string>{"id", "name", "description", "department", "location", "workType",
                                                    "collarType", "salaryMin", "salaryMax", "salaryCurrency",
                                                    "salaryPeriod", "createdAt"});
    CHECK(role.at("description").is_object());
    CHECK(role.at("salaryCurrency") == "EUR");
    CHECK(portal.at("roles").at(3).at("collarType") == "blue");
}

TEST_CASE("portal: salary fields are absent, not null, when showSalary is false") {
    plain_server mock;
    const json::value portal = mock.client.get("/api/public/portal/globex").json();
    CHECK(portal.at("org").at("portalTheme").at("showSalary") == false);
    REQUIRE_FALSE(portal.at("roles").as_array().empty());
    for (const json::value& role : portal.at("roles").as_array()) {
        for (const char* field : {"salaryMin", "salaryMax", "salaryCurrency", "salaryPeriod"})
            CHECK_FALSE(role.as_object().contains(field));
    }
}

TEST_CASE("portal: disabled or unknown portals are 404 in the legacy dialect") {
    plain_server mock;
    for (const std::string target : {"/api/public/portal/initech", "/api/public/portal/nobody",
                                     "/api/public/portal/initech/roles/role_initech_eng_be"}) {
        const reply res = mock.client.get(target);
        INFO(target);
        CHECK(res.status == 404);
        CHECK(res.json().at("error").is_string());
        CHECK(res.json().as_object().size() == 1);
    }
}

TEST_CASE("portal: credentials are ignored and public routes are not rate limited") {
    mock::server_options options = plain_options();
    options.limit = {1, std::chrono::milliseconds{60'000}};
    plain_server mock{options};
    for (int i = 0; i < 5; ++i) CHECK(mock.client.get("/api/public/portal/acme", "tr_" + std::string(64, 'z')).status == 200);
    CHECK(mock.server.stats().rate_limited == 0);
    CHECK(mock.server.stats().requests_by_key.empty());
}

TEST_CASE("public job: {org, role} for an open public role of the org, else 404 (§7.6)") {
    plain_server mock;
    const reply res = mock.client.get("/api/public/portal/acme/roles/role_eng_be");
    REQUIRE(res.status == 200);
    const json::value job = res.json();
    CHECK(keys_of(job) == std::vector<std::string>{"org", "role"});
    CHECK(job.at("org").at("portalTheme") == json::parse(R"({"showSalary":true})"));
    CHECK(job.at("role").at("id") == "role_eng_be");
    CHECK(job.at("role").at("name") == "Senior Backend Engineer");

    const json::value hidden_salary = mock.client.get("/api/public/portal/globex/roles/role_globex_eng_be").json();
    CHECK_FALSE(hidden_salary.at("role").as_object().contains("salaryMin"));

    for (const std::string role : {"role_data", "role_sales", "role_support", "role_exec", "role_globex_eng_be", "nope"}) {
        const reply missing = mock.client.get("/api/public/portal/acme/roles/" + role);
        INFO(role);
        CHECK(missing.status == 404);
    }
}

TEST_CASE("apply: returns an invite URL, reused for the same role and locale (§7.7)") {
    plain_server mock;
    const reply first = apply(mock, "acme", R"({"roleId":"role_eng_be"})");
    REQUIRE(first.status == 200);
    const std::string url = text(first.json(), "inviteUrl");
    CHECK(url.rfind("https://app.talent-ray.com/en/signup/invite/inv_", 0) == 0);
    CHECK(text(apply(mock, "acme", R"({"roleId":"role_eng_be","locale":"en"})").json(), "inviteUrl") == url);

    const std::string german = text(apply(mock, "acme", R"({"roleId":"role_eng_be","locale":"de"})").json(), "inviteUrl");
    CHECK(german.rfind("https://app.talent-ray.com/de/signup/invite/inv_", 0) == 0);
    CHECK(text(apply(mock, "acme", R"({"roleId":"role_eng_fe"})").json(), "inviteUrl") != url);
    CHECK(mock.server.stats().executions("POST /api/public/portal/{orgSlug}/apply") == 4);
}

TEST_CASE("apply: 400 without roleId, 404 for closed jobs and disabled portals") {
    plain_server mock;
    for (const std::string body : {R"({})", R"({"roleId":""})", R"({"roleId":5})", "not json", ""}) {
        const reply res = apply(mock, "acme", body);
        INFO(body);
        CHECK(res.status == 400);
        CHECK(res.json().at("error").is_string());
    }
    CHECK(apply(mock, "acme", R"({})").json() == json::parse(R"({"error":"roleId is required"})"));
    CHECK(apply(mock, "acme", R"({"roleId":"role_eng_be","locale":"not a locale"})").status == 400);
    CHECK(apply(mock, "acme", R"({"roleId":"role_support"})").status == 404);
    CHECK(apply(mock, "acme", R"({"roleId":"role_globex_eng_be"})").status == 404);
    CHECK(apply(mock, "initech", R"({"roleId":"role_initech_eng_be"})").status == 404);
    CHECK(mock.server.stats().executions("POST /api/public/portal/{orgSlug}/apply") == 0);
}
