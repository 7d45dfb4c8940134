// The engine over in-memory pages: completeness, order, readahead, window and memory bounds.
#include "stream_support.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace pager_test;
using talentray::pager_options;

namespace {

std::vector<std::int64_t> sizes_for(std::int64_t page_size) {
    std::set<std::int64_t> sizes{0, 1, page_size - 1, page_size, page_size + 1, page_size * 13 + 3};
    sizes.erase(-1);
    return {sizes.begin(), sizes.end()};
}

std::size_t expected_requests(std::int64_t rows, std::int64_t page_size) {
    return rows == 0 ? 1 : static_cast<std::size_t>((rows + page_size - 1) / page_size);
}

/// Requests of a cursor walk over the fake list (one row per second): each page after the first
/// is asked from the oldest row's second, so it brings that row again; a page of one row, which
/// then holds nothing new, is asked for again with two.
std::size_t expected_cursor_requests(std::int64_t rows, std::int64_t page_size) {
    std::size_t requests = 1;
    std::int64_t handed_out = std::min(rows, page_size);
    while (handed_out < rows) {
        ++requests;
        if (page_size == 1) page_size = 2;
        else handed_out += std::min(page_size - 1, rows - handed_out);
    }
    return requests;
}

}  // namespace

TEST_CASE("stream: every list size, both styles, complete and in order", "[pager][stream]") {
    for (int page_size : {1, 7, 100}) {
        for (std::int64_t rows : sizes_for(page_size)) {
            for (bool cursor : {false, true}) {
                CAPTURE(page_size, rows, cursor);
                auto list = std::make_shared<fake_list>();
                list->rows = rows;
                asio::io_context io;
                auto p = cursor ? cursor_pager(list, page_size) : offset_pager(list, page_size);
                const reading result = run(io, read_rows(&p));
                CHECK(result.errors.empty());
                CHECK(result.rows == iota(0, rows));
                CHECK(list->targets.size() ==
                      (cursor ? expected_cursor_requests(rows, page_size) : expected_requests(rows, page_size)));
                CHECK(list->running == 0);
                CHECK(p.stats().items == static_cast<std::uint64_t>(rows));
                CHECK(p.checkpoint().done);
                if (!cursor) {
                    CHECK(p.total_count() == rows);
                    CHECK(p.total_pages() == (rows + page_size - 1) / page_size);
                } else {
                    CHECK(!p.total_count());
                }
            }
        }
    }
}

TEST_CASE("stream: pages arriving out of order are yielded in order, within the window", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 1000;
    list->delay = [](std::size_t, std::int64_t page) { return std::chrono::milliseconds{1 + (page * 7) % 5}; };
    pager_options options;
    options.window = 5;
    options.readahead = 2;
    asio::io_context io;
    auto p = offset_pager(list, 10, options);
    const reading result = run(io, read_rows(&p));
    CHECK(result.errors.empty());
    CHECK(result.rows == iota(0, 1000));
    CHECK(list->targets.size() == 100);
    CHECK(list->peak_running == 5);
    CHECK(p.stats().peak_in_flight <= 5);
    CHECK(p.stats().peak_buffered_rows <= (1 + 5) * 10);
    CHECK(p.stats().buffered_rows == 0);
}

namespace {

/// Reads `items` items. After each one it "works" until the fake has answered every request
/// the pager started (polling every millisecond, for up to 10 s per item), so the readahead is
/// as far along as it can get before the next call, however loaded the machine. Returns how
/// many requests the fake had seen when item `at` was handed out and worked on.
asio::awaitable<std::size_t> requests_seen_at(talentray::pager<json::value>* p, std::shared_ptr<fake_list> list,
                                              std::size_t at, std::size_t items) {
    std::size_t seen = 0;
    asio::steady_timer timer{co_await asio::this_coro::executor};
    for (std::size_t i = 0; i < items; ++i) {
        auto item = co_await p->next();
        if (!item) co_return 0;
        for (int polls = 0; polls < 10'000 && list->answered < p->stats().requests; ++polls) {
            timer.expires_after(std::chrono::milliseconds{1});
            co_await timer.async_wait(asio::use_awaitable);
        }
        if (i == at) seen = list->targets.size();
    }
    co_return seen;
}

}  // namespace

TEST_CASE("stream: the next page is in flight while the caller works on the current one", "[pager][stream]") {
    for (int readahead : {0, 1, 3}) {
        for (bool cursor : {false, true}) {
            CAPTURE(readahead, cursor);
            auto list = std::make_shared<fake_list>();
            list->rows = 100;
            pager_options options;
            options.readahead = readahead;
            options.window = 1;
            asio::io_context io;
            std::optional<talentray::pager<json::value>> p;
            p.emplace(cursor ? cursor_pager(list, 10, options) : offset_pager(list, 10, options));
            // While the caller works on item 15 of page 1, pages 0 and 1 and exactly `readahead`
            // pages beyond have been asked for.
            const std::size_t seen = run(io, requests_seen_at(&*p, list, 15, 25));
            CHECK(seen == static_cast<std::size_t>(2 + readahead));
            CHECK(p->stats().peak_buffered_rows <= static_cast<std::size_t>(1 + std::max(readahead, 1)) * 10);
            p.reset();  // nothing may be left running
            io.restart();
            io.run();
            CHECK(list->running == 0);
        }
    }
}

TEST_CASE("stream: buffered rows stay bounded whatever the list's length", "[pager][stream]") {
    for (std::int64_t rows : {100, 10'000}) {
        auto list = std::make_shared<fake_list>();
        list->rows = rows;
        pager_options options;
        options.window = 8;
        options.readahead = 1;
        asio::io_context io;
        auto p = offset_pager(list, 7, options);
        const reading result = run(io, read_rows(&p));
        CHECK(result.rows.size() == static_cast<std::size_t>(rows));
        CHECK(p.stats().peak_buffered_rows <= (1 + 8) * 7);
        CHECK(p.stats().peak_in_flight <= 8);
    }
}

namespace {

std::string text_of(const talentray::raw_row& row) { return row.json; }

}  // namespace

TEST_CASE("stream: raw rows are the server's bytes", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 12;
    list->row = [](std::int64_t n) { return json::value(json::object{{"n", n}, {"name", "caf\xc3\xa9"}}); };
    asio::io_context io;
    auto p = offset_pager<talentray::raw_row>(list, 5);
    const auto result = run(io, read_all(&p, text_of));
    CHECK(result.errors.empty());
    const std::vector<std::string>& texts = result.rows;
    REQUIRE(texts.size() == 12);
    CHECK(texts[0] == "{\"n\":0,\"name\":\"caf\xc3\xa9\"}");
    CHECK(texts[11] == "{\"n\":11,\"name\":\"caf\xc3\xa9\"}");
}
