// /api/admin/api-keys through client::api_keys(): create, list, revoke, usage_page (§7.1-7.4).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace api_test;

namespace {

tr::create_api_key_request reporting_key() {
    tr::create_api_key_request request;
    request.name = "Acme reporting";
    request.user_id = "user_employer";
    request.expires_in_days = 30;
    request.scopes = std::vector<std::string>{"candidates:read"};
    return request;
}

bool listed(const std::vector<tr::api_key>& keys, const std::string& id) {
    return std::any_of(keys.begin(), keys.end(), [&](const tr::api_key& k) { return k.id == id; });
}

}  // namespace

TEST_CASE("api_keys: a minted key works, is listed without its secret, and dies when revoked") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);

    const tr::created_api_key created = fixture.run(admin.api_keys().create(reporting_key()));
    CHECK(created.name == "Acme reporting");
    CHECK(created.user_id == "user_employer");
    CHECK(created.key.size() == 67);
    CHECK(created.key.starts_with("tr_"));
    CHECK(created.prefix == "tr_");
    CHECK(created.key.starts_with(created.start));
    CHECK(created.expires_at > tr::timestamp::now());
    CHECK(fixture.server.stats().executions("POST /api/admin/api-keys") == 1);
    CHECK(fixture.route_count("POST /api/admin/api-keys") == 1);

    const tr::client minted = fixture.client_with(created.key);
    const tr::me who = fixture.run(minted.me());
    CHECK(who.user.id == "user_employer");
    CHECK(who.auth.key_id == created.id);
    CHECK(who.auth.scopes == std::vector<std::string>{"candidates:read"});

    const std::vector<tr::api_key> keys = fixture.run(admin.api_keys().list());
    CHECK(listed(keys, created.id));
    CHECK(listed(keys, fixture.keys().employer.id));
    for (const tr::api_key& k : keys) CHECK(k.start.size() < 67);

    fixture.run(admin.api_keys().revoke(created.id));
    CHECK(fixture.server.stats().executions("DELETE /api/admin/api-keys/{id}") == 1);
    const auto refused = fixture.run(minted.try_me());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::unauthorized);
    CHECK_FALSE(listed(fixture.run(admin.api_keys().list()), created.id));

    const auto twice = fixture.run(admin.api_keys().try_revoke(created.id));
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == tr::errc::not_found);
    CHECK(twice.error().diag.api_message == "API key not found");
}

TEST_CASE("api_keys create: 400 and 404 with the server's message; local refusals") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);

    tr::create_api_key_request unknown_scope = reporting_key();
    unknown_scope.scopes = std::vector<std::string>{"payroll:read"};
    const auto invalid = fixture.run(admin.api_keys().try_create(unknown_scope));
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == tr::errc::bad_request);
    CHECK_THAT(invalid.error().diag.api_message, Catch::Contains("payroll:read"));

    tr::create_api_key_request unknown_user = reporting_key();
    unknown_user.user_id = "user_nope";
    const auto missing = fixture.run(admin.api_keys().try_create(unknown_user));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == tr::errc::not_found);

    tr::create_api_key_request unnamed = reporting_key();
    unnamed.name.clear();
    const auto refused = fixture.run(admin.api_keys().try_create(unnamed));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_argument);
    CHECK_THAT(refused.error().diag.client_message, Catch::Contains("name"));
    CHECK(fixture.route_count("POST /api/admin/api-keys") == 2);
    CHECK(fixture.server.stats().executions("POST /api/admin/api-keys") == 0);
}

TEST_CASE("api_keys usage_page: newest first, following next_before without gaps or repeats") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);
    const std::string employer = fixture.keys().employer.id;

    tr::api_key_usage_params params;
    params.limit = 50;
    const tr::api_key_usage first = fixture.run(admin.api_keys().usage_page(employer, params));
    CHECK(first.key.id == employer);
    CHECK(first.key.owner.id == "user_employer");
    REQUIRE(first.rows.size() == 50);
    CHECK(first.pagination.limit == 50);
    CHECK(first.pagination.has_more);
    REQUIRE(first.pagination.next_before);
    CHECK(*first.pagination.next_before == first.rows.back().timestamp);
    for (std::size_t i = 1; i < first.rows.size(); ++i) CHECK(first.rows[i].timestamp < first.rows[i - 1].timestamp);

    params.before = first.pagination.next_before;
    const auto second = fixture.run(admin.api_keys().try_usage_page(employer, params));
    REQUIRE(second);
    REQUIRE_FALSE(second->rows.empty());
    CHECK(second->rows.front().timestamp < first.rows.back().timestamp);
    CHECK(second->rows.front().id != first.rows.back().id);

    const auto missing = fixture.run(admin.api_keys().try_usage_page("apikey_nope"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == tr::errc::not_found);

    params.limit = 0;
    const auto refused = fixture.run(admin.api_keys().try_usage_page(employer, params));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_argument);
    CHECK(fixture.route_count("GET /api/admin/api-keys/{id}/usage") == 3);
}
