// The per-key rate limit over HTTP: exact admission counts, Retry-After, no execution when limited.
// (The window arithmetic itself is tested in virtual time in mock_logic_test.cpp.)
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace mock_test;
using http::verb;

namespace {

mock::server_options limited(std::size_t requests, std::chrono::milliseconds window, bool headers = false) {
    mock::server_options options = plain_options();
    options.limit = {requests, window};
    options.rate_limit_headers = headers;
    return options;
}

}  // namespace

TEST_CASE("rate limit: exactly N requests per window are admitted; then 429 with Retry-After") {
    // A long window, so a slow machine cannot let admissions expire during the burst.
    plain_server mock{limited(5, std::chrono::milliseconds{60'000})};
    const std::string& key = mock.keys().employer.key;
    std::vector<unsigned> statuses;
    reply limited_reply;
    for (int i = 0; i < 8; ++i) {
        reply res = mock.client.get("/api/v1/me", key);
        statuses.push_back(res.status);
        if (res.status == 429) limited_reply = std::move(res);
    }
    CHECK(statuses == std::vector<unsigned>{200, 200, 200, 200, 200, 429, 429, 429});
    CHECK(limited_reply.json().at("error") == "rate_limited");
    const std::string retry_after = limited_reply.header("Retry-After");
    REQUIRE_FALSE(retry_after.empty());
    CHECK(std::all_of(retry_after.begin(), retry_after.end(), [](char c) { return c >= '0' && c <= '9'; }));
    CHECK(std::stoi(retry_after) >= 50);  // seconds until the first admission leaves the window
    CHECK(std::stoi(retry_after) <= 60);
    CHECK(limited_reply.header("RateLimit").empty());  // IETF headers are off by default

    const mock::stats_snapshot stats = mock.server.stats();
    CHECK(stats.rate_limited == 3);
    CHECK(stats.requests_by_key.at("apikey_employer") == 8);
    CHECK(stats.responses_by_status.at(429) == 3);

    // Another key has its own budget.
    CHECK(mock.client.get("/api/v1/me", mock.keys().read_only.key).status == 200);
}

TEST_CASE("rate limit: waiting Retry-After seconds is enough to be admitted again") {
    plain_server mock{limited(1, std::chrono::milliseconds{2000})};
    const std::string& key = mock.keys().employer.key;
    REQUIRE(mock.client.get("/api/v1/me", key).status == 200);
    const reply limited_reply = mock.client.get("/api/v1/me", key);
    REQUIRE(limited_reply.status == 429);
    const int seconds = std::stoi(limited_reply.header("Retry-After"));
    CHECK(seconds >= 1);
    CHECK(seconds <= 2);
    std::this_thread::sleep_for(std::chrono::seconds{seconds});
    CHECK(mock.client.get("/api/v1/me", key).status == 200);
}

TEST_CASE("rate limit: limited requests are not executed and not logged") {
    plain_server mock{limited(2, std::chrono::milliseconds{60'000})};
    const std::string& key = mock.keys().employer.key;
    const std::string patch = R"({"status":"Active"})";
    CHECK(mock.client.checked(verb::patch, "/api/v1/candidates/cand_2", with_body(key, patch)).status == 200);
    CHECK(mock.client.checked(verb::patch, "/api/v1/candidates/cand_2", with_body(key, patch)).status == 200);
    const reply limited_patch = mock.client.checked(verb::patch, "/api/v1/candidates/cand_2", with_body(key, patch));
    CHECK(limited_patch.status == 429);
    CHECK(std::stoi(limited_patch.header("Retry-After")) >= 59);
    CHECK(mock.server.stats().executions("PATCH /api/v1/candidates/{id}") == 2);

    const json::value usage = mock.client.get("/api/admin/api-keys/apikey_employer/usage", mock.keys().admin.key).json();
    CHECK(usage.at("data").at("key").at("requestCount") == 3002);
}

TEST_CASE("rate limit: legacy endpoints answer 429 in their dialect; portal is never limited") {
    plain_server mock{limited(1, std::chrono::milliseconds{60'000})};
    CHECK(mock.client.get("/api/admin/api-keys", mock.keys().admin.key).status == 200);
    const reply limited_reply = mock.client.get("/api/admin/api-keys", mock.keys().admin.key);
    CHECK(limited_reply.status == 429);
    CHECK(limited_reply.json() == json::parse(R"({"error":"Too many requests"})"));
    CHECK(mock.client.get("/api/public/portal/acme").status == 200);
    CHECK(mock.client.get("/api/public/portal/acme").status == 200);
}

TEST_CASE("rate limit: optional IETF-draft RateLimit headers describe the policy and what is left") {
    plain_server mock{limited(3, std::chrono::milliseconds{10'000}, true)};
    const reply first = mock.client.get("/api/v1/me", mock.keys().employer.key);
    CHECK(first.header("RateLimit-Policy") == "\"default\";q=3;w=10");
    CHECK(first.header("RateLimit") == "\"default\";r=2;t=10");
    mock.client.get("/api/v1/me", mock.keys().employer.key);
    const reply third = mock.client.get("/api/v1/me", mock.keys().employer.key);
    CHECK(third.header("RateLimit").rfind("\"default\";r=0;t=", 0) == 0);
    const reply fourth = mock.client.get("/api/v1/me", mock.keys().employer.key);
    CHECK(fourth.status == 429);
    CHECK(fourth.header("RateLimit").rfind("\"default\";r=0;t=", 0) == 0);
}

TEST_CASE("rate limit: set_rate_limit applies to later requests; 0 means unlimited") {
    plain_server mock{limited(1, std::chrono::milliseconds{60'000})};
    const std::string& key = mock.keys().employer.key;
    CHECK(mock.client.get("/api/v1/me", key).status == 200);
    CHECK(mock.client.get("/api/v1/me", key).status == 429);
    mock.server.set_rate_limit({0, std::chrono::milliseconds{60'000}});
    for (int i = 0; i < 20; ++i) CHECK(mock.client.get("/api/v1/me", key).status == 200);
    mock.server.set_rate_limit({2, std::chrono::milliseconds{60'000}});
    CHECK(mock.client.get("/api/v1/me", key).status == 200);
    CHECK(mock.client.get("/api/v1/me", key).status == 200);
    CHECK(mock.client.get("/api/v1/me", key).status == 429);
    CHECK_THROWS_AS(mock.server.set_rate_limit({5, std::chrono::milliseconds{0}}), std::invalid_argument);
}
