// GET /api/v1/me through client::me() and client::try_me() (§7.8).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

using namespace api_test;

TEST_CASE("me: the key's owner, the key and its scopes") {
    api_fixture fixture;
    const mock::seeded_key& key = fixture.keys().read_only;
    const tr::client c = fixture.client_for(key);

    const tr::me who = fixture.run(c.me());
    CHECK(who.user.id == key.owner_user_id);
    CHECK(who.user.email == "emma.ortiz@acme.com");
    CHECK(who.auth.type == "api_key");
    CHECK(who.auth.key_id == key.id);
    REQUIRE(who.auth.scopes);
    CHECK(*who.auth.scopes == key.scopes);

    CHECK(fixture.route_count("GET /api/v1/me") == 1);
    CHECK(fixture.last_request_of(key) == "GET /api/v1/me");

    const auto again = fixture.run(c.try_me());
    REQUIRE(again);
    CHECK(*again == who);
}

TEST_CASE("me: a refused key throws talentray::error naming the request") {
    api_fixture fixture;
    const tr::client c = fixture.client_with(unknown_key);
    try {
        fixture.run(c.me());
        FAIL("me() returned for an unknown key");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::unauthorized);
        CHECK(e.diag().http_status == 401);
        CHECK(e.diag().method == "GET");
        CHECK(e.diag().path == "/api/v1/me");
        CHECK_THAT(e.what(), Catch::StartsWith("GET /api/v1/me: HTTP 401"));
    }
}

TEST_CASE("me: without a key nothing is sent") {
    api_fixture fixture;
    const tr::client c = fixture.keyless_client();
    const auto who = fixture.run(c.try_me());
    REQUIRE_FALSE(who);
    CHECK(who.error().code == tr::errc::unauthorized);
    CHECK(who.error().diag.http_status == 0);
    CHECK(fixture.server.stats().requests == 0);
}
