// The admission state machine in virtual time: bucket, pause, adaptive rate, header sync,
// in-flight cap, priorities and deadlines, without a clock or a thread.
#include "scheduler/admission_controller.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using namespace std::chrono_literals;
namespace d = talentray::detail;
namespace tr = talentray;
using tr::priority;

namespace {

using talentray::testing::t0;
constexpr auto never = d::time_point::max();

/// 70 per minute with a burst of 10: exactly one token per second after the burst.
tr::scheduler_options one_per_second() {
    tr::scheduler_options o;
    o.requests_per_window = 70;
    o.window = 60s;
    o.burst = 10;
    o.max_in_flight = 100;
    o.pause_jitter = 0;
    o.default_pause = 2s;
    o.max_pause = 120s;
    return o;
}

struct machine {
    explicit machine(tr::scheduler_options o = one_per_second()) : c(o, t0) {}

    d::waiter_id enqueue(priority p, d::time_point now, d::time_point deadline = never) {
        wake.clear();
        return c.enqueue(p, deadline, now, wake);
    }
    d::waiter_status poll(d::waiter_id id, d::time_point now) {
        wake.clear();
        return c.poll(id, now, wake);
    }
    /// Enqueues and collects a grant that must be immediate.
    void admit_now(d::time_point now, priority p = priority::interactive) {
        const auto id = enqueue(p, now);
        REQUIRE(poll(id, now).state == d::waiter_state::granted);
    }
    void respond(int status, d::time_point now, std::optional<std::chrono::seconds> retry_after = {},
                 std::optional<d::time_point> admitted_at = {}, tr::rate_limit_info headers = {}, double jitter = 0) {
        d::response_event e;
        e.http_status = status;
        e.retry_after = retry_after;
        e.admitted_at = admitted_at;
        e.rate_limit = headers;
        e.jitter = jitter;
        wake.clear();
        c.on_response(e, now, wake);
    }
    void release(d::time_point now) {
        wake.clear();
        c.release(now, wake);
    }
    tr::scheduler_counters counters(d::time_point now) const {
        tr::scheduler_counters out;
        c.fill(out, now);
        return out;
    }
    bool woke(d::waiter_id id) const { return std::find(wake.begin(), wake.end(), id) != wake.end(); }

    d::admission_controller c;
    d::wake_list wake;
};

}  // namespace

TEST_CASE("the burst is admitted at once, then one request per token") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);
    const auto id = m.enqueue(priority::interactive, t0);
    const auto queued = m.poll(id, t0);
    REQUIRE(queued.state == d::waiter_state::queued);
    CHECK(queued.wake_at == t0 + 1s);  // the head waiter keeps the timer
    CHECK(m.poll(id, t0 + 999ms).state == d::waiter_state::queued);
    const auto granted = m.poll(id, t0 + 1s);
    CHECK(granted.state == d::waiter_state::granted);
    CHECK(granted.admitted_at == t0 + 1s);
    CHECK(granted.waited == 1s);

    const auto c = m.counters(t0 + 1s);
    CHECK(c.admitted == 11);
    CHECK(c.waited == 1);
    CHECK(c.total_wait == 1s);
    CHECK(c.max_wait == 1s);
    CHECK(c.in_flight == 11);
    CHECK(c.configured_rate_per_minute == Approx(60));
}

TEST_CASE("each waiter sleeps until its own turn; the head also keeps the queue's timer") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);
    const auto a = m.enqueue(priority::interactive, t0);
    const auto b = m.enqueue(priority::interactive, t0);
    const auto c = m.enqueue(priority::bulk, t0);
    CHECK(m.poll(a, t0).wake_at == t0 + 1s);
    CHECK(m.poll(b, t0).wake_at == t0 + 2s);
    CHECK(m.poll(c, t0).wake_at == t0 + 3s);
    REQUIRE(m.poll(a, t0 + 1s).state == d::waiter_state::granted);
    CHECK(m.woke(b));  // b is the new timekeeper and must look at the time again
    CHECK(m.poll(b, t0 + 1s).wake_at == t0 + 2s);
    CHECK(m.poll(b, t0 + 2s).state == d::waiter_state::granted);
}

TEST_CASE("a waiter whose turn comes is admitted even if the head never wakes") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);
    const auto stalled = m.enqueue(priority::interactive, t0);  // its executor never runs again
    const auto b = m.enqueue(priority::interactive, t0);
    REQUIRE(m.poll(b, t0).wake_at == t0 + 2s);
    CHECK(m.poll(b, t0 + 2s).state == d::waiter_state::granted);
    CHECK(m.poll(stalled, t0 + 5s).state == d::waiter_state::granted);
}

TEST_CASE("a waiter woken early by a 429 re-arms for its new turn") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);
    const auto a = m.enqueue(priority::interactive, t0);
    const auto b = m.enqueue(priority::interactive, t0);
    REQUIRE(m.poll(b, t0).wake_at == t0 + 2s);
    m.respond(429, t0 + 500ms, 10s, t0);  // pause until t0 + 10.5 s, limit halved to 35
    CHECK(m.poll(a, t0 + 500ms).wake_at == t0 + 10500ms);
    // b's timer still fires at t0 + 2 s: it finds its new turn (one token, then a bucket refilled
    // at (35 - 10) per minute: 2.4 s per token).
    CHECK(m.poll(b, t0 + 2s).wake_at == t0 + 12900ms);
}

TEST_CASE("a grant decided by someone else's event wakes the waiter") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);
    const auto a = m.enqueue(priority::interactive, t0);
    const auto b = m.enqueue(priority::interactive, t0);
    REQUIRE(m.poll(a, t0).state == d::waiter_state::queued);
    REQUIRE(m.poll(b, t0).state == d::waiter_state::queued);
    // Two seconds later a release pumps the machine: both tokens are there.
    m.release(t0 + 2s);
    CHECK(m.woke(a));
    CHECK(m.woke(b));
    CHECK(m.poll(a, t0 + 2s).state == d::waiter_state::granted);
    CHECK(m.poll(b, t0 + 2s).state == d::waiter_state::granted);
}

TEST_CASE("a 429 pauses every request of the key for its Retry-After") {
    machine m;
    m.admit_now(t0);
    m.respond(429, t0 + 100ms, 5s, t0);
    const auto a = m.enqueue(priority::interactive, t0 + 100ms);
    const auto b = m.enqueue(priority::bulk, t0 + 100ms);
    CHECK(m.poll(a, t0 + 100ms).wake_at == t0 + 5100ms);
    CHECK(m.poll(a, t0 + 5s).state == d::waiter_state::queued);
    CHECK(m.poll(a, t0 + 5100ms).state == d::waiter_state::granted);
    // The bucket resumes with a single token and a lower rate: no burst after a pause. Nothing
    // of ours was accepted before the refused request, so the limit is halved: 35 per minute,
    // a bucket of 10 refilled at 25 per minute.
    CHECK(m.poll(b, t0 + 5100ms).state == d::waiter_state::queued);
    CHECK(m.poll(b, t0 + 5100ms).wake_at == t0 + 7500ms);
    CHECK(m.poll(b, t0 + 7500ms).state == d::waiter_state::granted);

    const auto c = m.counters(t0 + 7500ms);
    CHECK(c.rate_limited_responses == 1);
    CHECK(c.rate_decreases == 1);
    CHECK(c.current_requests_per_window == Approx(35));
    CHECK(c.current_rate_per_minute == Approx(25));
}

TEST_CASE("the pause is reported, capped, and jittered within bounds") {
    SECTION("pause_remaining counts down") {
        machine m;
        m.respond(429, t0, 30s, t0);
        CHECK(m.counters(t0).pause_remaining == 30s);
        CHECK(m.counters(t0 + 10s).pause_remaining == 20s);
        CHECK(m.counters(t0 + 31s).pause_remaining == 0s);
    }
    SECTION("a huge Retry-After is cut to max_pause") {
        machine m;
        m.respond(429, t0, std::chrono::seconds{std::int64_t{1} << 31}, t0);
        CHECK(m.counters(t0).pause_remaining == 120s);
    }
    SECTION("jitter adds up to pause_jitter of the pause") {
        auto o = one_per_second();
        o.pause_jitter = 0.2;
        machine low{o}, mid{o}, high{o};
        low.respond(429, t0, 10s, t0, {}, 0.0);
        mid.respond(429, t0, 10s, t0, {}, 0.5);
        high.respond(429, t0, 10s, t0, {}, 0.999999);
        CHECK(low.counters(t0).pause_remaining == 10s);
        CHECK(mid.counters(t0).pause_remaining == 11s);
        CHECK(high.counters(t0).pause_remaining > 11900ms);
        CHECK(high.counters(t0).pause_remaining <= 12s);
    }
    SECTION("jitter never takes a pause past max_pause") {
        auto o = one_per_second();
        o.pause_jitter = 1.0;
        o.max_pause = 20s;
        machine near_cap{o}, at_cap{o}, unhinted{o};
        near_cap.respond(429, t0, 15s, t0, {}, 0.999999);
        at_cap.respond(429, t0, 600s, t0, {}, 0.999999);
        CHECK(near_cap.counters(t0).pause_remaining == 20s);
        CHECK(at_cap.counters(t0).pause_remaining == 20s);
        // Without Retry-After the doubling pause meets the cap too: 2, 4, 8, 16, then 20 s.
        auto at = t0;
        d::duration pause{};
        for (int i = 0; i < 6; ++i) {
            unhinted.respond(429, at, {}, at, {}, 0.999999);
            pause = unhinted.counters(at).pause_remaining;
            CHECK(pause <= 20s);
            at += pause;
        }
        CHECK(pause == 20s);
    }
    SECTION("a later, shorter Retry-After never shortens a pause") {
        machine m;
        m.respond(429, t0, 30s, t0);
        m.respond(429, t0 + 1s, 1s, t0);
        CHECK(m.counters(t0 + 1s).pause_remaining == 29s);
    }
}

TEST_CASE("without Retry-After the default pause doubles with each 429 in a row") {
    machine m;
    m.respond(429, t0, {}, t0);
    CHECK(m.counters(t0).pause_remaining == 2s);
    m.respond(429, t0 + 2s, {}, t0 + 2s);
    CHECK(m.counters(t0 + 2s).pause_remaining == 4s);
    m.respond(429, t0 + 6s, {}, t0 + 6s);
    CHECK(m.counters(t0 + 6s).pause_remaining == 8s);
    m.respond(200, t0 + 14s, {}, t0 + 14s);
    m.respond(429, t0 + 15s, {}, t0 + 15s);
    CHECK(m.counters(t0 + 15s).pause_remaining == 2s);  // a success resets the doubling
}

TEST_CASE("repeated 429s lower the limit to a floor; ten clean holds re-test it") {
    auto o = one_per_second();
    o.rate_recovery_period = 30s;  // factor 0.5, floor 10%
    machine m{o};
    m.respond(429, t0, 1s, t0);
    CHECK(m.counters(t0).current_requests_per_window == Approx(35));
    // In flight before the decrease: the same overload, no second decrease.
    m.respond(429, t0 + 100ms, 1s, t0 - 1s);
    CHECK(m.counters(t0).current_requests_per_window == Approx(35));
    // Sent after the decrease and still refused: lower again, down to the floor.
    for (int i = 1; i <= 6; ++i) m.respond(429, t0 + i * 2s, 1s, t0 + i * 2s - 500ms);
    CHECK(m.counters(t0 + 12s).current_requests_per_window == Approx(7));
    CHECK(m.counters(t0 + 12s).rate_decreases == 4);  // 35, 17.5, 8.75, 7 (floor), then no change
    // The bucket follows: a limit of 7 per minute is a bucket of 3 refilled at 4 per minute.
    CHECK(m.counters(t0 + 12s).current_rate_per_minute == Approx(4));

    // Refused even at the floor: nothing below is worth trying, nothing above is known to
    // hold. The last pause ends at t0 + 13 s; after ten holds of 30 s of clean admissions the
    // limit is tried again, halfway to the configured 70.
    d::time_point now = t0 + 13s;
    for (int second = 1; second < 300; ++second) m.respond(200, now + second * 1s, {}, now + second * 1s - 100ms);
    CHECK(m.counters(now + 299s).current_requests_per_window == Approx(7));
    m.respond(200, now + 300s, {}, now + 300s - 100ms);
    const auto c = m.counters(now + 300s);
    CHECK(c.current_requests_per_window == Approx(39));
    CHECK(c.rate_increases == 1);
    CHECK(c.rate_cause == tr::limit_cause::clean_admissions);
}

TEST_CASE("a 429 settles the limit at what the server accepted of the key in the window before") {
    machine m;  // 70 per minute; the server takes 40 of them
    d::time_point now = t0;
    for (int i = 0; i < 40; ++i) {
        // Admitted, answered and released.
        const auto id = m.enqueue(priority::bulk, now);
        auto status = m.poll(id, now);
        while (status.state != d::waiter_state::granted) status = m.poll(id, now = status.wake_at);
        m.respond(200, now, {}, now);
        m.release(now);
    }
    REQUIRE(now == t0 + 30s);  // the burst of 10, then one per second
    now += 1s;
    m.admit_now(now);
    m.respond(429, now + 10ms, 40s, now);
    const auto c = m.counters(now + 10ms);
    CHECK(c.rate_decreases == 1);
    CHECK(c.current_requests_per_window == Approx(40));  // not 35, half of what it was
    CHECK(c.current_rate_per_minute == Approx(30));      // a bucket of 10 and 30 per minute
}

TEST_CASE("a request finished less than a window ago still counts against the limit") {
    // 3 per minute with a burst of 1: the bucket admits one request every 30 s. The first two
    // are answered only at 55 s and 56 s (a slow connection, say): the server may have counted
    // them as late as that, so they take room in the limit until a window after.
    auto o = one_per_second();
    o.requests_per_window = 3;
    o.burst = 1;
    machine m{o};
    m.admit_now(t0);
    const auto second = m.enqueue(priority::bulk, t0);
    CHECK(m.poll(second, t0).wake_at == t0 + 30s);  // the bucket: (3 - 1) per minute
    REQUIRE(m.poll(second, t0 + 30s).state == d::waiter_state::granted);
    m.release(t0 + 55s);
    m.release(t0 + 56s);
    const auto third = m.enqueue(priority::bulk, t0 + 60s);
    // The bucket has a token; but the two finished at 55 s and 56 s fill 2 of 3 until 115 s.
    CHECK(m.poll(third, t0 + 60s).state == d::waiter_state::granted);
    // The bucket has a token again at 90 s, but the window is full until the finish at 55 s
    // leaves it: a deadline before then fails at once.
    const auto hurried = m.enqueue(priority::bulk, t0 + 90s, t0 + 100s);
    const auto refused = m.poll(hurried, t0 + 90s);
    CHECK(refused.state == d::waiter_state::expired);
    CHECK(refused.shortfall.earliest == 25s);
    const auto fourth = m.enqueue(priority::bulk, t0 + 90s);
    CHECK(m.poll(fourth, t0 + 90s).wake_at == t0 + 115s);
    CHECK(m.poll(fourth, t0 + 114s).state == d::waiter_state::queued);
    CHECK(m.poll(fourth, t0 + 115s).state == d::waiter_state::granted);
}

TEST_CASE("without the admission time, 429s during the pause count as one overload") {
    machine m;
    m.respond(429, t0, 10s);
    m.respond(429, t0 + 1s, 10s);
    m.respond(429, t0 + 2s, 10s);
    CHECK(m.counters(t0 + 2s).rate_decreases == 1);
    m.respond(429, t0 + 20s, 10s);  // after the pause: a new overload
    CHECK(m.counters(t0 + 20s).rate_decreases == 2);
}

TEST_CASE("a request that cannot be admitted before its deadline fails at once") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);

    const auto late = m.enqueue(priority::interactive, t0, t0 + 500ms);
    const auto failed = m.poll(late, t0);
    REQUIRE(failed.state == d::waiter_state::expired);
    CHECK_FALSE(failed.shortfall.deadline_reached);
    CHECK(failed.shortfall.earliest == 1s);
    CHECK(failed.shortfall.until_deadline == 500ms);
    CHECK(failed.shortfall.describe().find("at least 1.00 s") != std::string::npos);

    const auto fine = m.enqueue(priority::interactive, t0, t0 + 1500ms);
    CHECK(m.poll(fine, t0).state == d::waiter_state::queued);
    // With two ahead of it, a third needs the third token: t0 + 3 s.
    m.enqueue(priority::interactive, t0);
    const auto third = m.enqueue(priority::interactive, t0, t0 + 2500ms);
    const auto third_status = m.poll(third, t0);
    REQUIRE(third_status.state == d::waiter_state::expired);
    CHECK(third_status.shortfall.ahead == 2);
    CHECK(third_status.shortfall.earliest == 3s);
    const auto fourth = m.enqueue(priority::interactive, t0, t0 + 3500ms);
    CHECK(m.poll(fourth, t0).state == d::waiter_state::queued);

    CHECK(m.counters(t0).admission_deadline_failures == 2);
}

TEST_CASE("a deadline already past fails without queueing") {
    machine m;
    const auto id = m.enqueue(priority::interactive, t0, t0);
    const auto s = m.poll(id, t0);
    REQUIRE(s.state == d::waiter_state::expired);
    CHECK(s.shortfall.deadline_reached);
    CHECK(s.shortfall.describe().find("the deadline had already passed when admission was requested") == 0);
    CHECK(m.counters(t0).queued_interactive == 0);
}

TEST_CASE("a 429 fails queued waiters whose deadline it puts out of reach, and only those") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);
    const auto short_deadline = m.enqueue(priority::interactive, t0, t0 + 3s);
    const auto long_deadline = m.enqueue(priority::interactive, t0, t0 + 30s);
    const auto no_deadline = m.enqueue(priority::bulk, t0);
    REQUIRE(m.poll(short_deadline, t0).state == d::waiter_state::queued);

    m.respond(429, t0 + 100ms, 10s, t0);
    CHECK(m.woke(short_deadline));
    CHECK_FALSE(m.woke(no_deadline));  // (the long one may be woken: it becomes the timekeeper)
    const auto s = m.poll(short_deadline, t0 + 100ms);
    REQUIRE(s.state == d::waiter_state::expired);
    CHECK(s.shortfall.pause_remaining == 10s);
    CHECK(s.shortfall.describe().find("paused for 10.00 s") != std::string::npos);
    CHECK(m.poll(long_deadline, t0 + 100ms).state == d::waiter_state::queued);
    CHECK(m.poll(no_deadline, t0 + 100ms).state == d::waiter_state::queued);
}

TEST_CASE("a waiter blocked by the in-flight cap fails when its deadline is reached") {
    auto o = one_per_second();
    o.max_in_flight = 1;
    machine m{o};
    m.admit_now(t0);
    const auto id = m.enqueue(priority::interactive, t0, t0 + 2s);
    const auto queued = m.poll(id, t0);
    REQUIRE(queued.state == d::waiter_state::queued);
    CHECK(queued.wake_at == t0 + 2s);  // only its own deadline: the cap is event-driven
    const auto s = m.poll(id, t0 + 2s);
    REQUIRE(s.state == d::waiter_state::expired);
    CHECK(s.shortfall.deadline_reached);
    CHECK(s.shortfall.in_flight == 1);
    CHECK(s.shortfall.describe().find("deadline reached after 2.00 s") != std::string::npos);
}

TEST_CASE("the in-flight cap holds requests until a permit is released") {
    auto o = one_per_second();
    o.max_in_flight = 2;
    machine m{o};
    m.admit_now(t0);
    m.admit_now(t0);
    const auto third = m.enqueue(priority::interactive, t0);
    const auto waiting = m.poll(third, t0);
    REQUIRE(waiting.state == d::waiter_state::queued);
    CHECK(waiting.wake_at == never);
    CHECK(m.counters(t0).in_flight == 2);
    m.release(t0 + 50ms);
    CHECK(m.woke(third));
    CHECK(m.poll(third, t0 + 50ms).state == d::waiter_state::granted);
    CHECK(m.counters(t0 + 50ms).in_flight == 2);
}

TEST_CASE("interactive requests go first and bulk still progresses") {
    machine m;
    for (int i = 0; i < 10; ++i) m.admit_now(t0);  // empty the bucket: one grant per second
    std::vector<d::waiter_id> bulk, interactive;
    for (int i = 0; i < 3; ++i) bulk.push_back(m.enqueue(priority::bulk, t0));
    for (int i = 0; i < 10; ++i) interactive.push_back(m.enqueue(priority::interactive, t0));

    std::vector<d::waiter_id> order;
    std::vector<d::waiter_id> pending = bulk;
    pending.insert(pending.end(), interactive.begin(), interactive.end());
    for (int second = 1; !pending.empty(); ++second) {
        const d::time_point now = t0 + second * 1s;
        std::vector<d::waiter_id> granted_now;
        for (const auto id : pending)
            if (m.poll(id, now).state == d::waiter_state::granted) granted_now.push_back(id);
        REQUIRE(granted_now.size() == 1);
        order.push_back(granted_now.front());
        std::erase(pending, granted_now.front());
    }
    const auto& i = interactive;
    const auto& b = bulk;
    CHECK(order == std::vector<d::waiter_id>{i[0], i[1], i[2], i[3], b[0], i[4], i[5], i[6], i[7], b[1], i[8], i[9], b[2]});
}

TEST_CASE("withdrawing returns an uncollected grant, and leaves the queue") {
    machine m;
    const auto id = m.enqueue(priority::interactive, t0);  // granted inside enqueue
    m.wake.clear();
    m.c.withdraw(id, t0, m.wake);
    auto c = m.counters(t0);
    CHECK(c.in_flight == 0);
    CHECK(c.admitted == 0);
    CHECK(c.cancelled_waits == 1);
    for (int i = 0; i < 10; ++i) m.admit_now(t0);  // the token came back: still a full burst

    const auto queued = m.enqueue(priority::bulk, t0);
    REQUIRE(m.poll(queued, t0).state == d::waiter_state::queued);
    m.wake.clear();
    m.c.withdraw(queued, t0, m.wake);
    c = m.counters(t0);
    CHECK(c.queued_bulk == 0);
    CHECK(c.cancelled_waits == 2);
    CHECK(m.poll(queued, t0).state == d::waiter_state::unknown);
}

TEST_CASE("rate-limit headers re-synchronise the bucket") {
    SECTION("nothing remaining holds every request until the reset") {
        machine m;
        tr::rate_limit_info h;
        h.remaining = 0;
        h.reset = 5s;
        m.respond(200, t0, {}, t0, h);
        CHECK(m.counters(t0).header_syncs == 1);
        CHECK(m.counters(t0).pause_remaining == 5s);
        const auto id = m.enqueue(priority::interactive, t0);
        CHECK(m.poll(id, t0).wake_at == t0 + 5s);
        CHECK(m.poll(id, t0 + 5s).state == d::waiter_state::granted);
    }
    SECTION("what remains is shared with the requests still in flight") {
        machine m;
        for (int i = 0; i < 3; ++i) m.admit_now(t0);
        tr::rate_limit_info h;
        h.remaining = 5;  // the 2 others in flight will take 2 of these
        h.reset = 30s;
        m.respond(200, t0, {}, t0, h);
        for (int i = 0; i < 3; ++i) m.admit_now(t0);
        const auto fourth = m.enqueue(priority::interactive, t0);
        CHECK(m.poll(fourth, t0).wake_at == t0 + 30s);  // not t0 + 1 s: the window is used up
        CHECK(m.poll(fourth, t0 + 29s).state == d::waiter_state::queued);
        CHECK(m.poll(fourth, t0 + 30s).state == d::waiter_state::granted);
    }
    SECTION("an advertised lower limit lowers the rate; a higher one does not raise it") {
        machine m;
        tr::rate_limit_info lower;
        lower.limit = 35;
        lower.window = 60s;
        m.respond(200, t0, {}, t0, lower);
        CHECK(m.counters(t0).current_rate_per_minute == Approx(25));  // (35 - 10) per minute
        CHECK(m.counters(t0).configured_rate_per_minute == Approx(60));
        tr::rate_limit_info higher;
        higher.limit = 6000;
        m.respond(200, t0 + 1s, {}, t0, higher);
        CHECK(m.counters(t0 + 1s).current_rate_per_minute <= Approx(60));
    }
    SECTION("ignored when disabled") {
        auto o = one_per_second();
        o.sync_from_headers = false;
        machine m{o};
        tr::rate_limit_info h;
        h.remaining = 0;
        h.reset = 5s;
        m.respond(200, t0, {}, t0, h);
        CHECK(m.counters(t0).header_syncs == 0);
        m.admit_now(t0);
    }
}

TEST_CASE("a long server window reset is capped like a pause") {
    machine m;
    tr::rate_limit_info h;
    h.remaining = 0;
    h.reset = 3600s;
    m.respond(200, t0, {}, t0, h);
    CHECK(m.counters(t0).pause_remaining == 120s);
}

namespace {

/// 600 per minute with a configured burst of 10: the documented limit.
tr::scheduler_options documented() {
    tr::scheduler_options o;
    o.burst = 10;
    o.max_in_flight = 100;
    o.pause_jitter = 0;
    return o;
}

/// Admits `count` requests at `now` and returns their statuses.
std::vector<d::waiter_status> admit_all(machine& m, int count, d::time_point now) {
    std::vector<d::waiter_status> out;
    for (int i = 0; i < count; ++i) {
        const auto id = m.enqueue(priority::bulk, now);
        out.push_back(m.poll(id, now));
        REQUIRE(out.back().state == d::waiter_state::granted);
    }
    return out;
}

void respond_to(machine& m, const d::waiter_status& admitted, int status, d::time_point now,
                std::optional<std::chrono::seconds> retry_after = {}) {
    d::response_event e;
    e.http_status = status;
    e.retry_after = retry_after;
    e.admitted_at = admitted.admitted_at;
    e.depth = admitted.depth;
    m.wake.clear();
    m.c.on_response(e, now, m.wake);
}

}  // namespace

TEST_CASE("a 429 inside a burst lowers the burst and leaves the rate alone") {
    machine m{documented()};
    const auto burst = admit_all(m, 10, t0);
    CHECK(burst[6].depth.excess == 7);
    for (int i = 0; i < 6; ++i) respond_to(m, burst[i], 200, t0 + 50ms);
    for (int i = 6; i < 10; ++i) respond_to(m, burst[i], 429, t0 + 50ms, 1s);

    const auto c = m.counters(t0 + 50ms);
    CHECK(c.burst == 6);
    CHECK(c.burst_ceiling == 6);
    CHECK(c.burst_cause == tr::limit_cause::burst_refusal);
    CHECK(c.burst_decreases == 1);
    CHECK(c.rate_decreases == 0);
    CHECK(c.current_requests_per_window == Approx(600));
    // With room for a burst of 6 rather than 10, the rate rises to (600 - 6) per minute.
    CHECK(c.current_rate_per_minute == Approx(594));
    CHECK(c.rate_cause == tr::limit_cause::burst_refusal);
    REQUIRE(c.recent_changes.size() == 2);
    CHECK(c.recent_changes[0].what == tr::limit_change::quantity::rate);
    CHECK(c.recent_changes[0].from == Approx(590));
    CHECK(c.recent_changes[0].to == Approx(594));
    CHECK(c.recent_changes[1].what == tr::limit_change::quantity::burst);
    CHECK(c.recent_changes[1].from == Approx(10));
    CHECK(c.recent_changes[1].to == Approx(6));
    CHECK(c.recent_changes[1].at == 50ms);
    CHECK(c.recent_changes[1].cause == tr::limit_cause::burst_refusal);
    // The Retry-After is honoured all the same.
    CHECK(c.pause_remaining == 1s);
}

TEST_CASE("a 429 at the steady pace lowers the rate and leaves the burst alone") {
    machine m{documented()};
    admit_all(m, 10, t0);
    // Then paced requests, one per token (590 per minute: every 101.7 ms).
    d::time_point now = t0;
    d::waiter_status paced;
    for (int i = 0; i < 5; ++i) {
        const auto id = m.enqueue(priority::bulk, now);
        auto status = m.poll(id, now);
        while (status.state == d::waiter_state::queued) status = m.poll(id, now = status.wake_at);
        paced = status;
    }
    CHECK_FALSE(paced.depth.in_burst());
    respond_to(m, paced, 429, now + 10ms, 1s);

    const auto c = m.counters(now + 10ms);
    CHECK(c.rate_decreases == 1);
    CHECK(c.burst_decreases == 0);
    CHECK(c.burst == 10);
    CHECK(c.current_requests_per_window == Approx(300));
    CHECK(c.rate_cause == tr::limit_cause::rate_refusal);
}

TEST_CASE("a 429 whose admission depth is unknown counts against the rate") {
    machine m{documented()};
    admit_all(m, 10, t0);
    m.respond(429, t0 + 50ms, 1s, t0);
    const auto c = m.counters(t0 + 50ms);
    CHECK(c.rate_decreases == 1);
    CHECK(c.burst_decreases == 0);
}

TEST_CASE("without a configured burst the budget opens with two and grows on accepted full bursts") {
    tr::scheduler_options o = documented();
    o.burst.reset();
    machine m{o};
    CHECK(m.counters(t0).burst == 2);
    CHECK(m.counters(t0).burst_cause == tr::limit_cause::opening);
    CHECK(m.counters(t0).burst_ceiling == 10);
    // The rate leaves room for the largest burst it may grow to.
    CHECK(m.counters(t0).current_rate_per_minute == Approx(590));
    const auto both = admit_all(m, 2, t0);
    // A third at the same instant waits for a token.
    const auto third = m.enqueue(priority::bulk, t0);
    CHECK(m.poll(third, t0).state == d::waiter_state::queued);
    respond_to(m, both[0], 200, t0 + 50ms);
    respond_to(m, both[1], 200, t0 + 50ms);
    const auto c = m.counters(t0 + 50ms);
    CHECK(c.burst == 3);
    CHECK(c.burst_increases == 1);
    CHECK(c.burst_cause == tr::limit_cause::clean_admissions);
}
