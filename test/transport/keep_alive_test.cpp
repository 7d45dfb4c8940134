// Keep-alive reuse, and the stale-connection cases that must never surface to the caller.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

asio::awaitable<int> send_with_pauses(client& c, request_spec spec, int count, std::chrono::milliseconds gap) {
    int ok = 0;
    for (int i = 0; i < count; ++i) {
        if (i) {
            asio::steady_timer timer{co_await asio::this_coro::executor, gap};
            co_await timer.async_wait(asio::use_awaitable);
        }
        auto received = co_await c.try_send(spec);
        if (received) ++ok;
        else UNSCOPED_INFO(received.error().diag.to_string());
    }
    co_return ok;
}

asio::awaitable<void> count_success(client& c, request_spec spec, int& ok) {
    auto received = co_await c.try_send(std::move(spec));  // named: g++ 12 mis-handles it inside `if`
    if (received) ++ok;
}

}  // namespace

TEST_CASE("sequential requests reuse one keep-alive connection") {
    test_server server{{}};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    CHECK(run(io, send_sequentially(c, get("/api/v1/me"), 10)) == 10);
    CHECK(server.accepted() == 1);
    auto stats = c.counters().pool;
    CHECK(stats.opened == 1);
    CHECK(stats.reused == 9);
    CHECK(stats.idle_now == 1);
}

TEST_CASE("a server that closes every connection after N requests never surfaces an error") {
    for (bool announce : {false, true}) {
        DYNAMIC_SECTION("Connection: close announced: " << announce) {
            test_server server{{.close_after_requests = 3, .announce_close = announce}};
            asio::io_context io;
            client c{io.get_executor(), options_for(server)};
            CHECK(run(io, send_sequentially(c, get("/api/v1/candidates/cand_1"), 12)) == 12);
            CHECK(server.accepted() == 4);
            if (announce) {
                // A POST is safe here too: the close was announced, so it never meets a dead socket.
                CHECK(run(io, send_sequentially(c, post("/api/v1/sourcing", {{"fullName", "A"}}), 6)) == 6);
            }
        }
    }
}

TEST_CASE("a server that closes idle connections never surfaces an error, for GET and POST") {
    test_server server{{.close_when_idle = std::chrono::milliseconds{50}}};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    CHECK(run(io, send_with_pauses(c, get("/api/v1/me"), 3, std::chrono::milliseconds{200})) == 3);
    CHECK(run(io, send_with_pauses(c, post("/api/v1/sourcing", {{"fullName", "B"}}), 3,
                                   std::chrono::milliseconds{200})) == 3);
    CHECK(server.accepted() == 5);  // the first POST follows the last GET at once, on its connection
    // Every POST reached the server exactly once.
    auto seen = server.requests();
    CHECK(std::count_if(seen.begin(), seen.end(), [](auto& r) { return r.method == "POST"; }) == 3);
}

TEST_CASE("a server that closes after answering, unannounced, fails no GET, and every resend is counted") {
    // The close races the next request: the pre-check usually sees it, the resend covers the
    // rest. Either way each request the server saw beyond the six is a counted resend (a resend
    // whose first attempt died unread is counted too, and the server saw it once).
    int calls = 0;
    test_server server{{}, [&](const seen_request&) {
                           reply r;
                           if (++calls % 2 == 1) r.what = reply::action::respond_then_close;
                           return r;
                       }};
    asio::io_context io;
    auto options = options_for(server);
    options.retry.max_attempts = 1;  // only the transport's own resend may hide a dead connection
    client c{io.get_executor(), options};
    CHECK(run(io, send_sequentially(c, get("/api/v1/me"), 6)) == 6);
    auto stats = c.counters().pool;
    CHECK(stats.closed >= 3);
    CHECK(server.requests().size() >= 6);
    CHECK(server.requests().size() <= 6 + stats.stale_retries);
    CHECK(c.counters().transport_errors == 0);
}

namespace {

/// Answers the first request, then reads the second and closes without answering: the
/// connection looked alive when the client took it from the pool, so no pre-check can see it.
test_server::handler close_under_second_request() {
    auto seen = std::make_shared<std::atomic<int>>(0);
    return [seen](const seen_request&) {
        reply r;
        if (seen->fetch_add(1) == 1) r.what = reply::action::close_before_header;
        return r;
    };
}

std::size_t count_method(const std::vector<seen_request>& seen, std::string_view method) {
    return static_cast<std::size_t>(
        std::count_if(seen.begin(), seen.end(), [&](const seen_request& r) { return r.method == method; }));
}

}  // namespace

TEST_CASE("a reused connection closed under an idempotent request is retried once on a fresh one") {
    test_server server{{}, close_under_second_request()};
    asio::io_context io;
    auto options = options_for(server);
    options.retry.max_attempts = 1;  // the client's retry loop must not be what recovers
    client c{io.get_executor(), options};
    CHECK(run(io, send_sequentially(c, get("/api/v1/candidates/cand_1"), 2)) == 2);
    const auto seen = server.requests();
    REQUIRE(seen.size() == 3);  // the second GET twice: on the dead connection, then on a fresh one
    CHECK(seen[1].target == seen[2].target);
    CHECK(server.accepted() == 2);
    auto stats = c.counters().pool;
    CHECK(stats.stale_retries == 1);
    CHECK(stats.reused == 1);
    CHECK(stats.opened == 2);
}

TEST_CASE("a GET whose resend on a fresh connection also dies fails without a third send") {
    auto seen_count = std::make_shared<std::atomic<int>>(0);
    test_server server{{}, [seen_count](const seen_request&) {
                           reply r;
                           if (seen_count->fetch_add(1) >= 1) r.what = reply::action::close_before_header;
                           return r;
                       }};
    asio::io_context io;
    auto options = options_for(server);
    options.retry.max_attempts = 1;
    client c{io.get_executor(), options};
    CHECK(run(io, send_sequentially(c, get("/api/v1/me"), 2)) == 1);
    CHECK(server.requests().size() == 3);
    CHECK(c.counters().pool.stale_retries == 1);
}

TEST_CASE("a reused connection closed under a POST fails the POST, which the server saw once") {
    test_server server{{}, close_under_second_request()};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};  // default retries: none may resend it either
    REQUIRE(run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "A"}}))));
    auto received = run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "B"}})));
    REQUIRE_FALSE(received);
    CHECK(received.error().code == boost::beast::http::error::end_of_stream);  // the socket's own error
    CHECK_THAT(received.error().diag.client_message, Catch::Contains("may have reached the server"));
    const auto seen = server.requests();
    CHECK(count_method(seen, "POST") == 2);  // "A" once, "B" once
    CHECK(c.counters().pool.stale_retries == 0);
}

TEST_CASE("the pool is bounded and waiters are served in turn") {
    test_server server{{}, [](const seen_request&) {
                           reply r;
                           r.delay = std::chrono::milliseconds{30};
                           return r;
                       }};
    asio::io_context io;
    auto options = options_for(server);
    options.pool.max_connections = 2;
    client c{io.get_executor(), options};
    int ok = 0;
    for (int i = 0; i < 12; ++i) asio::co_spawn(io, count_success(c, get("/slow"), ok), asio::detached);
    io.run();
    CHECK(ok == 12);
    CHECK(server.accepted() == 2);
    auto stats = c.counters().pool;
    CHECK(stats.opened == 2);
    CHECK(stats.reused == 10);
    CHECK(stats.waiting_now == 0);
}

TEST_CASE("max_requests_per_connection recycles connections") {
    test_server server{{}};
    asio::io_context io;
    auto options = options_for(server);
    options.pool.max_requests_per_connection = 2;
    client c{io.get_executor(), options};
    CHECK(run(io, send_sequentially(c, get("/api/v1/me"), 6)) == 6);
    CHECK(server.accepted() == 3);
}
