// The engine over in-memory pages: failures, cancellation, destruction, early ends, checkpoints.
#include "stream_support.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>

using namespace pager_test;
using talentray::errc;
using talentray::pager_options;

TEST_CASE("stream: a failed page is an error, not a gap; calling again retries it", "[pager][stream]") {
    for (int window : {1, 4}) {
        CAPTURE(window);
        auto list = std::make_shared<fake_list>();
        list->rows = 95;
        list->failures = {{3, 2}, {7, 1}};
        pager_options options;
        options.window = window;
        asio::io_context io;
        auto p = offset_pager(list, 10, options);
        const reading result = run(io, read_rows(&p, 10));
        CHECK(result.rows == iota(0, 95));
        REQUIRE(result.errors.size() == 3);
        for (const auto& e : result.errors) CHECK(e.code == errc::server_error);
        CHECK(std::count(list->targets.begin(), list->targets.end(), "page=3") == 3);
        CHECK(std::count(list->targets.begin(), list->targets.end(), "page=7") == 2);
        CHECK(p.stats().failed_requests == 3);
    }
}

TEST_CASE("stream: cursor pages that fail are asked for again with the same cursor", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 40;
    list->failures = {{2, 1}};  // the third request
    asio::io_context io;
    auto p = cursor_pager(list, 10);
    const reading result = run(io, read_rows(&p, 5));
    CHECK(result.rows == iota(0, 40));
    REQUIRE(result.errors.size() == 1);
    REQUIRE(list->targets.size() == 6);  // pages of 10, 9, 9, 9, 3 rows: each repeats the row before it
    CHECK(list->targets[2] == list->targets[3]);
}

namespace {

struct call_outcome {
    std::optional<talentray::result<std::optional<json::value>>> value;
};

/// Starts p->try_next() with `signal` bound to it, then emits terminal cancellation after
/// `after`; reports what the call returned.
asio::awaitable<void> cancel_call_after(talentray::pager<json::value>* p, std::chrono::milliseconds after,
                                        std::shared_ptr<call_outcome> outcome) {
    auto executor = co_await asio::this_coro::executor;
    auto signal = std::make_shared<asio::cancellation_signal>();
    asio::co_spawn(executor, p->try_next(),
                   asio::bind_cancellation_slot(signal->slot(), [outcome, signal](std::exception_ptr failure, auto value) {
                       if (!failure) outcome->value = std::move(value);
                   }));
    asio::steady_timer timer{executor, after};
    co_await timer.async_wait(asio::use_awaitable);
    signal->emit(asio::cancellation_type::terminal);
}

}  // namespace

TEST_CASE("stream: cancelling a pending next() cancels the page requests; the pager continues", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 30;
    list->delay = [](std::size_t request, std::int64_t) {
        return request < 1 ? std::chrono::milliseconds{10'000} : std::chrono::milliseconds{1};
    };
    asio::io_context io;
    auto p = offset_pager(list, 10);
    auto outcome = std::make_shared<call_outcome>();
    const auto started = std::chrono::steady_clock::now();
    run(io, cancel_call_after(&p, std::chrono::milliseconds{20}, outcome));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{5});  // nothing waited for the slow page
    REQUIRE(outcome->value);
    REQUIRE(!outcome->value->has_value());
    CHECK(outcome->value->error().code == asio::error::operation_aborted);
    CHECK(list->running == 0);
    CHECK(list->cancelled == 1);

    const reading rest = run(io, read_rows(&p));
    CHECK(rest.errors.empty());
    CHECK(rest.rows == iota(0, 30));
    CHECK(list->targets.front() == "page=0");
    CHECK(list->targets[1] == "page=0");  // the cancelled page, asked for again
}

namespace {

/// Reads `items` items from a pager it owns, then destroys it while pages are in flight.
asio::awaitable<std::size_t> read_then_drop(std::unique_ptr<talentray::pager<json::value>> p, std::size_t items,
                                            std::shared_ptr<fake_list> list) {
    for (std::size_t i = 0; i < items; ++i) {
        auto item = co_await p->next();
        REQUIRE(item);
    }
    // Let the readahead requests reach the server before pulling the plug.
    asio::steady_timer settle{co_await asio::this_coro::executor, std::chrono::milliseconds{20}};
    co_await settle.async_wait(asio::use_awaitable);
    const std::size_t in_flight = p->stats().in_flight;
    CHECK(list->running == in_flight);
    p.reset();
    co_return in_flight;
}

}  // namespace

TEST_CASE("stream: destroying the pager mid-readahead leaves no work behind", "[pager][stream]") {
    for (bool cursor : {false, true}) {
        CAPTURE(cursor);
        auto list = std::make_shared<fake_list>();
        list->rows = 1000;
        list->delay = [](std::size_t request, std::int64_t) {
            return request == 0 ? std::chrono::milliseconds{1} : std::chrono::milliseconds{10'000};
        };
        pager_options options;
        options.window = 4;
        options.readahead = 2;
        asio::io_context io;
        auto p = std::make_unique<talentray::pager<json::value>>(cursor ? cursor_pager(list, 10, options)
                                                                        : offset_pager(list, 10, options));
        const auto started = std::chrono::steady_clock::now();
        const std::size_t in_flight = run(io, read_then_drop(std::move(p), 3, list));
        // io_context::run() returned: nothing of the pager is left; the slow pages were not awaited.
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{5});
        CHECK(in_flight == (cursor ? 1u : 4u));
        CHECK(list->cancelled == in_flight);
        CHECK(list->running == 0);
        CHECK(list->targets.size() == 1 + in_flight);
    }
}

TEST_CASE("stream: max_items stops early, asks only for the pages it needs and cancels the rest",
          "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 1000;
    pager_options options;
    options.window = 4;
    options.max_items = 15;
    asio::io_context io;
    auto p = offset_pager(list, 10, options);
    const reading result = run(io, read_rows(&p));
    CHECK(result.rows == iota(0, 15));
    CHECK(list->targets == std::vector<std::string>{"page=0", "page=1"});
    CHECK(list->running == 0);
    const auto checkpoint = p.checkpoint();
    CHECK(checkpoint.page == 1);
    CHECK(checkpoint.skip == 5);
    CHECK(!checkpoint.done);

    options.max_items = 0;
    auto none = offset_pager(list, 10, options);
    CHECK(run(io, read_rows(&none)).rows.empty());
    CHECK(list->targets.size() == 2);  // nothing was asked for
}

namespace {

asio::awaitable<std::vector<talentray::error_info>> two_readers(talentray::pager<json::value>* p) {
    auto executor = co_await asio::this_coro::executor;
    auto first = std::make_shared<std::optional<talentray::result<std::optional<json::value>>>>();
    asio::co_spawn(executor, p->try_next(), [first](std::exception_ptr, auto value) { *first = std::move(value); });
    asio::steady_timer timer{executor, std::chrono::milliseconds{5}};
    co_await timer.async_wait(asio::use_awaitable);
    // The first call is now waiting for its page; a second one must not interfere.
    auto second = co_await p->try_next();
    std::vector<talentray::error_info> errors;
    if (!second) errors.push_back(second.error());
    timer.expires_after(std::chrono::milliseconds{60});
    co_await timer.async_wait(asio::use_awaitable);
    CHECK(*first);
    CHECK((*first)->has_value());
    co_return errors;
}

}  // namespace

TEST_CASE("stream: a second concurrent next() is refused without disturbing the first", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 5;
    list->delay = [](std::size_t, std::int64_t) { return std::chrono::milliseconds{30}; };
    asio::io_context io;
    auto p = offset_pager(list, 10);
    const auto errors = run(io, two_readers(&p));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == errc::concurrent_next);
    const reading rest = run(io, read_rows(&p));
    CHECK(rest.rows == iota(1, 5));
}

TEST_CASE("stream: a checkpoint resumes exactly where the reader stopped", "[pager][stream]") {
    for (bool cursor : {false, true}) {
        for (std::size_t stop : {0, 1, 6, 7, 8, 30, 52, 53}) {
            CAPTURE(cursor, stop);
            auto list = std::make_shared<fake_list>();
            list->rows = 53;
            asio::io_context io;
            std::string checkpoint;
            {
                auto first = cursor ? cursor_pager(list, 7) : offset_pager(list, 7);
                const reading head = run(io, read_rows(&first, 0, stop));
                CHECK(head.rows == iota(0, static_cast<std::int64_t>(stop)));
                checkpoint = first.checkpoint().to_string();
            }  // the "crash": the pager is gone, readahead and all
            io.restart();
            io.run();
            const std::size_t requests_before = list->targets.size();
            auto resumed = resumed_pager(list, checkpoint);
            const reading tail = run(io, read_rows(&resumed));
            CHECK(tail.errors.empty());
            CHECK(tail.rows == iota(static_cast<std::int64_t>(stop), 53));
            if (stop == 53) CHECK(list->targets.size() == requests_before);  // a finished walk asks nothing
        }
    }
}

TEST_CASE("stream: in strict mode a list that changes mid-walk is reported once, then followed", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 50;
    list->total_from_request = {{2, 55}};  // five rows appended after two pages were read
    pager_options options;
    options.strict = true;
    options.window = 1;
    options.readahead = 0;
    asio::io_context io;
    auto p = offset_pager(list, 10, options);
    const reading result = run(io, read_rows(&p, 3));
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].code == errc::list_changed);
    CHECK_THAT(result.errors[0].diag.client_message, Catch::Contains("list changed") && Catch::Contains("was 50, now 55"));
    CHECK(result.rows == iota(0, 55));
    CHECK(p.total_count() == 55);
}

TEST_CASE("stream: a cursor that stops moving is an error, never a loop", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 100;
    list->stall_from_request = 2;
    asio::io_context io;
    auto p = cursor_pager(list, 10);
    const reading result = run(io, read_rows(&p, 2));
    CHECK(result.rows == iota(0, 28));  // the stalled page itself is handed out (pages of 10, 9, 9 new rows)
    REQUIRE(result.errors.size() == 3);
    for (const auto& e : result.errors) CHECK(e.code == errc::pagination_stalled);
    CHECK(list->targets.size() == 3);
    CHECK(!p.checkpoint().done);
}

TEST_CASE("stream: empty cursor pages that have more are not the end", "[pager][stream]") {
    auto list = std::make_shared<fake_list>();
    list->rows = 25;
    list->empty_cursor_pages = {0, 2, 4};
    asio::io_context io;
    auto p = cursor_pager(list, 10);
    const reading result = run(io, read_rows(&p));
    CHECK(result.errors.empty());
    CHECK(result.rows == iota(0, 25));
    CHECK(list->targets.size() == 6);
}

namespace {

/// A reader that owns its pager and never finishes on its own: it is torn down with its
/// io_context.
asio::awaitable<void> read_until_torn_down(std::shared_ptr<fake_list> list, pager_options options) {
    auto p = offset_pager(std::move(list), 10, options);
    asio::steady_timer pause{co_await asio::this_coro::executor};
    for (;;) {
        auto item = co_await p.next();
        if (!item) break;
        pause.expires_after(std::chrono::milliseconds{1});
        co_await pause.async_wait(asio::use_awaitable);
    }
}

}  // namespace

TEST_CASE("stream: an io_context destroyed mid-walk takes the reader and its requests with it", "[pager][stream]") {
    for (int stop_after_ms : {0, 3, 25}) {
        CAPTURE(stop_after_ms);
        auto list = std::make_shared<fake_list>();
        list->rows = 1'000'000;
        list->delay = [](std::size_t, std::int64_t page) { return std::chrono::milliseconds{1 + page % 4}; };
        pager_options options;
        options.window = 6;
        {
            asio::io_context io;
            asio::co_spawn(io, read_until_torn_down(list, options), asio::detached);
            io.run_for(std::chrono::milliseconds{stop_after_ms});
        }  // destroyed with the reader suspended and pages in flight
        CHECK(list.use_count() == 1);  // every frame and request that referred to the list is gone
    }
}
