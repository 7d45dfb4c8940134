// shared_admission_budget through the public rate_budget: two budgets with one name stand for
// two processes; a real redis-server keeps what they share.
#include "scheduler/admission_budget.hpp"

#include "redis_server.hpp"
#include "redis_sync.hpp"

#include <talentray/scheduler/budget_registry.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;
namespace tr = talentray;
namespace td = talentray::detail;
namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

namespace {

using redis_test::have_redis;

tr::scheduler_options shared_options(const std::string& url) {
    tr::scheduler_options o;
    o.requests_per_window = 20;
    o.window = 1s;
    o.burst = 2;
    o.shared_budget = url;
    o.shared_budget_timeout = 100ms;
    return o;
}

/// The answer a client reports for `permit`'s request.
tr::response_feedback answer_to(const tr::admission_permit& permit) {
    tr::response_feedback answered;
    answered.http_status = 200;
    answered.admitted_at = permit.admitted_at();
    return answered;
}

/// Admits `count` requests through `budget` on `io`, recording each admission time; each
/// is answered and its permit released at once, as a request that finished.
asio::awaitable<void> admit_many(td::admission_budget& budget, int count, std::vector<steady::time_point>& times,
                                 std::mutex& lock) {
    for (int i = 0; i < count; ++i) {
        auto permit = co_await budget.admit(tr::priority::bulk, steady::time_point::max());
        REQUIRE(permit);
        budget.on_response(answer_to(*permit));
        std::lock_guard guard{lock};
        times.push_back(steady::now());
    }
}

/// One admission on a private io_context, run to completion.
tr::result<tr::admission_permit> admit_once(const tr::rate_budget& budget) {
    asio::io_context io;
    auto future = asio::co_spawn(io, td::budget_of(budget).admit(tr::priority::interactive, steady::time_point::max()),
                                 asio::use_future);
    io.run();
    return future.get();
}

}  // namespace

TEST_CASE("two budgets of one key in one Redis stay together within the key's limit") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    const auto options = shared_options(server.url());
    tr::rate_budget first{options, "same-key"};
    tr::rate_budget second{options, "same-key"};
    std::vector<steady::time_point> times;
    std::mutex lock;
    asio::io_context io;
    asio::co_spawn(io, admit_many(td::budget_of(first), 15, times, lock), asio::detached);
    asio::co_spawn(io, admit_many(td::budget_of(second), 15, times, lock), asio::detached);
    io.run();
    REQUIRE(times.size() == 30);
    std::sort(times.begin(), times.end());
    // At (20 - 2) per second after a burst of 2, 30 admissions need about 1.5 s; separate
    // budgets would have taken 30 in about 0.7 s. Any second holds at most the limit.
    std::size_t most = 0;
    for (std::size_t i = 0; i < times.size(); ++i)
        most = std::max<std::size_t>(most, std::size_t(std::count_if(times.begin() + std::ptrdiff_t(i), times.end(),
                                                          [&](auto t) { return t < times[i] + 1s; })));
    CHECK(most <= 20);
    CHECK(times.back() - times.front() >= 1s);
    const auto a = first.counters();
    const auto b = second.counters();
    CHECK(a.budget == tr::budget_kind::shared);
    CHECK(a.shared_admissions + b.shared_admissions == 30);
    CHECK(a.fallback_episodes + b.fallback_episodes == 0);
}

TEST_CASE("with Redis unreachable admission falls back at once, warning once, and rejoins when it answers") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    server.kill();
    auto options = shared_options(server.url());
    std::vector<std::string> warnings;
    std::mutex lock;
    auto budget = tr::shared_rate_budget("tr_fallback_test_key", options, [&](tr::log_level level, std::string_view line) {
        std::lock_guard guard{lock};
        if (level == tr::log_level::warning) warnings.emplace_back(line);
    });
    for (int i = 0; i < 3; ++i) REQUIRE(admit_once(*budget));
    auto counters = budget->counters();
    CHECK(counters.budget == tr::budget_kind::fallback);
    CHECK(counters.fallback_episodes == 1);
    CHECK(counters.fallback_admissions == 3);
    {
        std::lock_guard guard{lock};
        REQUIRE(warnings.size() == 1);
        CHECK_THAT(warnings[0], Catch::Contains("unreachable"));
        CHECK_THAT(warnings[0], Catch::Contains(server.url()));
    }

    server.restart();
    // The probe backs off to at most 2 s; admissions go on (in fallback) meanwhile.
    const auto give_up = steady::now() + 10s;
    while (budget->counters().shared_admissions == 0 && steady::now() < give_up) REQUIRE(admit_once(*budget));
    counters = budget->counters();
    CHECK(counters.shared_admissions >= 1);
    CHECK(counters.budget == tr::budget_kind::shared);
    CHECK(counters.fallback_episodes == 1);
    std::lock_guard guard{lock};
    CHECK(warnings.size() == 1);
}

TEST_CASE("a shared budget wants a ready connection while it admits through Redis, not in its fallback") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    server.kill();
    auto budget = tr::shared_rate_budget("tr_ready_connection_test_key", shared_options(server.url()));
    REQUIRE(admit_once(*budget));
    REQUIRE(budget->counters().budget == tr::budget_kind::fallback);
    CHECK_FALSE(td::budget_of(*budget).wants_ready_connection());

    server.restart();
    const auto give_up = steady::now() + 10s;
    while (budget->counters().shared_admissions == 0 && steady::now() < give_up) REQUIRE(admit_once(*budget));
    REQUIRE(budget->counters().budget == tr::budget_kind::shared);
    CHECK(td::budget_of(*budget).wants_ready_connection());
}

TEST_CASE("a 429 reported to one budget pauses the other for its Retry-After") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    const auto options = shared_options(server.url());
    tr::rate_budget first{options, "paused-key"};
    tr::rate_budget second{options, "paused-key"};
    REQUIRE(admit_once(first));
    tr::response_feedback refused;
    refused.http_status = 429;
    refused.retry_after = 1s;
    td::budget_of(first).on_response(refused);
    // Observable in Redis once written: the pause key of this budget.
    redis_test::sync_redis redis{server.url()};
    const auto give_up = steady::now() + 5s;
    bool paused = false;
    while (!paused && steady::now() < give_up) {
        const auto keys = redis.run({"KEYS", "talentray:budget:*:pause"});
        REQUIRE(keys);
        paused = !keys->elements.empty();
    }
    REQUIRE(paused);
    const auto started = steady::now();
    REQUIRE(admit_once(second));  // the second budget saw no 429 of its own
    CHECK(steady::now() - started >= 500ms);
    CHECK(second.counters().shared_round_trips >= 2);  // refused while paused, then granted
}

TEST_CASE("Redis never sees the API key: not in its keys, not in the commands it receives") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    const std::string api_key = "tr_" + std::string(64, 'k');

    // MONITOR on a raw socket: every command the server executes, as text.
    asio::io_context io;
    asio::ip::tcp::socket monitor{io};
    monitor.connect({asio::ip::address_v4::loopback(), server.port()});
    asio::write(monitor, asio::buffer(std::string("MONITOR\r\n")));
    std::string captured;
    char chunk[4096];
    while (captured.find("+OK") == std::string::npos) captured.append(chunk, monitor.read_some(asio::buffer(chunk)));

    auto budget = tr::shared_rate_budget(api_key, shared_options(server.url()));
    REQUIRE(admit_once(*budget));
    tr::response_feedback refused;
    refused.http_status = 429;
    refused.retry_after = 1s;
    td::budget_of(*budget).on_response(refused);
    REQUIRE(admit_once(*budget));  // after the pause was written: the refusal came first

    redis_test::sync_redis redis{server.url()};
    REQUIRE(redis.run({"ECHO", "end-of-capture"}));
    while (captured.find("end-of-capture") == std::string::npos)
        captured.append(chunk, monitor.read_some(asio::buffer(chunk)));
    CHECK_THAT(captured, Catch::Contains("EVALSHA"));
    CHECK(captured.find(api_key) == std::string::npos);
    CHECK(captured.find(std::string(16, 'k')) == std::string::npos);

    const auto scan = redis.run({"SCAN", "0", "COUNT", "10000"});
    REQUIRE(scan);
    REQUIRE(scan->elements.size() == 2);
    const auto& keys = scan->elements[1].elements;
    CHECK(keys.size() >= 2);  // tat and pause (and the lowered limit)
    for (const auto& key : keys) {
        INFO(key.text);
        CHECK(key.text.find(std::string(16, 'k')) == std::string::npos);
    }
}

TEST_CASE("a rate_budget made with a key's digest shares its state in Redis with the clients of that key") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    const std::string api_key = "tr_hand_made_budget_key";
    const auto options = shared_options(server.url());
    const tr::rate_budget by_hand{options, tr::api_key_digest(api_key)};
    const auto of_clients = tr::shared_rate_budget(api_key, options);
    REQUIRE(admit_once(by_hand));
    REQUIRE(admit_once(*of_clients));
    redis_test::sync_redis redis{server.url()};
    const auto keys = redis.run({"KEYS", "talentray:budget:*:tat"});
    REQUIRE(keys);
    CHECK(keys->elements.size() == 1);  // one budget's state, not one per way of making it
}

TEST_CASE("a wait for a shared permit counts in waited and total_wait, as a local wait does") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    auto options = shared_options(server.url());
    options.window = 10s;  // a slot every 10 s / 17: the second budget's permit is due well after it asks
    const tr::rate_budget first{options, "waiting-key"};
    const tr::rate_budget second{options, "waiting-key"};
    auto opened = admit_once(first);
    REQUIRE(opened);
    td::budget_of(first).on_response(answer_to(*opened));  // answered at once: not counted again
    REQUIRE(admit_once(first));  // the shared burst of 2, without waiting
    CHECK(first.counters().waited == 0);
    REQUIRE(admit_once(second));  // its own queue is empty: only the shared budget makes it wait
    const auto counters = second.counters();
    CHECK(counters.waited == 1);
    CHECK(counters.total_wait > 0ns);
    CHECK(counters.max_wait == counters.total_wait);
}

namespace {

/// 20 per 20 s with a burst of 2: the shared pacing is (19 - 2) per 20 s, a permit every
/// 1.18 s, and a fresh budget could hand out two at once.
tr::scheduler_options slow_options(const std::string& url) {
    auto o = shared_options(url);
    o.window = 20s;
    return o;
}

}  // namespace

TEST_CASE("until its first answer a budget hands out one shared permit at a time") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    tr::rate_budget budget{slow_options(server.url()), "cold-key"};
    REQUIRE(admit_once(budget));
    const auto started = steady::now();
    REQUIRE(admit_once(budget));  // the burst has room for it, but no answer came
    CHECK(steady::now() - started >= 900ms);
}

TEST_CASE("a first answer later than the margin covers lets the next permit through and counts the first again") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    tr::rate_budget budget{slow_options(server.url()), "answered-key"};
    REQUIRE(admit_once(budget));
    // The request's round trip, as a new connection's handshake makes it: longer than the 30 ms
    // the margin covers (the duration of the scenario, not a wait for an event).
    std::this_thread::sleep_for(60ms);
    tr::response_feedback answered;
    answered.http_status = 200;
    const auto started = steady::now();
    td::budget_of(budget).on_response(answered);
    REQUIRE(admit_once(budget));
    const auto waited = steady::now() - started;
    // Without the charge the burst's second permit would be ready at once; with it, the
    // next one is due an interval (1.18 s) later, and the cold start's limit is not waited.
    CHECK(waited >= 1s);
    CHECK(waited < 1900ms);
}

TEST_CASE("a permit beyond the concurrency answers proved is a probe: no other until an answer") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    tr::rate_budget budget{shared_options(server.url()), "probe-key"};
    auto first = admit_once(budget);
    REQUIRE(first);
    td::budget_of(budget).on_response(answer_to(*first));  // one request at a time proved
    REQUIRE(admit_once(budget));                           // within it
    REQUIRE(admit_once(budget));                           // two at once: the probe
    const auto started = steady::now();
    REQUIRE(admit_once(budget));  // three at once: held until an answer or the limit (1 s)
    CHECK(steady::now() - started >= 900ms);
}

TEST_CASE("a first answer within the margin's time lets the next permit through without counting the first again") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    tr::rate_budget budget{slow_options(server.url()), "prompt-key"};
    auto first = admit_once(budget);
    REQUIRE(first);
    td::budget_of(budget).on_response(answer_to(*first));
    const auto started = steady::now();
    REQUIRE(admit_once(budget));  // the burst's second permit, ready at once
    CHECK(steady::now() - started < 500ms);
}
