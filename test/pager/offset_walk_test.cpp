#include "pager/offset_walk.hpp"

#include "walk_pages.hpp"

#include <catch2/catch.hpp>

using namespace talentray;
using detail::offset_walk;
using detail::open_action;
using pager_test::offset_key;
using pager_test::make_offset_page;

namespace {

request_spec candidates() {
    request_spec spec;
    spec.path = "/api/v1/candidates";
    spec.query = {{"roleId", "role_eng_be"}};
    return spec;
}

/// Requests every page the walk offers now; returns them.
std::vector<std::int64_t> request_all(offset_walk& walk) {
    std::vector<std::int64_t> pages;
    while (auto key = walk.next_request()) {
        walk.on_requested(*key);
        pages.push_back(key->page);
    }
    return pages;
}

}  // namespace

TEST_CASE("offset walk: one request until the size is known, then the rest", "[pager][offset_walk]") {
    offset_walk walk{candidates(), 10, 0};
    CHECK(!walk.parallel());
    CHECK(request_all(walk) == std::vector<std::int64_t>{0});
    CHECK(request_all(walk).empty());

    walk.on_arrival(offset_key(0), make_offset_page(0, 10, 35, 10));
    CHECK(walk.parallel());
    CHECK(walk.total_count() == 35);
    CHECK(walk.total_pages() == 4);
    CHECK(request_all(walk) == std::vector<std::int64_t>{1, 2, 3});

    const request_spec request = walk.request_for(offset_key(2));
    CHECK(request.query == query_params{{"roleId", "role_eng_be"}, {"page", "2"}, {"pageSize", "10"}});

    for (std::int64_t p = 0; p < 4; ++p) {
        const auto rows = p < 3 ? 10u : 5u;
        CHECK(walk.open(offset_key(p), make_offset_page(p, 10, 35, rows)).action == open_action::accept);
    }
    const detail::opened_page last{offset_key(3), 5, offset_pagination{3, 10, 35, 4}, {}, {}};
    CHECK(walk.checkpoint(&last, 5).done);
}

TEST_CASE("offset walk: an empty list costs one request and ends", "[pager][offset_walk]") {
    offset_walk walk{candidates(), 20, 0};
    CHECK(request_all(walk) == std::vector<std::int64_t>{0});
    walk.on_arrival(offset_key(0), make_offset_page(0, 20, 0, 0));
    CHECK(walk.total_pages() == 0);
    CHECK(request_all(walk).empty());
    CHECK(walk.open(offset_key(0), make_offset_page(0, 20, 0, 0)).action == open_action::accept);
    const detail::opened_page opened{offset_key(0), 0, offset_pagination{0, 20, 0, 0}, {}, {}};
    const pager_checkpoint checkpoint = walk.checkpoint(&opened, 0);
    CHECK(checkpoint.done);
    CHECK(checkpoint.total_count == 0);
}

TEST_CASE("offset walk: a page that contradicts itself or the request is fetched again", "[pager][offset_walk]") {
    offset_walk walk{candidates(), 10, 0};
    request_all(walk);
    walk.on_arrival(offset_key(0), make_offset_page(0, 10, 30, 10));

    auto wrong_page = make_offset_page(0, 10, 30, 10);
    wrong_page.offset->page = 1;
    auto verdict = walk.open(offset_key(0), wrong_page);
    CHECK(verdict.action == open_action::refetch);
    CHECK(verdict.error.code == errc::invalid_response);
    CHECK_THAT(verdict.error.diag.client_message, Catch::Contains("answered page 1"));
    CHECK(verdict.error.diag.path == "/api/v1/candidates");

    auto clamped = make_offset_page(0, 10, 30, 10);
    clamped.offset->page_size = 5;
    CHECK(walk.open(offset_key(0), clamped).action == open_action::refetch);

    auto bad_total_pages = make_offset_page(0, 10, 30, 10);
    bad_total_pages.offset->total_pages = 4;
    CHECK(walk.open(offset_key(0), bad_total_pages).action == open_action::refetch);

    verdict = walk.open(offset_key(0), make_offset_page(0, 10, 30, 9));
    CHECK(verdict.action == open_action::refetch);
    CHECK_THAT(verdict.error.diag.client_message, Catch::Contains("holds 9 rows") && Catch::Contains("implies 10"));

    CHECK(walk.open(offset_key(0), make_offset_page(0, 10, 30, 10)).action == open_action::accept);
}

TEST_CASE("offset walk: a changed total is reported once, then adopted", "[pager][offset_walk]") {
    offset_walk walk{candidates(), 10, 0};
    request_all(walk);
    walk.on_arrival(offset_key(0), make_offset_page(0, 10, 40, 10));
    CHECK(request_all(walk) == std::vector<std::int64_t>{1, 2, 3});
    CHECK(walk.open(offset_key(0), make_offset_page(0, 10, 40, 10)).action == open_action::accept);

    // The list shrank to 15 rows: page 1 says so.
    auto verdict = walk.open(offset_key(1), make_offset_page(1, 10, 15, 5));
    CHECK(verdict.action == open_action::report);
    CHECK(verdict.error.code == errc::list_changed);
    CHECK_THAT(verdict.error.diag.client_message, Catch::Contains("list changed") && Catch::Contains("was 40, now 15"));
    CHECK(walk.total_count() == 40);

    CHECK(walk.open(offset_key(1), make_offset_page(1, 10, 15, 5)).action == open_action::accept);
    CHECK(walk.total_count() == 15);
    CHECK(walk.total_pages() == 2);
    CHECK(!walk.wanted(offset_key(2)));  // requested before the shrink: dropped
    CHECK(!walk.wanted(offset_key(3)));
    CHECK(request_all(walk).empty());

    // Then it grows: the walk follows after reporting it.
    offset_walk growing{candidates(), 10, 0};
    request_all(growing);
    growing.on_arrival(offset_key(0), make_offset_page(0, 10, 20, 10));
    CHECK(request_all(growing) == std::vector<std::int64_t>{1});
    CHECK(growing.open(offset_key(0), make_offset_page(0, 10, 20, 10)).action == open_action::accept);
    CHECK(growing.open(offset_key(1), make_offset_page(1, 10, 25, 10)).action == open_action::report);
    CHECK(growing.open(offset_key(1), make_offset_page(1, 10, 25, 10)).action == open_action::accept);
    CHECK(request_all(growing) == std::vector<std::int64_t>{2});
}

TEST_CASE("offset walk: a checkpoint's count is what the first page is checked against", "[pager][offset_walk]") {
    offset_walk walk{candidates(), 10, 3, 50};
    CHECK(request_all(walk) == std::vector<std::int64_t>{3});
    CHECK(walk.checkpoint(nullptr, 4).page == 3);
    CHECK(walk.checkpoint(nullptr, 4).skip == 4);
    CHECK(walk.checkpoint(nullptr, 4).total_count == 50);

    walk.on_arrival(offset_key(3), make_offset_page(3, 10, 51, 10));
    CHECK(walk.open(offset_key(3), make_offset_page(3, 10, 51, 10)).action == open_action::report);

    offset_walk same{candidates(), 10, 3, 50};
    request_all(same);
    same.on_arrival(offset_key(3), make_offset_page(3, 10, 50, 10));
    CHECK(same.open(offset_key(3), make_offset_page(3, 10, 50, 10)).action == open_action::accept);
    CHECK(request_all(same) == std::vector<std::int64_t>{4});
}

TEST_CASE("offset walk: a start past the end still checks the first page", "[pager][offset_walk]") {
    offset_walk walk{candidates(), 10, 7, 75};
    request_all(walk);
    walk.on_arrival(offset_key(7), make_offset_page(7, 10, 40, 0));
    CHECK(walk.wanted(offset_key(7)));  // next in order: always checked
    CHECK(walk.open(offset_key(7), make_offset_page(7, 10, 40, 0)).action == open_action::report);
    CHECK(walk.open(offset_key(7), make_offset_page(7, 10, 40, 0)).action == open_action::accept);
    CHECK(request_all(walk).empty());
}

TEST_CASE("offset walk: checkpoints are row-exact", "[pager][offset_walk]") {
    offset_walk walk{candidates(), 10, 0};
    request_all(walk);
    walk.on_arrival(offset_key(0), make_offset_page(0, 10, 25, 10));
    REQUIRE(walk.open(offset_key(0), make_offset_page(0, 10, 25, 10)).action == open_action::accept);
    const detail::opened_page first{offset_key(0), 10, offset_pagination{0, 10, 25, 3}, {}, {}};

    pager_checkpoint mid = walk.checkpoint(&first, 4);
    CHECK(mid.style == pagination_style::offset);
    CHECK(mid.path == "/api/v1/candidates");
    CHECK(mid.filters == query_params{{"roleId", "role_eng_be"}});
    CHECK(mid.page_size == 10);
    CHECK(mid.page == 0);
    CHECK(mid.skip == 4);
    CHECK(mid.total_count == 25);
    CHECK(!mid.done);

    pager_checkpoint end_of_page = walk.checkpoint(&first, 10);
    CHECK(end_of_page.page == 1);
    CHECK(end_of_page.skip == 0);
    CHECK(!end_of_page.done);
}
