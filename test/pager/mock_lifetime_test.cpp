// Ending early against the mock: breaking out, destroying the pager, cancelling next(), and
// resuming from a checkpoint after a crash.
#include "mock_support.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <thread>

using namespace pager_mock_test;

namespace {

struct destroyed {
    std::size_t in_flight = 0;
    std::chrono::steady_clock::time_point at;
};

/// Reads `items` items, waits until the server has seen `requests_seen` requests (the readahead
/// has reached it; on a loaded machine that takes a while, so it is awaited rather than assumed,
/// for up to 10 s), then destroys the pager.
asio::awaitable<destroyed> read_then_destroy(std::unique_ptr<tr::pager<tr::candidate>> p, std::size_t items,
                                             const mock::server& server, std::uint64_t requests_seen) {
    for (std::size_t i = 0; i < items; ++i) {
        auto item = co_await p->next();
        REQUIRE(item);
    }
    asio::steady_timer settle{co_await asio::this_coro::executor};
    for (int waited = 0; server.stats().requests < requests_seen && waited < 1000; ++waited) {
        settle.expires_after(std::chrono::milliseconds{10});
        co_await settle.async_wait(asio::use_awaitable);
    }
    destroyed out;
    out.in_flight = p->stats().in_flight;
    p.reset();
    out.at = std::chrono::steady_clock::now();
    co_return out;
}

/// Polls a counter of the mock (which runs on its own thread) until `condition` holds, for up to
/// 10 s; returns its final value. A wait for an event, never a measure of time.
template <class Condition>
bool server_eventually(Condition condition) {
    for (int i = 0; i < 1000 && !condition(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds{10});
    return condition();
}

}  // namespace

TEST_CASE("mock: destroying a pager mid-readahead stops its requests and leaves no work", "[pager][mock]") {
    mock::server server{plain(10'000)};
    mock::fault_options slow;  // every response takes a while: the readahead is in flight when the pager goes
    slow.latency = std::chrono::milliseconds{1000};
    server.set_faults(slow);

    asio::io_context io;
    std::optional<tr::client> admin{client_of(io, server, server.keys().admin)};
    tr::pager_options options;
    options.window = 4;
    auto p = std::make_unique<tr::pager<tr::candidate>>(tr::pager<tr::candidate>::offset(*admin, candidates_list(), 50, options));
    const destroyed gone = run(io, read_then_destroy(std::move(p), 10, server, 1 + 4));
    admin.reset();
    io.restart();
    io.run();  // returns: nothing of the pager (or the client) is left on the io_context
    CHECK(std::chrono::steady_clock::now() - gone.at < std::chrono::milliseconds{500});  // no response awaited
    CHECK(gone.in_flight == 4);

    // Wait until the mock has let every held-back response go (its latency has passed for all
    // five requests): had anything of the pager survived, it would have asked for more by then.
    CHECK(server_eventually([&] { return server.stats().faults.delayed >= 1 + 4; }));
    CHECK(server.stats().requests == 1 + 4);  // the mock saw nothing more
}

TEST_CASE("mock: breaking out after max_items sends nothing more", "[pager][mock]") {
    mock::server server{plain(10'000)};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);
    tr::pager_options options;
    options.max_items = 120;
    options.window = 8;
    auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 50, options);
    const reading result = run(io, read_ids(&p));
    CHECK(result.rows == candidate_ids(1, 120));
    CHECK(server.stats().route("GET /api/v1/candidates") == 3);  // pages 0..2 cover 120 rows
    CHECK(p.checkpoint().page == 2);
    CHECK(p.checkpoint().skip == 20);
}

namespace {

using namespace boost::asio::experimental::awaitable_operators;

/// Calls next() but gives up after `patience`; returns whether the item came first.
asio::awaitable<bool> next_within(tr::pager<tr::candidate>* p, std::chrono::milliseconds patience) {
    asio::steady_timer timer{co_await asio::this_coro::executor, patience};
    auto first = co_await (p->try_next() || timer.async_wait(asio::use_awaitable));
    co_return first.index() == 0;
}

}  // namespace

TEST_CASE("mock: cancelling next() cancels its requests; reading on resumes the walk", "[pager][mock]") {
    mock::server server{plain(300)};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);
    auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 100);

    mock::fault_options slow;
    slow.latency = std::chrono::milliseconds{800};
    server.set_faults(slow);
    const auto started = std::chrono::steady_clock::now();
    CHECK(!run(io, next_within(&p, std::chrono::milliseconds{100})));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds{700});  // nothing awaited the page
    CHECK(p.stats().in_flight == 0);

    server.set_faults({});
    const reading result = run(io, read_ids(&p));
    CHECK(result.errors.empty());
    CHECK(result.rows == candidate_ids(1, 300));
}

TEST_CASE("mock: a checkpoint taken before a crash resumes with exactly the remaining rows", "[pager][mock]") {
    mock::server_options options = plain(1'000);
    options.seeded_usage_rows = 730;
    mock::server server{options};

    for (std::size_t stop : {0, 1, 99, 100, 101, 555, 999, 1000}) {
        CAPTURE(stop);
        std::string checkpoint;
        {  // the process that crashes: its io_context, client and pager all go away
            asio::io_context io;
            const tr::client admin = client_of(io, server, server.keys().admin);
            tr::pager_options readahead;
            readahead.window = 3;
            auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 100, readahead);
            const reading head = run(io, read_ids(&p, 0, stop));
            CHECK(head.rows == candidate_ids(1, stop));
            checkpoint = p.checkpoint().to_string();
        }
        asio::io_context io;
        const tr::client admin = client_of(io, server, server.keys().admin);
        auto resumed = tr::pager<tr::candidate>::from_checkpoint(admin, checkpoint);
        const reading tail = run(io, read_ids(&resumed));
        CHECK(tail.errors.empty());
        CHECK(tail.rows == candidate_ids(stop + 1, 1000));
    }

    for (std::size_t stop : {0, 1, 299, 300, 301, 729, 730}) {
        CAPTURE(stop);
        std::string checkpoint;
        {
            asio::io_context io;
            const tr::client admin = client_of(io, server, server.keys().admin);
            auto p = tr::pager<tr::api_key_usage_row>::cursor(admin, usage_log(server.keys().employer), 300);
            const reading head = run(io, read_ids(&p, 0, stop));
            CHECK(head.rows == usage_ids(730, 730 - stop + 1));
            checkpoint = p.checkpoint().to_string();
        }
        asio::io_context io;
        const tr::client admin = client_of(io, server, server.keys().admin);
        auto resumed = tr::pager<tr::api_key_usage_row>::from_checkpoint(admin, checkpoint);
        const reading tail = run(io, read_ids(&resumed));
        CHECK(tail.errors.empty());
        CHECK(tail.rows == usage_ids(730 - stop));
    }
}
