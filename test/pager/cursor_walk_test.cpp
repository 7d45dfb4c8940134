#include "pager/cursor_walk.hpp"

#include "walk_pages.hpp"

#include <catch2/catch.hpp>

using namespace talentray;
using pager_test::newest_first;
using pager_test::usage;
using detail::cursor_walk;
using detail::open_action;
using pager_test::cursor_key;
using pager_test::make_cursor_page;

namespace {

detail::opened_page opened(const detail::page_key& key, const detail::raw_page& page) {
    return {key, page.row_count(), page.offset, page.cursor, page.next_before_text};
}

}  // namespace

TEST_CASE("cursor walk: each cursor comes from the page before: 1 ms after its oldest row when rows have fractions",
          "[pager][cursor_walk]") {
    cursor_walk walk = newest_first(3);
    CHECK(!walk.parallel());
    auto first = walk.next_request();
    REQUIRE(first);
    CHECK(!first->before);
    CHECK(walk.request_for(*first).query == query_params{{"limit", "3"}});
    walk.on_requested(*first);
    CHECK(!walk.next_request());  // the next cursor is not known yet

    walk.on_arrival(*first, make_cursor_page(3, 3, "2026-06-04T15:20:00.500Z"));
    auto second = walk.next_request();
    REQUIRE(second);
    CHECK(second->before == "2026-06-04T15:20:00.501Z");
    CHECK(walk.request_for(*second).query == query_params{{"limit", "3"}, {"before", "2026-06-04T15:20:00.501Z"}});
    walk.on_requested(*second);

    walk.on_arrival(*second, make_cursor_page(1, 3, std::nullopt));
    CHECK(!walk.next_request());
    CHECK(!walk.stalled());
}

TEST_CASE("cursor walk: an empty page with hasMore is not the end", "[pager][cursor_walk]") {
    cursor_walk walk = newest_first(5);
    auto first = walk.next_request();
    walk.on_requested(*first);
    walk.on_arrival(*first, make_cursor_page(0, 5, "2026-06-01T00:00:00Z"));
    CHECK(walk.open(*first, make_cursor_page(0, 5, "2026-06-01T00:00:00Z")).action == open_action::accept);
    auto next = walk.next_request();
    REQUIRE(next);
    CHECK(next->before == "2026-06-01T00:00:00Z");
}

TEST_CASE("cursor walk: a cursor that does not move back in time stalls", "[pager][cursor_walk]") {
    const std::string before = "2026-06-04T15:20:00Z";
    for (std::optional<std::string> next : {std::optional<std::string>{before},
                                            std::optional<std::string>{"2026-06-04T15:20:00.001Z"}}) {
        cursor_walk walk{usage(), 2, before, timestamp::parse(before).value()};
        auto key = walk.next_request();
        REQUIRE(key);
        CHECK(key->before == before);
        walk.on_requested(*key);
        const auto page = make_cursor_page(2, 2, next);
        walk.on_arrival(*key, page);
        CHECK(!walk.next_request());
        REQUIRE(walk.stalled());
        CHECK(walk.stalled()->code == errc::pagination_stalled);
        CHECK_THAT(walk.stalled()->diag.client_message, Catch::Contains("not older"));
        CHECK(walk.stalled()->diag.path == "/api/admin/api-keys/apikey_employer/usage");

        // The stalled page itself is handed out; a checkpoint after it stays on it.
        auto handed = page;
        CHECK(walk.open(*key, handed).action == open_action::accept);
        CHECK(walk.drop_delivered(*key, handed) == 0);
        const auto at_end = opened(*key, handed);
        const pager_checkpoint checkpoint = walk.checkpoint(&at_end, 2);
        CHECK(checkpoint.before == before);
        CHECK(checkpoint.boundary_ids.size() == 1);
        CHECK(!checkpoint.done);
    }
}

TEST_CASE("cursor walk: hasMore without nextBefore stalls", "[pager][cursor_walk]") {
    cursor_walk walk = newest_first(2);
    auto key = walk.next_request();
    walk.on_requested(*key);
    auto page = make_cursor_page(2, 2, std::nullopt);
    page.cursor->has_more = true;
    walk.on_arrival(*key, page);
    REQUIRE(walk.stalled());
    CHECK(walk.stalled()->code == errc::pagination_stalled);
    CHECK_THAT(walk.stalled()->diag.client_message, Catch::Contains("nextBefore is missing"));
}

TEST_CASE("cursor walk: arrivals of older requests are ignored", "[pager][cursor_walk]") {
    cursor_walk walk = newest_first(2);
    auto key = walk.next_request();
    walk.on_requested(*key);
    walk.on_arrival(cursor_key("2026-01-01T00:00:00Z"), make_cursor_page(2, 2, std::nullopt));
    CHECK(!walk.next_request());  // still waiting for its own page
    walk.on_arrival(*key, make_cursor_page(2, 2, "2026-06-01T00:00:00Z"));
    CHECK(walk.next_request());
}

TEST_CASE("cursor walk: more rows than the limit is an invalid page", "[pager][cursor_walk]") {
    cursor_walk walk = newest_first(2);
    auto key = walk.next_request();
    auto verdict = walk.open(*key, make_cursor_page(3, 2, std::nullopt));
    CHECK(verdict.action == open_action::refetch);
    CHECK(verdict.error.code == errc::invalid_response);
}

TEST_CASE("cursor walk: checkpoints name the oldest row handed out and the ids handed out at its time",
          "[pager][cursor_walk]") {
    cursor_walk walk = newest_first(3);
    CHECK(!walk.checkpoint(nullptr, 0).before);
    CHECK(walk.checkpoint(nullptr, 0).style == pagination_style::cursor);
    CHECK(walk.checkpoint(nullptr, 0).page_size == 3);
    CHECK(!walk.checkpoint(nullptr, 0).boundary_at);

    const auto key = cursor_key("2026-06-04T15:20:00Z");
    auto page = make_cursor_page(3, 3, "2026-06-04T15:10:00Z");  // rows at :02, :01, :00
    CHECK(walk.drop_delivered(key, page) == 0);
    const auto at = opened(key, page);
    CHECK(walk.checkpoint(&at, 0).before == "2026-06-04T15:20:00Z");
    CHECK(!walk.checkpoint(&at, 0).boundary_at);
    CHECK(walk.checkpoint(&at, 1).before == "2026-06-04T15:10:03Z");
    CHECK(walk.checkpoint(&at, 1).boundary_at == "2026-06-04T15:10:02Z");
    CHECK(walk.checkpoint(&at, 1).boundary_ids == std::vector<std::string>{"usage_0"});
    CHECK(walk.checkpoint(&at, 1).skip == 0);
    CHECK(walk.checkpoint(&at, 3).before == "2026-06-04T15:10:01Z");
    CHECK(walk.checkpoint(&at, 3).boundary_at == "2026-06-04T15:10:00Z");
    CHECK(walk.checkpoint(&at, 3).boundary_ids == std::vector<std::string>{"usage_2"});

    auto last_page = make_cursor_page(2, 3, std::nullopt);
    walk.drop_delivered(key, last_page);
    const auto last = opened(key, last_page);
    CHECK(walk.checkpoint(&last, 2).done);
    CHECK(!walk.checkpoint(&last, 1).done);
}
