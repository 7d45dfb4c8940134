// Whole lists through the groups' pagers: list(), members() and usage() read every page of the
// operation that list_page(), batch() and usage_page() read one page of.
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace api_test;

namespace {

template <class T>
asio::awaitable<std::vector<T>> drain(tr::pager<T> items) {
    std::vector<T> out;
    for (;;) {
        std::optional<T> item = co_await items.next();
        if (!item) break;
        out.push_back(std::move(*item));
    }
    co_return out;
}

template <class T>
asio::awaitable<std::vector<tr::page<T>>> drain_pages(tr::pager<T> items) {
    std::vector<tr::page<T>> out;
    for (;;) {
        std::optional<tr::page<T>> page = co_await items.next_page();
        if (!page) break;
        out.push_back(std::move(*page));
    }
    co_return out;
}

template <class T>
std::set<std::string> ids_of(const std::vector<T>& items) {
    std::set<std::string> ids;
    for (const T& item : items) ids.insert(item.id);
    return ids;
}

}  // namespace

TEST_CASE("candidates list: every page of the filtered list, each row once") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    tr::list_candidates_params params;
    params.role_id = "role_eng_be";
    params.page_size = 7;
    const auto total = fixture.run(employer.candidates().list_page(params)).pagination.total_count;
    REQUIRE(total > 7);

    const auto before = fixture.route_count("GET /api/v1/candidates");
    const std::vector<tr::candidate> all = fixture.run(drain(employer.candidates().list(params)));
    CHECK(static_cast<std::int64_t>(all.size()) == total);
    CHECK(ids_of(all).size() == all.size());
    for (const tr::candidate& c : all) {
        bool linked = false;
        for (const auto& link : c.roles) linked |= link.role_id == "role_eng_be";
        CHECK(linked);
    }
    CHECK(static_cast<std::int64_t>(fixture.route_count("GET /api/v1/candidates") - before) == (total + 6) / 7);
}

TEST_CASE("roles, tests and sourcing list: the whole list from the requested page on") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);

    tr::list_roles_params roles;
    roles.page_size = 5;
    const std::vector<tr::role> every_role = fixture.run(drain(admin.roles().list(roles)));
    CHECK(every_role.size() == 24);
    CHECK(ids_of(every_role).size() == 24);

    tr::list_tests_params tests;
    tests.page_size = 4;
    tests.page = 2;  // skips the first eight
    const std::vector<tr::test> later_tests = fixture.run(drain(admin.tests().list(tests)));
    CHECK(later_tests.size() == 18 - 8);

    tr::list_potential_candidates_params leads;
    leads.page_size = 20;
    tr::pager_options first_thirty;
    first_thirty.max_items = 30;
    const std::vector<tr::potential_candidate> some = fixture.run(drain(admin.sourcing().list(leads, first_thirty)));
    CHECK(some.size() == 30);
    CHECK(ids_of(some).size() == 30);
}

TEST_CASE("cv_screening members: every visible member, with the batch beside each page") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    tr::cv_screening_batch_params params;
    params.page_size = 10;
    const auto pages = fixture.run(drain_pages(employer.cv_screening().members("batch_2026_06_01", params)));
    REQUIRE(pages.size() == 3);
    std::vector<tr::potential_candidate> members;
    for (const auto& page : pages) {
        CHECK(page.info.envelope.at("batchId") == "batch_2026_06_01");
        CHECK(page.info.envelope.at("status") == "completed");
        members.insert(members.end(), page.items.begin(), page.items.end());
    }
    REQUIRE(members.size() == 25);
    CHECK(members.front().id == "pc_1");
    CHECK(members.back().id == "pc_25");
}

TEST_CASE("api_keys usage: the log newest first across cursor pages") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);
    tr::api_key_usage_params params;
    params.limit = 100;
    tr::pager_options first_250;
    first_250.max_items = 250;
    const auto rows = fixture.run(drain(admin.api_keys().usage(fixture.keys().employer.id, params, first_250)));
    REQUIRE(rows.size() == 250);
    CHECK(ids_of(rows).size() == 250);
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i].timestamp < rows[i - 1].timestamp);
    CHECK(fixture.route_count("GET /api/admin/api-keys/{id}/usage") == 3);
}

TEST_CASE("pagers: bad input throws at once; server refusals come from next()") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    tr::list_candidates_params too_big;
    too_big.page_size = 1000;
    CHECK_THROWS_AS(employer.candidates().list(too_big), tr::error);
    CHECK_THROWS_AS(employer.cv_screening().members(""), tr::error);
    CHECK_THROWS_AS(employer.api_keys().usage(""), tr::error);
    tr::pager_options no_window;
    no_window.window = 0;
    CHECK_THROWS_AS(employer.roles().list({}, no_window), tr::error);
    CHECK(fixture.server.stats().requests == 0);

    const tr::client scopeless = fixture.client_for(fixture.keys().no_scopes);
    try {
        fixture.run(drain(scopeless.tests().list()));
        FAIL("a key without tests:read listed tests");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::insufficient_scope);
        CHECK(e.diag().required_scopes == std::vector<std::string>{"tests:read"});
    }
}
