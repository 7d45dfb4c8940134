// A call through a budget shared in Redis warms its connection before it takes its permit: the
// attempt runs on a connection opened ahead of it, directly or through a proxy's tunnel, and
// reports it reused, with no connect or handshake time of its own. Skips, saying why, without
// redis-server (and without tinyproxy, its proxy case).
#include "calls_in_turn.hpp"
#include "mock_client.hpp"
#include "redis_server.hpp"
#include "run.hpp"
#include "tinyproxy.hpp"

#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/request.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <iostream>
#include <mutex>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

struct warmed_events {
    std::mutex mutex;
    std::vector<tr::request_event> events;
};

/// A client of `server` whose key's budget is shared through `redis`, its events in `capture`.
tr::client_options shared_and_observed(const mock::server& server, const redis_test::redis_server& redis,
                                       warmed_events& capture) {
    auto options = tr::testing::mock_client_options(server, server.keys().employer.key);
    tr::scheduler_options shared;
    shared.requests_per_window = 100;
    shared.window = std::chrono::seconds{1};
    shared.shared_budget = redis.url();
    options.budget = std::make_shared<tr::rate_budget>(shared, "ready-connection-test");
    options.observer = [&capture](const tr::request_event& event) {
        std::lock_guard lock{capture.mutex};
        capture.events.push_back(event);
    };
    return options;
}

void check_every_attempt_warmed(const warmed_events& capture, int calls) {
    REQUIRE(capture.events.size() == static_cast<std::size_t>(calls));
    for (const tr::request_event& event : capture.events) {
        CHECK(event.http_status == 200);
        CHECK(event.connection_reused);
        CHECK(event.connect == tr::request_event::duration::zero());
        CHECK(event.tls_handshake == tr::request_event::duration::zero());
    }
}

}  // namespace

TEST_CASE("shared budget: every attempt runs on a connection warmed before it, reported reused without set-up time") {
    if (!redis_test::have_redis()) return;
    redis_test::redis_server redis;
    mock::server server{{}};
    warmed_events capture;
    asio::io_context io;
    tr::client c{io.get_executor(), shared_and_observed(server, redis, capture)};
    constexpr int calls = 3;
    CHECK(tr::testing::run(io, tr::testing::get_me_in_turn(c, calls)) == calls);
    CHECK(c.counters().scheduler.budget == tr::budget_kind::shared);
    CHECK(server.stats().connections_accepted == 1);
    const auto pool = c.counters().pool;
    CHECK(pool.opened == 1);
    CHECK(pool.reused == calls);
    check_every_attempt_warmed(capture, calls);
}

TEST_CASE("shared budget through tinyproxy: one CONNECT tunnel, warmed before the first attempt") {
    if (!redis_test::have_redis()) return;
    const auto executable = tr::testing::tinyproxy::find_executable();
    if (executable.empty()) {
        std::cout << "SKIPPED: tinyproxy is not installed (apt-get install tinyproxy-bin, or "
                     "scripts/install-deps.sh); the warmed tunnel test did not run\n";
        return;
    }
    redis_test::redis_server redis;
    mock::server server{{}};
    tr::testing::tinyproxy proxy{executable, server.port()};
    warmed_events capture;
    auto options = shared_and_observed(server, redis, capture);
    options.proxy = tr::secret{proxy.url()};
    asio::io_context io;
    tr::client c{io.get_executor(), options};
    constexpr int calls = 3;
    CHECK(tr::testing::run(io, tr::testing::get_me_in_turn(c, calls)) == calls);
    CHECK(proxy.logged_requests("CONNECT 127.0.0.1:" + std::to_string(server.port()) + " ") == 1);
    CHECK(c.counters().pool.opened == 1);
    check_every_attempt_warmed(capture, calls);
}
