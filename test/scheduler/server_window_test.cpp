// The server's window as the key sees it, in virtual time: a 429's pause, the window the server
// reported, and the attempts it may still count (from admission until a window after they
// finished, so slow first arrivals can never bunch more than the limit into one window).
#include "scheduler/server_window.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
using talentray::testing::t0;
constexpr auto never = d::time_point::max();
}  // namespace

TEST_CASE("attempts in flight and finished within the window share the limit") {
    d::server_window sent{10s, 100};
    CHECK(sent.time_for(1, 0, 3, t0) == t0);
    CHECK(sent.time_for(3, 0, 3, t0) == t0);
    CHECK(sent.time_for(1, 3, 3, t0) == never);  // only a finish, then a window, frees room
    sent.on_finish(t0 + 1s);
    sent.on_finish(t0 + 2s);
    CHECK(sent.finished_in_window(t0 + 2s) == 2);
    // One in flight and two finished fill a limit of 3 until the first finish leaves.
    CHECK(sent.time_for(1, 1, 3, t0 + 2s) == t0 + 11s);
    CHECK(sent.time_for(2, 0, 3, t0 + 2s) == t0 + 11s);
    CHECK(sent.time_for(3, 0, 3, t0 + 2s) == t0 + 12s);
    CHECK(sent.time_for(1, 0, 3, t0 + 2s) == t0 + 2s);
    // A finish at t counts while now < t + window, as the server counts an arrival.
    CHECK(sent.finished_in_window(t0 + 10999ms) == 2);
    CHECK(sent.finished_in_window(t0 + 11s) == 1);
    CHECK(sent.finished_in_window(t0 + 12s) == 0);
}

TEST_CASE("only the newest finishes are kept, and they are the ones that decide") {
    d::server_window capped{10s, 3};
    d::server_window full{10s, 100};
    for (int i = 0; i < 5; ++i) {
        capped.on_finish(t0 + i * 1s);
        full.on_finish(t0 + i * 1s);
    }
    CHECK(capped.finished_in_window(t0 + 4s) == 3);
    // For a limit up to the cap, the answer is the same as with every finish kept.
    for (std::uint64_t in_flight = 0; in_flight < 3; ++in_flight)
        CHECK(capped.time_for(1, in_flight, 3, t0 + 4s) == full.time_for(1, in_flight, 3, t0 + 4s));
}

TEST_CASE("a fractional limit admits only whole requests below it") {
    d::server_window sent{10s, 100};
    sent.on_finish(t0);
    CHECK(sent.time_for(1, 1, 2.9, t0) == t0 + 10s);
    CHECK(sent.time_for(1, 0, 2.9, t0) == t0);
    CHECK(sent.time_for(1, 0, 0.5, t0) == t0 + 10s);  // never below one request
}

TEST_CASE("however late the first requests arrive, no window of arrivals exceeds the limit") {
    // Greedy admission under the check: the first burst takes 900 ms to arrive (a cold
    // connection), later requests 1 ms; each is answered when it arrives. A server counting
    // arrivals in any 10 s window must never see more than the limit.
    constexpr std::uint64_t limit = 20;
    d::server_window sent{10s, 100};
    std::vector<d::time_point> arrivals;
    std::vector<d::time_point> in_flight;  // arrival (= finish) times
    d::time_point now = t0;
    while (now < t0 + 60s) {
        // Finish what has arrived by now.
        std::sort(in_flight.begin(), in_flight.end());
        while (!in_flight.empty() && in_flight.front() <= now) {
            sent.on_finish(in_flight.front());
            in_flight.erase(in_flight.begin());
        }
        const d::time_point ready = sent.time_for(1, in_flight.size(), double(limit), now);
        if (ready <= now) {
            const d::time_point arrival = now + (now < t0 + 1s ? 900ms : 1ms);
            arrivals.push_back(arrival);
            in_flight.push_back(arrival);
            continue;
        }
        now = std::min(ready, in_flight.empty() ? ready : in_flight.front());
    }
    std::sort(arrivals.begin(), arrivals.end());
    for (std::size_t i = 0; i + limit < arrivals.size(); ++i) {
        INFO("arrivals " << i << " and " << i + limit);
        CHECK(arrivals[i + limit] - arrivals[i] >= 10s);
    }
    CHECK(arrivals.size() >= 5 * limit);  // and the limit is still used, window after window
}

TEST_CASE("a pause closes the key until it ends, and an earlier end never shortens it") {
    d::server_window window{10s, 100};
    CHECK(window.opens_at(t0) == t0);
    CHECK(window.pause_until(t0 + 5s));
    CHECK(window.paused_until() == t0 + 5s);
    CHECK(window.opens_at(t0) == t0 + 5s);
    CHECK(window.opens_at(t0 + 6s) == t0 + 6s);
    CHECK_FALSE(window.pause_until(t0 + 3s));
    CHECK(window.paused_until() == t0 + 5s);
    CHECK(window.pause_until(t0 + 8s));
    CHECK(window.opens_at(t0 + 6s) == t0 + 8s);
}

TEST_CASE("a reported window caps admissions until it resets") {
    d::server_window window{10s, 100};
    CHECK_FALSE(window.left(t0));
    window.report(2, t0 + 4s, t0);
    CHECK(window.left(t0) == 2u);
    CHECK_FALSE(window.exhausted(t0));
    window.on_admit(t0);
    window.on_admit(t0);
    CHECK(window.exhausted(t0 + 1s));
    CHECK(window.opens_at(t0 + 1s) == t0 + 4s);
    // Exhausted at the end of a pause that ends before the reset: open at the reset.
    window.pause_until(t0 + 2s);
    CHECK(window.opens_at(t0) == t0 + 4s);
    // Once reset, the window is unknown again.
    CHECK_FALSE(window.left(t0 + 4s));
    CHECK(window.opens_at(t0 + 4s) == t0 + 4s);
}

TEST_CASE("reports about one window only lower its count; a later window replaces it; an earlier one is stale") {
    d::server_window window{10s, 100};
    window.report(5, t0 + 10s, t0);
    window.report(7, t0 + 10500ms, t0);  // the same window, answered out of order
    CHECK(window.left(t0) == 5u);
    window.report(3, t0 + 9500ms, t0);
    CHECK(window.left(t0) == 3u);
    window.report(1, t0 + 5s, t0);  // an earlier window: stale
    CHECK(window.left(t0) == 3u);
    window.report(9, t0 + 20s, t0);  // the next window
    CHECK(window.left(t0) == 9u);
}

TEST_CASE("earliest bounds many admissions by the reported window and the finishes beside those in flight") {
    d::server_window window{10s, 100};
    window.on_finish(t0);
    window.on_finish(t0 + 1s);
    // A limit of 4: two finished and one in flight leave room for one now, the next at t0 + 10 s.
    CHECK(window.earliest(1, 1, 4, t0 + 1s) == t0 + 1s);
    CHECK(window.earliest(2, 1, 4, t0 + 1s) == t0 + 10s);
    // Beyond what the limit takes beside those in flight, only what it can take is bounded.
    CHECK(window.earliest(9, 1, 4, t0 + 1s) == t0 + 11s);
    CHECK(window.earliest(9, 4, 4, t0 + 1s) == t0 + 1s);
    // A reported window too small for them moves the bound to its reset.
    window.report(1, t0 + 30s, t0 + 1s);
    CHECK(window.earliest(1, 1, 4, t0 + 1s) == t0 + 1s);
    CHECK(window.earliest(2, 1, 4, t0 + 1s) == t0 + 30s);
}
