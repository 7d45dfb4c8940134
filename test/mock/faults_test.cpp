// Fault injection as a raw client sees it, and as the counters report it.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

#include <boost/beast/http/error.hpp>

#include <thread>

using namespace mock_test;
using http::verb;
using namespace std::chrono_literals;

namespace {

mock::server_options with_faults(mock::fault_options faults, std::uint64_t seed = 1) {
    mock::server_options options = plain_options();
    options.faults = faults;
    options.seed = seed;
    return options;
}

const std::string create_body = R"({"fullName":"Fault Tolerant","organizationId":"org_acme"})";

}  // namespace

TEST_CASE("faults: server_error answers 500 internal_error without executing the request") {
    mock::fault_options faults;
    faults.server_error_rate = 1;
    plain_server mock{with_faults(faults)};
    const reply v1 = mock.client.checked(verb::post, "/api/v1/sourcing", with_body(mock.keys().employer.key, create_body));
    CHECK(v1.status == 500);
    CHECK(v1.json().at("error") == "internal_error");
    const reply legacy = mock.client.get("/api/admin/api-keys", mock.keys().admin.key);
    CHECK(legacy.status == 500);
    CHECK(legacy.json() == json::parse(R"({"error":"Internal server error"})"));

    const mock::stats_snapshot stats = mock.server.stats();
    CHECK(stats.faults.server_error == 2);
    CHECK(stats.executions("POST /api/v1/sourcing") == 0);
    CHECK(stats.route("POST /api/v1/sourcing") == 1);
    mock.server.set_faults({});
    CHECK(mock.client.get("/api/v1/sourcing/pc_501", mock.keys().employer.key).status == 404);
}

TEST_CASE("faults: drop_before_header closes without a response, after executing the request") {
    mock::fault_options faults;
    faults.drop_before_header_rate = 1;
    plain_server mock{with_faults(faults)};
    const reply res = mock.client.send(verb::post, "/api/v1/sourcing", with_body(mock.keys().employer.key, create_body));
    CHECK(res.error);
    CHECK_FALSE(res.header_received);
    const mock::stats_snapshot stats = mock.server.stats();
    CHECK(stats.faults.drop_before_header == 1);
    CHECK(stats.executions("POST /api/v1/sourcing") == 1);  // the response was lost, not the write
    mock.server.set_faults({});
    CHECK(mock.client.get("/api/v1/sourcing/pc_501", mock.keys().employer.key).status == 200);
}

TEST_CASE("faults: drop_after_header sends the header, then closes mid-body") {
    mock::fault_options faults;
    faults.drop_after_header_rate = 1;
    plain_server mock{with_faults(faults)};
    const reply res = mock.client.send(verb::get, "/api/v1/candidates", with_key(mock.keys().employer.key));
    CHECK(res.header_received);
    CHECK(res.status == 200);
    CHECK(res.content_length > 0);
    CHECK(res.body.empty());
    CHECK(res.error == boost::beast::http::error::partial_message);
    CHECK(mock.server.stats().faults.drop_after_header == 1);
}

TEST_CASE("faults: truncate_body announces N bytes and sends fewer") {
    mock::fault_options faults;
    faults.truncate_body_rate = 1;
    plain_server mock{with_faults(faults)};
    const reply res = mock.client.send(verb::get, "/api/v1/roles", with_key(mock.keys().employer.key));
    CHECK(res.header_received);
    CHECK(res.status == 200);
    CHECK(res.error == boost::beast::http::error::partial_message);
    CHECK(res.body.size() == res.content_length / 2);
    CHECK(res.body.size() > 0);
    CHECK(mock.server.stats().faults.truncate_body == 1);
}

TEST_CASE("faults: latency delays responses (counted, not timed)") {
    mock::fault_options faults;
    faults.latency = 50ms;
    plain_server mock{with_faults(faults)};
    for (int i = 0; i < 3; ++i) CHECK(mock.client.get("/api/v1/me", mock.keys().employer.key).status == 200);
    CHECK(mock.server.stats().faults.delayed == 3);
}

TEST_CASE("faults: close_after_requests closes a keep-alive connection silently after N responses") {
    mock::fault_options faults;
    faults.close_after_requests = 2;
    plain_server mock{with_faults(faults)};
    const reply first = mock.client.get("/api/v1/me", mock.keys().employer.key);
    const reply second = mock.client.get("/api/v1/me", mock.keys().employer.key);
    CHECK_FALSE(first.connection_reused);
    CHECK(second.connection_reused);
    CHECK(second.header("Connection").empty());  // not announced
    CHECK(mock.client.server_closed_connection(5s));
    CHECK(mock.server.stats().faults.close_after_requests == 1);
    CHECK(mock.server.stats().connections_accepted == 1);
}

TEST_CASE("faults: close_when_idle closes connections that wait too long for a request") {
    mock::fault_options faults;
    faults.close_when_idle = 100ms;
    plain_server mock{with_faults(faults)};
    CHECK(mock.client.get("/api/v1/me", mock.keys().employer.key).status == 200);
    CHECK(mock.client.server_closed_connection(5s));
    CHECK(eventually([&] { return mock.server.stats().faults.close_when_idle == 1; }));
}

TEST_CASE("faults: which request fails is decided by the seed and the request's sequence number") {
    mock::fault_options faults;
    faults.server_error_rate = 0.5;
    auto pattern = [&](std::uint64_t seed) {
        plain_server mock{with_faults(faults, seed)};
        std::string outcome;
        for (int i = 0; i < 64; ++i) outcome += mock.client.get("/api/v1/me", mock.keys().employer.key).status == 500 ? 'x' : '.';
        CHECK(mock.server.stats().faults.server_error == static_cast<std::uint64_t>(std::count(outcome.begin(), outcome.end(), 'x')));
        return outcome;
    };
    const std::string seed_one = pattern(1);
    CHECK(seed_one == pattern(1));
    CHECK(seed_one != pattern(2));
    CHECK(seed_one.find('x') != std::string::npos);
    CHECK(seed_one.find('.') != std::string::npos);
}

TEST_CASE("faults: set_faults validates and the stats route is never faulted") {
    plain_server mock;
    mock::fault_options bad;
    bad.server_error_rate = 0.7;
    bad.truncate_body_rate = 0.7;
    CHECK_THROWS_AS(mock.server.set_faults(bad), std::invalid_argument);
    CHECK(mock.client.get("/api/v1/me", mock.keys().employer.key).status == 200);

    mock::fault_options all;
    all.server_error_rate = 1;
    mock.server.set_faults(all);
    const reply stats = mock.client.get("/__mock/stats", mock.keys().admin.key);
    REQUIRE(stats.status == 200);
    const json::value body = stats.json();
    CHECK(body.at("requests") == 1);
    CHECK(body.at("requestsByRoute").at("GET /api/v1/me") == 1);
    CHECK(body.at("faults").at("serverError") == 0);
    CHECK(body.at("connectionsAccepted") == 1);
}
