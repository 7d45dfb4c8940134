// The async shell of the rate budget on real io_contexts: pacing, cancellation, deadlines,
// pauses, the in-flight cap under four threads, several io_contexts, and teardown.
#include "scheduler/admission_budget.hpp"

#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace tr = talentray;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr auto no_deadline = clock_type::time_point::max();

/// 110 per second with a burst of 10: a token every 10 ms once the burst is spent.
tr::scheduler_options fast_options() {
    tr::scheduler_options o;
    o.requests_per_window = 110;
    o.window = 1s;
    o.burst = 10;
    o.max_in_flight = 64;
    o.default_pause = 50ms;
    o.pause_jitter = 0;
    return o;
}

void rethrow(std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
}

/// Stores what admit() gave, with every kind of cancellation let through to it.
asio::awaitable<void> admit_cancellable_into(std::shared_ptr<tr::rate_budget> budget,
                                             std::shared_ptr<std::optional<tr::result<tr::admission_permit>>> out) {
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
    *out = co_await tr::detail::budget_of(*budget).admit(tr::priority::bulk, no_deadline);
}

/// Stores what admit() gave.
asio::awaitable<void> admit_into(std::shared_ptr<tr::rate_budget> budget, tr::priority prio,
                                 clock_type::time_point deadline, std::shared_ptr<std::optional<tr::result<tr::admission_permit>>> out) {
    *out = co_await tr::detail::budget_of(*budget).admit(prio, deadline);
}

asio::awaitable<void> sleep_for(clock_type::duration d) {
    asio::steady_timer timer{co_await asio::this_coro::executor, d};
    co_await timer.async_wait(asio::use_awaitable);
}

using shared_result = std::shared_ptr<std::optional<tr::result<tr::admission_permit>>>;

shared_result spawn_admit(asio::io_context& io, std::shared_ptr<tr::rate_budget> budget,
                          tr::priority prio = tr::priority::interactive,
                          clock_type::time_point deadline = clock_type::time_point::max()) {
    auto out = std::make_shared<std::optional<tr::result<tr::admission_permit>>>();
    asio::co_spawn(io, admit_into(std::move(budget), prio, deadline, out), rethrow);
    return out;
}

/// Takes a permit on a private io_context (the burst makes it immediate).
tr::admission_permit take_permit(const std::shared_ptr<tr::rate_budget>& budget) {
    asio::io_context io;
    auto out = spawn_admit(io, budget);
    io.run();
    REQUIRE(*out);
    REQUIRE((*out)->has_value());
    return std::move((*out)->value());
}

}  // namespace

TEST_CASE("permits are granted at once within the burst and give their slot back") {
    auto budget = std::make_shared<tr::rate_budget>(fast_options());
    {
        auto a = take_permit(budget);
        auto b = take_permit(budget);
        CHECK(a.holds_slot());
        CHECK(a.waited() == clock_type::duration::zero());
        CHECK(budget->counters().in_flight == 2);
        a.release();
        CHECK_FALSE(a.holds_slot());
        CHECK(budget->counters().in_flight == 1);
        tr::admission_permit moved = std::move(b);
        CHECK_FALSE(b.holds_slot());  // NOLINT: checking the moved-from state on purpose
        CHECK(budget->counters().in_flight == 1);
    }
    CHECK(budget->counters().in_flight == 0);
    CHECK(budget->counters().admitted == 2);
}

TEST_CASE("requests beyond the burst are paced by the bucket") {
    const auto created = clock_type::now();
    auto budget = std::make_shared<tr::rate_budget>(fast_options());
    asio::io_context io;
    std::vector<shared_result> results;
    for (int i = 0; i < 30; ++i) results.push_back(spawn_admit(io, budget));
    io.run();
    std::vector<clock_type::time_point> admitted;
    for (auto& r : results) {
        REQUIRE(*r);
        REQUIRE((*r)->has_value());
        admitted.push_back((*r)->value().admitted_at());
    }
    std::sort(admitted.begin(), admitted.end());
    // The bucket's promise: by any instant, at most the burst (10) plus one admission per
    // token earned since it was created (one per 10 ms).
    for (std::size_t i = 10; i < admitted.size(); ++i) {
        INFO("admission " << i);
        CHECK(admitted[i] - created >= (i + 1 - 10) * 10ms);
    }
    const auto c = budget->counters();
    CHECK(c.admitted == 30);
    CHECK(c.waited == 20);
    CHECK(c.max_wait > clock_type::duration::zero());
}

TEST_CASE("a queued request can be cancelled, whatever the cancellation type") {
    for (auto type : {asio::cancellation_type::terminal, asio::cancellation_type::partial,
                      asio::cancellation_type::total}) {
        auto o = fast_options();
        o.max_in_flight = 1;
        auto budget = std::make_shared<tr::rate_budget>(o);
        auto held = take_permit(budget);

        asio::io_context io;
        asio::cancellation_signal signal;
        auto out = std::make_shared<std::optional<tr::result<tr::admission_permit>>>();
        asio::co_spawn(io, admit_cancellable_into(budget, out), asio::bind_cancellation_slot(signal.slot(), rethrow));
        io.run_for(20ms);
        REQUIRE_FALSE(*out);  // still queued behind the in-flight cap
        CHECK(budget->counters().queued_bulk == 1);
        signal.emit(type);
        io.restart();
        io.run();

        REQUIRE(*out);
        REQUIRE((*out)->has_error());
        CHECK((*out)->error().code == asio::error::operation_aborted);
        const auto c = budget->counters();
        CHECK(c.queued_bulk == 0);
        CHECK(c.cancelled_waits == 1);
        CHECK(c.in_flight == 1);  // the cancelled request took nothing
        held.release();
        CHECK(take_permit(budget).holds_slot());
    }
}

TEST_CASE("a request that cannot make its deadline fails at once with admission_deadline") {
    // A token every 100 ms, so that taking the burst cannot outlast a refill on a slow machine.
    tr::scheduler_options o = fast_options();
    o.requests_per_window = 20;
    auto budget = std::make_shared<tr::rate_budget>(o, "0123456789abcdef");
    std::vector<tr::admission_permit> burst;
    for (int i = 0; i < 10; ++i) burst.push_back(take_permit(budget));

    asio::io_context io;
    // The next token is up to 100 ms away; a 1 ms deadline cannot be met.
    auto out = spawn_admit(io, budget, tr::priority::interactive, clock_type::now() + 1ms);
    io.poll();  // no timer needed to learn that: one pass of the ready handlers decides it
    REQUIRE(*out);
    REQUIRE((*out)->has_error());
    const auto& error = (*out)->error();
    CHECK(error.code == tr::errc::admission_deadline);
    // Which explanation depends on whether the 1 ms had run out before the budget looked (a
    // loaded machine can take that long between spawn and poll); both name the budget.
    const std::string& message = error.diag.client_message;
    CHECK(message.find("rate budget 0123456789abcdef: ") == 0);
    CHECK((message.find("admission would take at least") != std::string::npos ||
           message.find("the deadline had already passed") != std::string::npos));
    CHECK(budget->counters().admission_deadline_failures == 1);
}

TEST_CASE("a request still queued at its deadline fails then") {
    auto o = fast_options();
    o.max_in_flight = 1;
    auto budget = std::make_shared<tr::rate_budget>(o);
    auto held = take_permit(budget);
    asio::io_context io;
    auto out = spawn_admit(io, budget, tr::priority::interactive, clock_type::now() + 30ms);
    io.run();
    REQUIRE(*out);
    REQUIRE((*out)->has_error());
    CHECK((*out)->error().code == tr::errc::admission_deadline);
    CHECK((*out)->error().diag.client_message.find("deadline reached after") == 0);
    CHECK(budget->counters().queued_interactive == 0);
}

TEST_CASE("a 429 holds back every queued request of the key until the pause ends") {
    auto budget = std::make_shared<tr::rate_budget>(fast_options());
    auto first = take_permit(budget);
    const auto refused_at = clock_type::now();
    tr::detail::budget_of(*budget).on_response({.http_status = 429, .admitted_at = first.admitted_at()});  // default pause: 50 ms
    first.release();

    asio::io_context io;
    std::vector<shared_result> results;
    for (int i = 0; i < 3; ++i) results.push_back(spawn_admit(io, budget));
    io.run();
    for (auto& r : results) {
        REQUIRE((*r)->has_value());
        CHECK((*r)->value().admitted_at() >= refused_at + 50ms);
    }
    const auto c = budget->counters();
    CHECK(c.rate_limited_responses == 1);
    CHECK(c.rate_decreases == 1);
    CHECK(c.pause_remaining == clock_type::duration::zero());
}

TEST_CASE("a waiter resumes on its own executor") {
    auto o = fast_options();
    o.max_in_flight = 1;
    auto budget = std::make_shared<tr::rate_budget>(o);
    auto held = take_permit(budget);

    asio::io_context io;
    auto strand = asio::make_strand(io);
    auto in_strand = std::make_shared<bool>(false);
    struct check_strand {
        static asio::awaitable<void> run(std::shared_ptr<tr::rate_budget> b, asio::strand<asio::io_context::executor_type> s,
                                         std::shared_ptr<bool> flag) {
            auto permit = co_await tr::detail::budget_of(*b).admit(tr::priority::interactive, no_deadline);
            *flag = permit.has_value() && s.running_in_this_thread();
        }
    };
    asio::co_spawn(strand, check_strand::run(budget, strand, in_strand), rethrow);
    io.run_for(10ms);
    // Released from another thread: the wake-up must still arrive through the strand.
    std::thread releaser{[&held] { held.release(); }};
    releaser.join();
    io.restart();
    io.run();
    CHECK(*in_strand);
}

TEST_CASE("a stalled executor does not hold up the other clients of the key") {
    // A token every 100 ms: taking the burst below must not outlast one refill even on a slow,
    // loaded machine under a sanitizer, or the first request would be admitted at once instead
    // of queueing.
    tr::scheduler_options o = fast_options();
    o.requests_per_window = 20;
    auto budget = std::make_shared<tr::rate_budget>(o);
    std::vector<tr::admission_permit> burst;
    for (int i = 0; i < 10; ++i) burst.push_back(take_permit(budget));

    asio::io_context stalled, live;
    auto first_in_line = spawn_admit(stalled, budget);
    stalled.poll();  // it queues at the head, then its io_context stops being run
    REQUIRE_FALSE(*first_in_line);
    auto second = spawn_admit(live, budget);
    live.run();
    REQUIRE(*second);
    CHECK((*second)->has_value());
    // The stalled request was granted its turn meanwhile; it collects it when run again.
    CHECK(budget->counters().in_flight == 12);
    stalled.run();
    REQUIRE(*first_in_line);
    CHECK((*first_in_line)->has_value());
}

namespace {

struct concurrency_probe {
    std::atomic<int> in_flight{0};
    std::atomic<int> most_in_flight{0};
    std::atomic<int> admitted{0};
    std::atomic<int> deadline_failures{0};
    std::atomic<int> other_failures{0};
};

asio::awaitable<void> one_request(std::shared_ptr<tr::rate_budget> budget, std::shared_ptr<concurrency_probe> probe,
                                  int index) {
    const auto prio = index % 3 == 0 ? tr::priority::bulk : tr::priority::interactive;
    // Every seventh request has a deadline too short to wait for anything.
    const auto deadline = index % 7 == 0 ? clock_type::now() + 1ms : clock_type::time_point::max();
    auto permit = co_await tr::detail::budget_of(*budget).admit(prio, deadline);
    if (!permit) {
        if (permit.error().code == tr::errc::admission_deadline) ++probe->deadline_failures;
        else ++probe->other_failures;
        co_return;
    }
    const int now_in_flight = ++probe->in_flight;
    int seen = probe->most_in_flight.load();
    while (now_in_flight > seen && !probe->most_in_flight.compare_exchange_weak(seen, now_in_flight)) {
    }
    ++probe->admitted;
    co_await sleep_for(std::chrono::microseconds{200 * (index % 5)});  // the "request"
    tr::detail::budget_of(*budget).on_response({.http_status = 200, .admitted_at = permit->admitted_at()});
    --probe->in_flight;
}

void run_threads(asio::io_context& io, int count) {
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) threads.emplace_back([&io] { io.run(); });
    for (auto& t : threads) t.join();
}

}  // namespace

TEST_CASE("four threads, many coroutines: exact counts, the cap is never exceeded") {
    tr::scheduler_options o;
    o.requests_per_window = 4000;
    o.window = 1s;
    o.burst = 50;
    o.max_in_flight = 8;
    auto budget = std::make_shared<tr::rate_budget>(o);
    auto probe = std::make_shared<concurrency_probe>();
    asio::io_context io{4};
    constexpr int requests = 600;
    for (int i = 0; i < requests; ++i) asio::co_spawn(io, one_request(budget, probe, i), rethrow);
    run_threads(io, 4);

    CHECK(probe->other_failures == 0);
    CHECK(probe->admitted + probe->deadline_failures == requests);
    CHECK(probe->most_in_flight <= 8);
    CHECK(probe->most_in_flight >= 2);
    const auto c = budget->counters();
    CHECK(c.admitted == std::uint64_t(probe->admitted));
    CHECK(c.admission_deadline_failures == std::uint64_t(probe->deadline_failures));
    CHECK(c.responses == std::uint64_t(probe->admitted));
    CHECK(c.in_flight == 0);
    CHECK(c.queued_interactive == 0);
    CHECK(c.queued_bulk == 0);
}

TEST_CASE("clients on different io_contexts share one budget") {
    tr::scheduler_options o;
    o.requests_per_window = 4000;
    o.window = 1s;
    o.burst = 20;
    o.max_in_flight = 4;
    auto budget = std::make_shared<tr::rate_budget>(o);
    auto probe = std::make_shared<concurrency_probe>();
    asio::io_context first, second;
    for (int i = 1; i <= 200; ++i) {
        if (i % 7 == 0) continue;  // no deadlines here
        asio::co_spawn(i % 2 ? first : second, one_request(budget, probe, i), rethrow);
    }
    std::thread a{[&] { first.run(); }}, b{[&] { second.run(); }};
    a.join();
    b.join();
    CHECK(probe->admitted == 200 - 200 / 7);
    CHECK(probe->most_in_flight <= 4);
    CHECK(budget->counters().in_flight == 0);
}

TEST_CASE("destroying an io_context with requests still queued leaves the budget consistent") {
    auto o = fast_options();
    o.max_in_flight = 1;
    auto budget = std::make_shared<tr::rate_budget>(o);
    auto held = take_permit(budget);
    {
        asio::io_context doomed;
        for (int i = 0; i < 5; ++i) spawn_admit(doomed, budget, tr::priority::bulk);
        doomed.run_for(20ms);
        CHECK(budget->counters().queued_bulk == 5);
    }
    const auto c = budget->counters();
    CHECK(c.queued_bulk == 0);
    CHECK(c.cancelled_waits == 5);
    CHECK(c.in_flight == 1);
    held.release();
    CHECK(take_permit(budget).holds_slot());
}

TEST_CASE("queued requests keep the budget's state alive after the budget object is gone") {
    auto o = fast_options();
    o.max_in_flight = 1;
    auto budget = std::make_shared<tr::rate_budget>(o);
    auto held = take_permit(budget);
    asio::io_context io;
    auto out = spawn_admit(io, budget);
    io.run_for(10ms);
    budget.reset();
    held.release();
    io.restart();
    io.run();
    REQUIRE(*out);
    CHECK((*out)->has_value());
}
