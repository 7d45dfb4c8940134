// The sent-window check: attempts count from admission until a window after they finished, so
// slow first arrivals can never bunch more than the limit into one window. Virtual time.
#include "scheduler/sent_window.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
using talentray::testing::t0;
constexpr auto never = d::time_point::max();
}  // namespace

TEST_CASE("attempts in flight and finished within the window share the limit") {
    d::sent_window sent{10s, 100};
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
    d::sent_window capped{10s, 3};
    d::sent_window full{10s, 100};
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
    d::sent_window sent{10s, 100};
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
    d::sent_window sent{10s, 100};
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
