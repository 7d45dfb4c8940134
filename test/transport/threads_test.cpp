// One client shared by coroutines running on several threads of one io_context.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/detached.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <thread>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

asio::awaitable<void> call_and_count(const client& c, std::atomic<int>& ok, std::atomic<int>& failed) {
    auto received = co_await c.try_send(get("/api/v1/me"));
    if (received)
        ++ok;
    else
        ++failed;
}

}  // namespace

TEST_CASE("one client serves many coroutines on four threads") {
    test_server server{{}};
    asio::io_context io{4};
    auto options = options_for(server);
    options.pool.max_connections = 6;
    options.scheduler.max_in_flight = 32;
    options.scheduler.requests_per_window = 100'000;  // admission must not be the bottleneck here
    options.scheduler.burst = 1'000;
    options.budget = std::make_shared<rate_budget>(options.scheduler);
    client c{io.get_executor(), options};

    constexpr int calls = 400;
    std::atomic<int> ok{0}, failed{0};
    for (int i = 0; i < calls; ++i) asio::co_spawn(io, call_and_count(c, ok, failed), asio::detached);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) threads.emplace_back([&io] { io.run(); });
    for (auto& t : threads) t.join();

    CHECK(ok == calls);
    CHECK(failed == 0);
    auto counters = c.counters();
    CHECK(counters.requests == calls);
    CHECK(counters.responses_2xx == calls);
    CHECK(counters.pool.opened <= 6);
    CHECK(counters.pool.open_now == counters.pool.idle_now);  // nothing left busy
    CHECK(server.requests().size() == calls);
}
