// The admission controller against the mock's limiter in every shape (sliding log, fixed
// windows, token bucket with a small burst), in virtual time: told the server's rate, half of
// it or twice it, the budget reaches what the server allows with few 429s.
#include "scheduler/admission_controller.hpp"

#include "rate_limiter.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <sstream>

using namespace std::chrono_literals;
namespace d = talentray::detail;
namespace tr = talentray;
namespace mock = talentray::mock;

namespace {

const d::time_point t0 = d::time_point{} + 1h;

struct outcome {
    std::size_t accepted = 0;
    std::size_t refused = 0;
    std::size_t refused_after_first_second = 0;
    tr::scheduler_counters counters;

    std::string describe() const {
        std::ostringstream out;
        out << "accepted " << accepted << ", refused " << refused << " (" << refused_after_first_second
            << " after the first second); rate " << counters.current_rate_per_minute << "/min ("
            << tr::to_string(counters.rate_cause) << "), burst " << counters.burst << " ("
            << tr::to_string(counters.burst_cause) << ")";
        return out.str();
    }
};

/// `clients` bulk loops (an export's parallel window) of admit -> request taking `latency` ->
/// response -> release, against `limit`, for `length` of virtual time. The server decides when
/// the request arrives, half the latency after admission.
outcome run(const tr::scheduler_options& options, const mock::rate_limit& limit, d::duration length,
            int clients = 8, d::duration latency = 20ms) {
    mock::detail::rate_limiter server{limit};
    d::admission_controller controller{options, t0};
    struct sent {
        int client;
        d::waiter_status admission;
    };
    std::map<int, d::waiter_id> waiting;
    std::map<int, d::time_point> wake_at;
    std::multimap<d::time_point, sent> in_flight;
    d::time_point now = t0;
    outcome out;

    const auto start_waiting = [&](int client) {
        d::wake_list wake;
        waiting[client] = controller.enqueue(tr::priority::bulk, d::time_point::max(), now, wake);
        wake_at[client] = now;
    };
    const auto mark = [&](const d::wake_list& wake) {
        for (const auto id : wake)
            for (const auto& [client, waiter] : waiting)
                if (waiter == id) wake_at[client] = now;
    };
    for (int c = 0; c < clients; ++c) start_waiting(c);
    const d::time_point end = t0 + length;
    while (true) {
        d::time_point next = d::time_point::max();
        for (const auto& [client, at] : wake_at) next = std::min(next, at);
        if (!in_flight.empty()) next = std::min(next, in_flight.begin()->first);
        if (next >= end) break;
        now = next;
        while (!in_flight.empty() && in_flight.begin()->first <= now) {
            const sent request = in_flight.begin()->second;
            in_flight.erase(in_flight.begin());
            const auto verdict = server.admit("key", request.admission.admitted_at + latency / 2);
            d::response_event event;
            event.http_status = verdict.admitted ? 200 : 429;
            if (!verdict.admitted) {
                event.retry_after = verdict.retry_after;
                ++out.refused;
                if (request.admission.admitted_at >= t0 + 1s) ++out.refused_after_first_second;
            } else {
                ++out.accepted;
            }
            event.admitted_at = request.admission.admitted_at;
            event.depth = request.admission.depth;
            event.jitter = 0.5;
            d::wake_list wake;
            controller.on_response(event, now, wake);
            controller.release(now, wake);
            mark(wake);
            start_waiting(request.client);
        }
        std::vector<int> due;
        for (const auto& [client, at] : wake_at)
            if (at <= now) due.push_back(client);
        for (const int client : due) {
            d::wake_list wake;
            const auto status = controller.poll(waiting.at(client), now, wake);
            mark(wake);
            if (status.state == d::waiter_state::granted) {
                wake_at.erase(client);
                waiting.erase(client);
                in_flight.emplace(now + latency, sent{client, status});
            } else {
                REQUIRE(status.state == d::waiter_state::queued);
                wake_at[client] = status.wake_at;
            }
        }
    }
    controller.fill(out.counters, now);
    return out;
}

tr::scheduler_options told(std::uint32_t per_minute) {
    tr::scheduler_options o;
    o.requests_per_window = per_minute;
    o.window = 60s;
    return o;
}

mock::rate_limit server_limit(mock::limit_shape shape) {
    mock::rate_limit limit;
    limit.requests = 1200;
    limit.window = 60s;
    limit.shape = shape;
    limit.burst = 5;  // the bucket only: 20 per second, 5 at once
    return limit;
}

}  // namespace

TEST_CASE("against every limiter shape, told the server's rate, half of it or twice it") {
    const auto shape = GENERATE(mock::limit_shape::sliding, mock::limit_shape::fixed, mock::limit_shape::bucket);
    const mock::rate_limit limit = server_limit(shape);
    const double server_per_second = 20;
    constexpr auto length = 180s;
    const double seconds = 180;
    INFO("server shape " << mock::to_string(shape));

    SECTION("told the server's own rate: at least 95 % of it, at most 3 429s per 100 requests") {
        const outcome o = run(told(1200), limit, length);
        INFO(o.describe());
        CHECK(double(o.accepted) >= 0.95 * server_per_second * seconds);
        CHECK(o.refused * 100 <= 3 * (o.accepted + o.refused));
    }
    SECTION("told half of it: at least 97 % of the told rate, and no 429 after the first second") {
        const outcome o = run(told(600), limit, length);
        INFO(o.describe());
        CHECK(double(o.accepted) >= 0.97 * 10 * seconds);
        CHECK(o.refused_after_first_second == 0);
        CHECK(o.counters.rate_decreases == 0);
    }
    SECTION("told twice: at least 90 % of the server's rate, at most 3 429s per 100 requests") {
        const outcome o = run(told(2400), limit, length);
        INFO(o.describe());
        CHECK(double(o.accepted) >= 0.90 * server_per_second * seconds);
        CHECK(o.refused * 100 <= 3 * (o.accepted + o.refused));
        CHECK(o.counters.rate_cause != tr::limit_cause::configured);
    }
}

TEST_CASE("a bucket that takes one request at a time teaches a burst of one, not a lower rate") {
    mock::rate_limit limit = server_limit(mock::limit_shape::bucket);
    limit.burst = 1;
    const outcome o = run(told(600), limit, 60s);
    INFO(o.describe());
    CHECK(o.counters.burst == 1);
    CHECK(o.counters.burst_cause == tr::limit_cause::burst_refusal);
    CHECK(o.counters.rate_decreases == 0);
    CHECK(o.refused_after_first_second == 0);
    CHECK(double(o.accepted) >= 0.97 * 10 * 60);
}

TEST_CASE("a configured burst deeper than the server's is cut back after one refused burst") {
    tr::scheduler_options options = told(1200);
    options.burst = 10;
    const outcome o = run(options, server_limit(mock::limit_shape::bucket), 60s, 16);
    INFO(o.describe());
    CHECK(o.counters.burst <= 5);
    CHECK(o.counters.burst_decreases >= 1);
    CHECK(o.counters.rate_decreases == 0);
    CHECK(o.refused_after_first_second == 0);
}
