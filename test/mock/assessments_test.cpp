// /api/v1/tests: list, get, PATCH (§7.17-7.19). (Named "assessments" to keep "test" for tests.)
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace mock_test;
using http::verb;

namespace {

std::set<std::string> test_ids(plain_server& mock, const std::string& key, const std::string& query = "?pageSize=100") {
    const reply res = mock.client.get("/api/v1/tests" + query, key);
    REQUIRE(res.status == 200);
    std::set<std::string> ids;
    const json::value page = res.json();  // range-for must not walk into a temporary
    for (const json::value& test : page.at("data").as_array()) ids.insert(text(test, "id"));
    return ids;
}

}  // namespace

TEST_CASE("tests list: the documented shape; isPublic exactly when no organization (§7.17)") {
    plain_server mock;
    const json::value page = mock.client.get("/api/v1/tests?pageSize=100", mock.keys().admin.key).json();
    CHECK(page.at("pagination").at("totalCount") == 18);
    const json::value& first = page.at("data").at(0);
    CHECK(keys_of(first) == std::vector<std::string>{"id", "name", "type", "description", "duration", "targetPersona",
                                                     "analysisCategory", "language", "isPublic", "organizationIds",
                                                     "createdAt", "updatedAt"});
    CHECK(first.at("id") == "test_js");
    CHECK(first.at("name") == "JavaScript Fundamentals");
    CHECK(first.at("organizationIds") == json::parse(R"(["org_acme"])"));
    for (const json::value& test : page.at("data").as_array())
        CHECK(test.at("isPublic").as_bool() == test.at("organizationIds").as_array().empty());
}

TEST_CASE("tests: others see their organization's tests plus the public ones") {
    plain_server mock;
    const std::set<std::string> employer = test_ids(mock, mock.keys().employer.key);
    CHECK(employer.contains("test_js"));
    CHECK(employer.contains("test_python"));  // acme and globex
    CHECK(employer.contains("test_logic"));   // public
    CHECK_FALSE(employer.contains("test_sql"));  // globex only
    CHECK_FALSE(employer.contains("test_go"));   // initech only
    CHECK(test_ids(mock, mock.keys().hiring_manager.key) == employer);
    CHECK(mock.client.get("/api/v1/tests/test_sql", mock.keys().employer.key).status == 404);
    CHECK(mock.client.get("/api/v1/tests/test_sql", mock.keys().admin.key).status == 200);
}

TEST_CASE("tests list: type, analysisCategory and language filters") {
    plain_server mock;
    const std::string& key = mock.keys().admin.key;
    CHECK(test_ids(mock, key, "?type=coding") == std::set<std::string>{"test_sql", "test_react", "test_go"});
    CHECK(test_ids(mock, key, "?language=tr") == std::set<std::string>{"test_safety", "test_turkish"});
    CHECK(test_ids(mock, key, "?analysisCategory=cognitive&language=fr") == std::set<std::string>{"test_numerical"});
}

TEST_CASE("test get: metadata only, UTF-8 intact (§7.18)") {
    plain_server mock;
    const json::value test = mock.client.get("/api/v1/tests/test_turkish", mock.keys().employer.key).json();
    CHECK(test.at("name") == "Türkçe İş Yazışmaları");
    CHECK(test.at("targetPersona").is_null());
    CHECK_FALSE(test.as_object().contains("questions"));
    CHECK(mock.client.get("/api/v1/tests/test_nope", mock.keys().employer.key).status == 404);
}

TEST_CASE("test update: partial and persisted; global tests are admin-only (§7.19)") {
    plain_server mock;
    const std::string& key = mock.keys().employer.key;
    const reply res = mock.client.checked(
        verb::patch, "/api/v1/tests/test_js", with_body(key, R"({"duration":45,"targetPersona":null,"language":"de"})"));
    REQUIRE(res.status == 200);
    const json::value test = res.json();
    CHECK(test.at("duration") == 45);
    CHECK(test.at("targetPersona").is_null());
    CHECK(test.at("language") == "de");
    CHECK(test.at("name") == "JavaScript Fundamentals");
    CHECK(mock.client.get("/api/v1/tests/test_js", key).json() == test);

    const reply global = mock.client.checked(verb::patch, "/api/v1/tests/test_logic", with_body(key, R"({"duration":10})"));
    CHECK(global.status == 403);
    CHECK(global.json().at("error") == "forbidden");
    CHECK(mock.client.checked(verb::patch, "/api/v1/tests/test_logic", with_body(mock.keys().admin.key, R"({"duration":10})"))
              .status == 200);
    CHECK(mock.client.checked(verb::patch, "/api/v1/tests/test_js",
                              with_body(mock.keys().hiring_manager.key, R"({"duration":10})"))
              .status == 403);
    CHECK(mock.server.stats().executions("PATCH /api/v1/tests/{id}") == 2);
}

TEST_CASE("test update: wrong types are 400 naming each field") {
    plain_server mock;
    const reply res = mock.client.checked(
        verb::patch, "/api/v1/tests/test_js",
        with_body(mock.keys().employer.key, R"({"duration":"long","language":"eng","description":null,"type":""})"));
    REQUIRE(res.status == 400);
    CHECK(res.json().at("details") == json::parse(R"(["description must be a string","type must be a non-empty string",
        "duration must be an integer between 1 and 1440","language must be a two-letter ISO 639-1 code"])"));
    CHECK(mock.client.checked(verb::patch, "/api/v1/tests/test_js", with_body(mock.keys().employer.key, R"({"x":1})")).status ==
          400);
    CHECK(mock.client.checked(verb::patch, "/api/v1/tests/test_sql", with_body(mock.keys().employer.key, R"({"duration":5})"))
              .status == 404);
}
