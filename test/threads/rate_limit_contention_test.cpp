// The rate budget under real contention: one client on an io_context run by four threads, a
// tight limit, and the server's own clock as the judge. Built and run under ThreadSanitizer by
// `scripts/test.sh --tsan`, and in every other pass.
#include "fixtures.hpp"

#include <talentray/client.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace trt = talentray::testing;
using std::chrono::steady_clock;

constexpr int contending_threads = 4;
constexpr int contending_calls = 100;
constexpr std::uint32_t limit = 20;
constexpr std::chrono::seconds window{1};

asio::awaitable<void> one_call(const tr::client* c, std::atomic<int>* succeeded) {
    auto received = co_await c->try_send(trt::get("/api/v1/me"));  // named: g++ 12 and `if (co_await ...)`
    if (received) ++*succeeded;
}

/// The most arrivals any window-long interval holds. The busiest interval starts at an arrival,
/// so sliding one from each arrival covers every interval.
std::size_t busiest_window(std::vector<steady_clock::time_point> arrivals, steady_clock::duration length) {
    std::sort(arrivals.begin(), arrivals.end());
    std::size_t most = 0;
    for (auto first = arrivals.begin(); first != arrivals.end(); ++first) {
        const auto end = std::lower_bound(first, arrivals.end(), *first + length);
        most = std::max(most, static_cast<std::size_t>(end - first));
    }
    return most;
}

}  // namespace

TEST_CASE("four threads sharing one client never put more than the limit in any 1 s window at the server") {
    trt::test_server server{{}};
    asio::io_context io{contending_threads};
    auto options = trt::options_for(server);
    options.timeouts.request = std::chrono::seconds{60};  // a sanitized build on a busy machine is slow
    options.retry.total_timeout = std::chrono::seconds{120};
    tr::scheduler_options tight;
    tight.requests_per_window = limit;
    tight.window = window;
    options.budget = std::make_shared<tr::rate_budget>(tight);
    const tr::client c{io.get_executor(), std::move(options)};

    std::atomic<int> succeeded{0};
    std::atomic<int> escaped{0};  // Catch2 assertions are not thread-safe: count, check later
    for (int n = 0; n < contending_calls; ++n)
        asio::co_spawn(io, one_call(&c, &succeeded), [&escaped](std::exception_ptr e) {
            if (e) ++escaped;
        });
    std::vector<std::thread> threads;
    for (int t = 0; t < contending_threads; ++t) threads.emplace_back([&io] { io.run(); });
    for (std::thread& t : threads) t.join();

    CHECK(escaped == 0);
    CHECK(succeeded == contending_calls);
    std::vector<steady_clock::time_point> arrivals;
    for (const trt::seen_request& r : server.requests()) arrivals.push_back(r.arrived);
    REQUIRE(arrivals.size() == std::size_t{contending_calls});
    const std::size_t busiest = busiest_window(arrivals, window);
    INFO("busiest 1 s window at the server: " << busiest << " requests");
    CHECK(busiest <= limit);
    CHECK(busiest >= limit / 2);  // the budget was used, not starved
    CHECK(c.counters().scheduler.rate_limited_responses == 0);
}
