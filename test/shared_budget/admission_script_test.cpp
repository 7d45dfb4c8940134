// The admission script's pacing against a real Redis. The script reads the server's TIME; the
// test moves that clock with a fixed offset per call, over a long window (10 per 1000 s), so the
// real milliseconds the test takes are negligible.
#include "shared_budget/admission_script.hpp"

#include "redis_server.hpp"
#include "redis_sync.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>

using namespace std::chrono_literals;
namespace td = talentray::detail;

namespace {

struct script_fixture {
    redis_test::redis_server server;
    redis_test::sync_redis redis{server.url()};
    td::shared_pacing pacing{10, 1'000'000ms, 2};  // interval (1000 s / 8) = 125 s, tolerance 250 s
    td::shared_budget_keys keys = td::shared_budget_keys_for(td::shared_budget_identity("tr_script_test"));

    script_fixture() { REQUIRE(redis.run({"SCRIPT", "LOAD", td::admission_script()})); }

    td::script_answer run(const std::vector<std::string>& args) {
        const auto reply = redis.run(args);
        REQUIRE(reply);
        INFO(reply->text);
        const auto answer = td::parse_script_answer(*reply);
        REQUIRE(answer);
        return *answer;
    }
    td::script_answer take(std::uint32_t n, std::chrono::seconds at) { return run(td::take_command(keys, pacing, n, at)); }
};

using redis_test::have_redis;

/// A 429 with a 300 s pause that, when it is not a lone one, halves the limit (down to 2) for
/// far longer than any test runs.
td::shared_refusal long_strike() {
    td::shared_refusal refusal;
    refusal.pause = 300s;
    refusal.decrease_factor = 0.5;
    refusal.floor = 2;
    refusal.recovery = 600'000s;
    return refusal;
}

}  // namespace

TEST_CASE("the script grants the burst at once, then one permit per interval, and says how long to wait") {
    if (!have_redis()) return;
    script_fixture f;
    const auto first = f.take(5, 0s);
    CHECK(first.granted == 2);  // the burst, though 5 were asked for
    CHECK(first.limit == 10);
    const auto none = f.take(1, 0s);
    CHECK(none.granted == 0);
    CHECK(none.wait > 124s);
    CHECK(none.wait <= 125s);
    const auto later = f.take(5, 125s);
    CHECK(later.granted == 1);
    CHECK(f.take(1, 125s).granted == 0);
    // A permit given back is there for the next take.
    f.run(td::give_back_command(f.keys, f.pacing, 1, later.tat, 125s));
    CHECK(f.take(1, 125s).granted == 1);
}

TEST_CASE("no window of the server's sees more than the limit, and a steady taker gets close to it") {
    if (!have_redis()) return;
    script_fixture f;
    std::vector<std::chrono::seconds> granted_at;
    for (std::chrono::seconds at = 0s; at <= 5000s; at += 25s) {
        const auto answer = f.take(3, at);
        for (std::uint32_t i = 0; i < answer.granted; ++i) granted_at.push_back(at);
    }
    std::size_t most_in_a_window = 0;
    for (std::size_t i = 0; i < granted_at.size(); ++i) {
        const auto in_window = std::count_if(granted_at.begin() + std::ptrdiff_t(i), granted_at.end(),
                                             [&](auto t) { return t < granted_at[i] + 1000s; });
        most_in_a_window = std::max(most_in_a_window, std::size_t(in_window));
    }
    CHECK(most_in_a_window <= 10);
    // 5000 s at (10 - 2) per 1000 s plus the opening burst: 42.
    CHECK(granted_at.size() >= 40);
    CHECK(granted_at.size() <= 42);
}

TEST_CASE("a lone refusal pauses every taker of the key but keeps the shared limit") {
    if (!have_redis()) return;
    script_fixture f;
    const td::shared_refusal refusal = long_strike();
    const auto refused = f.run(td::refuse_command(f.keys, f.pacing, refusal, 0s));
    CHECK(refused.limit == 10);
    const auto paused = f.take(1, 200s);
    CHECK(paused.granted == 0);
    CHECK(paused.wait > 99s);
    CHECK(paused.wait <= 100s);
    // More 429s of the same overload (before its pause ended) are the same strike.
    td::shared_refusal short_one = refusal;
    short_one.pause = 10s;  // ends within the first pause: does not extend it
    CHECK(f.run(td::refuse_command(f.keys, f.pacing, short_one, 250s)).limit == 10);
    const auto resumed = f.take(5, 301s);
    CHECK(resumed.granted == 2);
    CHECK(resumed.limit == 10);
    // Another key is neither paused nor lowered.
    const auto other_keys = td::shared_budget_keys_for(td::shared_budget_identity("tr_another_key"));
    const auto reply = f.redis.run(td::take_command(other_keys, f.pacing, 1, 200s));
    REQUIRE(reply);
    const auto other = td::parse_script_answer(*reply);
    REQUIRE(other);
    CHECK(other->granted == 1);
    CHECK(other->limit == 10);
}

TEST_CASE("a second refusal after the first one's pause, within the recovery period, lowers the shared limit") {
    if (!have_redis()) return;
    script_fixture f;
    const td::shared_refusal refusal = long_strike();
    CHECK(f.run(td::refuse_command(f.keys, f.pacing, refusal, 0s)).limit == 10);
    const auto second = f.run(td::refuse_command(f.keys, f.pacing, refusal, 400s));
    CHECK(second.limit == 5);
    const auto resumed = f.take(5, 701s);
    CHECK(resumed.granted == 2);
    CHECK(resumed.limit == 5);
}

TEST_CASE("a refusal after the recovery period is a lone one again and keeps the shared limit") {
    if (!have_redis()) return;
    script_fixture f;
    td::shared_refusal refusal;
    refusal.pause = 1s;
    refusal.recovery = 100ms;  // the strike's expiry is real time: Redis expires keys by its own clock
    CHECK(f.run(td::refuse_command(f.keys, f.pacing, refusal, 0s)).limit == 10);
    // Wait for the strike to expire: an observable event, the key's absence.
    for (;;) {
        const auto exists = f.redis.run({"EXISTS", f.keys.strike});
        REQUIRE(exists);
        if (exists->integer == 0) break;
    }
    CHECK(f.run(td::refuse_command(f.keys, f.pacing, refusal, 10s)).limit == 10);
}

TEST_CASE("a charge counts permits at once whatever the budget holds, and takes wait for them") {
    if (!have_redis()) return;
    script_fixture f;
    CHECK(f.take(5, 0s).granted == 2);  // the burst: the budget is empty until 125 s
    const auto charged = f.run(td::charge_command(f.keys, f.pacing, 2, 0s));
    CHECK(charged.granted == 2);
    // Two more intervals: the next permit comes at 375 s, not 125 s.
    CHECK(f.take(1, 370s).granted == 0);
    CHECK(f.take(1, 375s).granted == 1);
}

TEST_CASE("every key the script writes expires, so a dead process leaves nothing behind") {
    if (!have_redis()) return;
    script_fixture f;
    f.take(1, 0s);
    f.run(td::charge_command(f.keys, f.pacing, 3, 0s));
    td::shared_refusal refusal;
    refusal.pause = 5s;
    f.run(td::refuse_command(f.keys, f.pacing, refusal, 0s));
    f.run(td::refuse_command(f.keys, f.pacing, refusal, 10s));  // the second strike writes the limit
    for (const auto& key : {f.keys.tat, f.keys.pause, f.keys.limit, f.keys.strike}) {
        const auto ttl = f.redis.run({"PTTL", key});
        REQUIRE(ttl);
        INFO(key);
        CHECK(ttl->integer > 0);
    }
}

TEST_CASE("the key names hold a SHA-256 of the key, never the key") {
    const auto identity = td::shared_budget_identity("tr_visible_key");
    CHECK(identity.size() == 64);
    const auto keys = td::shared_budget_keys_for(identity);
    CHECK(keys.tat.find("tr_visible_key") == std::string::npos);
    CHECK(keys.tat.find(identity) != std::string::npos);
    CHECK(td::shared_budget_identity("tr_visible_key") != td::shared_budget_identity("tr_visible_kez"));
}

/// Equal but for the real time the test itself takes (the script's clock is the server's).
static bool near(std::chrono::microseconds got, std::chrono::microseconds expected) {
    return got <= expected && got > expected - 1s;
}

TEST_CASE("a take with a horizon reserves the permits due within it, each due when a taker asking then would get it") {
    if (!have_redis()) return;
    script_fixture f;
    f.pacing.horizon = 300s;  // interval 125 s, tolerance 250 s
    const auto first = f.take(5, 0s);
    CHECK(first.granted == 4);  // the burst of 2 now, then the slots at 125 s and 250 s
    CHECK(first.ready == 2);
    CHECK(first.due(0) == 0s);
    CHECK(first.due(1) == 0s);
    CHECK(near(first.due(2), 125s));
    CHECK(near(first.due(3), 250s));
    // The next slot (375 s) comes within the horizon at 75 s: that is the wait asked for.
    const auto none = f.take(5, 0s);
    CHECK(none.granted == 0);
    CHECK(near(none.wait, 75s));
    const auto next = f.take(5, 75s);
    CHECK(next.granted == 1);
    CHECK(next.ready == 0);
    CHECK(near(next.due(0), 300s));
}

TEST_CASE("with reservations ahead no window of the server's sees more than the limit, however late takers ask") {
    if (!have_redis()) return;
    script_fixture f;
    f.pacing.horizon = 300s;
    std::vector<std::chrono::microseconds> due_at;
    // Takers asking at uneven times, some long after the last slot they could have used.
    std::chrono::seconds at = 0s;
    for (int i = 0; at <= 5000s; ++i) {
        const auto answer = f.take(3, at);
        for (std::uint32_t k = 0; k < answer.granted; ++k) due_at.push_back(at + answer.due(k));
        at += std::chrono::seconds{(i % 3 == 0) ? 10 : (i % 3 == 1) ? 140 : 260};
    }
    std::sort(due_at.begin(), due_at.end());
    std::size_t most_in_a_window = 0;
    for (std::size_t i = 0; i < due_at.size(); ++i) {
        const auto in_window = std::count_if(due_at.begin() + std::ptrdiff_t(i), due_at.end(),
                                             [&](auto t) { return t < due_at[i] + 1000s; });
        most_in_a_window = std::max(most_in_a_window, std::size_t(in_window));
    }
    CHECK(most_in_a_window <= 10);
    // Asked for at least every 260 s, each slot of 125 s is still within the horizon and the
    // tolerance then: none is lost, as many as a taker asking at every slot would get.
    CHECK(due_at.size() >= 40);
}

TEST_CASE("permits go back only while no other take came after them") {
    if (!have_redis()) return;
    script_fixture f;
    f.pacing.horizon = 300s;
    const auto mine = f.take(4, 0s);
    REQUIRE(mine.granted == 4);
    const auto back = f.run(td::give_back_command(f.keys, f.pacing, 2, mine.tat, 0s));
    CHECK(back.granted == 2);
    // The two slots given back (125 s and 250 s) are the next taker's.
    const auto other = f.take(4, 0s);
    CHECK(other.granted == 2);
    CHECK(near(other.due(0), 125s));
    // Its slots follow mine: mine may no longer come back.
    const auto refused = f.run(td::give_back_command(f.keys, f.pacing, 1, back.tat, 0s));
    CHECK(refused.granted == 0);
    CHECK(f.take(1, 0s).granted == 0);
}
