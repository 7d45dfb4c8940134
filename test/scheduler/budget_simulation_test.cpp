// Many clients against a simulated server with a sliding-window rate limit, in virtual time:
// the admission controller must use the budget nearly fully without tripping it, and recover
// when the server's real limit is lower than configured.
#include "simulated_workload.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <vector>

using namespace std::chrono_literals;
namespace d = talentray::detail;
namespace tr = talentray;

namespace {

using talentray::testing::t0;

/// A server that accepts at most `limit` requests in any `window` (a sliding log), and answers
/// 429 with the seconds until the oldest accepted request leaves the window.
class sliding_window_server {
public:
    sliding_window_server(std::size_t limit, d::duration window) : limit_(limit), window_(window) {}

    /// The status of a request arriving at `now`, and its Retry-After when refused.
    std::pair<int, std::optional<std::chrono::seconds>> handle(d::time_point now) {
        while (!accepted_.empty() && accepted_.front() <= now - window_) accepted_.pop_front();
        if (accepted_.size() < limit_) {
            accepted_.push_back(now);
            ++accepted_total_;
            return {200, std::nullopt};
        }
        ++refused_total_;
        return {429, std::chrono::ceil<std::chrono::seconds>(accepted_.front() + window_ - now)};
    }

    std::size_t accepted() const { return accepted_total_; }
    std::size_t refused() const { return refused_total_; }

private:
    std::size_t limit_;
    d::duration window_;
    std::deque<d::time_point> accepted_;
    std::size_t accepted_total_ = 0;
    std::size_t refused_total_ = 0;
};

/// `clients` bulk loops against `server`, starting at t0.
tr::testing::simulated_workload workload(const tr::scheduler_options& options, sliding_window_server& server,
                                         int clients, tr::testing::latency_model latency) {
    const tr::testing::server_model model = [&server](d::time_point arrival) {
        const auto [status, retry_after] = server.handle(arrival);
        return tr::testing::server_verdict{status, retry_after};
    };
    return {options, model, clients, std::move(latency), t0};
}

tr::testing::latency_model constant(d::duration latency) {
    return [latency](d::time_point) { return latency; };
}

}  // namespace

TEST_CASE("at the documented limit, the budget is used nearly fully and never tripped") {
    sliding_window_server server{600, 60s};
    auto sim = workload(tr::scheduler_options{}, server, 40, constant(200ms));
    sim.run_until(t0 + 5min);
    CHECK(server.refused() == 0);
    // 10 at once, then 590 per minute: 2960 in five minutes, less the requests still on the wire.
    CHECK(server.accepted() >= 2940);
    CHECK(server.accepted() <= 2960);
}

TEST_CASE("a slow start cannot bunch a window's admissions into fewer arrivals than the limit") {
    // Requests admitted in the first two seconds take 1.8 s (TLS handshakes on a cold pool,
    // say), later ones 10 ms. The first burst then reaches the server 900 ms late, and a bucket
    // alone would admit the 601st request just before that burst leaves the server's window.
    sliding_window_server server{600, 60s};
    const tr::testing::latency_model cold_start = [](d::time_point admitted_at) -> d::duration {
        return admitted_at < t0 + 2s ? 1800ms : 10ms;
    };
    auto sim = workload(tr::scheduler_options{}, server, 40, cold_start);
    sim.run_until(t0 + 5min);
    CHECK(server.refused() == 0);
    // What the slow start costs: about a second, once (10 requests of 2950).
    CHECK(server.accepted() >= 2930);
}

TEST_CASE("when the server's real limit is half the configured one, the client settles at it") {
    sliding_window_server server{300, 60s};  // half of what the client was told
    auto sim = workload(tr::scheduler_options{}, server, 40, constant(200ms));
    sim.run_until(t0 + 10min);
    INFO("accepted " << server.accepted() << ", refused " << server.refused());
    // The first window is overrun once: the 429 and the requests then in flight (at most
    // max_in_flight, 16), after which the limit is the 300 the server accepted. The lowered
    // limit is held for five windows after the pause and then climbs, at 600 per five minutes,
    // past 300 within seconds: one more overrun, and the next hold outlasts the run.
    CHECK(server.refused() <= 2 * 16);
    // Ten windows at 300 would be 3000; the bucket keeps the burst (10) below the limit, so the
    // steady pace is 290 per window, and each overrun costs a pause of under a window.
    CHECK(server.accepted() >= 0.95 * 300 * 10);
    const tr::scheduler_counters counters = sim.counters();
    CHECK(counters.rate_decreases >= 1);
    CHECK(counters.current_requests_per_window <= 300);
    CHECK(counters.current_requests_per_window >= 290);
}

TEST_CASE("when the server advertises its limit, the bucket follows it without a single 429") {
    // Same lower limit, but announced in RateLimit-Policy on the first response.
    sliding_window_server server{300, 60s};
    tr::scheduler_options options;
    options.burst = 5;
    d::admission_controller controller{options, t0};
    d::wake_list wake;
    // One exchange teaches the controller the policy.
    const auto first = controller.enqueue(tr::priority::interactive, d::time_point::max(), t0, wake);
    REQUIRE(controller.poll(first, t0, wake).state == d::waiter_state::granted);
    d::response_event event;
    event.http_status = server.handle(t0).first;
    event.rate_limit.limit = 300;
    event.rate_limit.window = 60s;
    controller.on_response(event, t0, wake);
    controller.release(t0, wake);
    // Then admit greedily for five minutes.
    d::time_point now = t0;
    while (now < t0 + 5min) {
        wake.clear();
        const auto id = controller.enqueue(tr::priority::bulk, d::time_point::max(), now, wake);
        auto status = controller.poll(id, now, wake);
        while (status.state == d::waiter_state::queued) {
            now = status.wake_at;
            status = controller.poll(id, now, wake);
        }
        d::response_event ok;
        ok.http_status = server.handle(now).first;
        controller.on_response(ok, now, wake);
        controller.release(now, wake);
    }
    CHECK(server.refused() == 0);
    CHECK(server.accepted() >= 295 * 5 - 5);
}
