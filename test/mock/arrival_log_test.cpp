// The arrival log of the stats (every authenticated request, admitted or refused, with its time,
// status and User-Agent) and the injected 429 a test can place on the Nth request of a key.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;
using http::verb;

namespace {

request_options as_agent(const std::string& key, const std::string& agent) {
    request_options options = with_key(key);
    options.headers.emplace_back("User-Agent", agent);
    return options;
}

}  // namespace

TEST_CASE("arrival log: each authenticated request with its time, status and User-Agent; never the key") {
    mock::server_options options = plain_options();
    options.limit = {2, std::chrono::milliseconds{60'000}};
    plain_server mock{options};
    const std::string& key = mock.keys().employer.key;
    CHECK(mock.client.send(verb::get, "/api/v1/me", as_agent(key, "alpha/1")).status == 200);
    CHECK(mock.client.send(verb::get, "/api/v1/me", as_agent(key, "beta/2")).status == 200);
    CHECK(mock.client.send(verb::get, "/api/v1/me", as_agent(key, "alpha/1")).status == 429);
    CHECK(mock.client.get("/api/v1/me").status == 401);  // no key: not a key's arrival

    const mock::stats_snapshot stats = mock.server.stats();
    REQUIRE(stats.arrivals.size() == 3);
    CHECK(stats.arrivals_dropped == 0);
    const std::vector<unsigned> statuses{stats.arrivals[0].status, stats.arrivals[1].status, stats.arrivals[2].status};
    CHECK(statuses == std::vector<unsigned>{200, 200, 429});
    CHECK(stats.arrivals[0].user_agent == "alpha/1");
    CHECK(stats.arrivals[1].user_agent == "beta/2");
    CHECK(stats.arrivals[2].user_agent == "alpha/1");
    for (const auto& arrival : stats.arrivals) CHECK(arrival.key_id == "apikey_employer");
    CHECK(stats.arrivals[0].at.count() >= 0);
    CHECK(stats.arrivals[0].at <= stats.arrivals[1].at);
    CHECK(stats.arrivals[1].at <= stats.arrivals[2].at);

    // The stats route carries the same log, and no key.
    const reply route = mock.client.get("/__mock/stats", mock.keys().admin.key);
    REQUIRE(route.status == 200);
    CHECK(route.body.find(key) == std::string::npos);
    const json::value body = route.json();
    const json::array& arrivals = body.at("arrivals").as_array();
    REQUIRE(arrivals.size() == 3);
    CHECK(integer(arrivals[2], "atUs") == stats.arrivals[2].at.count());
    CHECK(text(arrivals[2], "keyId") == "apikey_employer");
    CHECK(integer(arrivals[2], "status") == 429);
    CHECK(text(arrivals[1], "userAgent") == "beta/2");
    CHECK(body.at("arrivalsDropped") == 0);
    CHECK(body.at("rateLimited") == 1);  // the fields that were there are still there
}

TEST_CASE("arrival log: keeps the last arrival_log_capacity arrivals and counts the dropped") {
    mock::server_options options = plain_options();
    options.arrival_log_capacity = 2;
    plain_server mock{options};
    for (const char* agent : {"one", "two", "three"})
        CHECK(mock.client.send(verb::get, "/api/v1/me", as_agent(mock.keys().employer.key, agent)).status == 200);
    const mock::stats_snapshot stats = mock.server.stats();
    REQUIRE(stats.arrivals.size() == 2);
    CHECK(stats.arrivals[0].user_agent == "two");
    CHECK(stats.arrivals[1].user_agent == "three");
    CHECK(stats.arrivals_dropped == 1);
}

TEST_CASE("too_many_requests_at: the Nth request of each key, only it, gets 429 with the set Retry-After") {
    mock::server_options options = plain_options();
    options.limit = {0, std::chrono::milliseconds{1000}};  // unlimited: the injected 429 is the only one
    options.faults.too_many_requests_at = 3;
    options.faults.too_many_requests_retry_after = std::chrono::seconds{2};
    plain_server mock{options};
    std::vector<unsigned> employer, read_only;
    reply refused;
    for (int i = 0; i < 5; ++i) {
        reply answer = mock.client.get("/api/v1/me", mock.keys().employer.key);
        employer.push_back(answer.status);
        if (answer.status == 429) refused = std::move(answer);
    }
    for (int i = 0; i < 4; ++i) read_only.push_back(mock.client.get("/api/v1/me", mock.keys().read_only.key).status);
    CHECK(employer == std::vector<unsigned>{200, 200, 429, 200, 200});
    CHECK(read_only == std::vector<unsigned>{200, 200, 429, 200});
    CHECK(refused.header("Retry-After") == "2");
    CHECK(refused.json().at("error") == "rate_limited");
    const mock::stats_snapshot stats = mock.server.stats();
    CHECK(stats.rate_limited == 2);
    CHECK(stats.requests_by_key.at("apikey_employer") == 5);
    CHECK(stats.arrivals.size() == 9);
}

TEST_CASE("too_many_requests_at: a Retry-After below 1 s is refused, naming the option") {
    mock::fault_options faults;
    faults.too_many_requests_at = 1;
    faults.too_many_requests_retry_after = std::chrono::seconds{0};
    CHECK_THROWS_WITH(mock::validate(faults), Catch::Contains("too_many_requests_retry_after"));
    faults.too_many_requests_at = 0;
    CHECK_NOTHROW(mock::validate(faults));
}
