// A reservation the pump finds due longer ago than the margin covers is not handed out late:
// a stalled pump would otherwise send the permits of several slots at once. Redis itself
// stalls here (DEBUG SLEEP) while the pump waits for a take's answer, as a descheduled process
// would, past the slots it had reserved.
#include "scheduler/admission_budget.hpp"
#include "shared_budget/shared_admission_budget.hpp"

#include "redis_server.hpp"
#include "redis_sync.hpp"

#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;
namespace tr = talentray;
namespace td = talentray::detail;
namespace asio = boost::asio;

namespace {

/// Admits `count` requests, answering each at once; counts them in `admitted`.
asio::awaitable<void> admit_and_answer(td::admission_budget& budget, int count, std::atomic<int>& admitted) {
    for (int i = 0; i < count; ++i) {
        auto permit = co_await budget.admit(tr::priority::bulk, std::chrono::steady_clock::time_point::max());
        if (!permit) co_return;
        tr::response_feedback answered;
        answered.http_status = 200;
        answered.admitted_at = permit->admitted_at();
        budget.on_response(answered);
        ++admitted;
    }
}

}  // namespace

TEST_CASE("a reservation found due longer ago than the margin covers is not handed out; its waiter takes again") {
    if (!redis_test::have_redis()) return;
    redis_test::redis_server server{{"--enable-debug-command", "yes"}};
    tr::scheduler_options options;
    options.requests_per_window = 100;  // a slot every 10.4 ms, reservations 100 ms ahead
    options.window = 1s;
    options.burst = 1;
    options.shared_budget = server.url();
    options.shared_budget_timeout = 2s;  // a stalled round trip, not an unreachable Redis
    tr::rate_budget budget{options, "stalled-key"};
    auto& shared = dynamic_cast<td::shared_admission_budget&>(td::budget_of(budget));

    constexpr int workers = 4, each = 100;
    std::atomic<int> admitted{0};
    asio::io_context io;
    for (int i = 0; i < workers; ++i)
        asio::co_spawn(io, admit_and_answer(td::budget_of(budget), each, admitted), asio::detached);

    // Once the budget runs at its pace with reservations out, Redis stalls 150 ms at a time
    // until a stall caught reservations (the pump's own account says so) or the run ends.
    std::atomic<int> stalls{0}, failed_stalls{0};
    std::thread staller{[&] {
        redis_test::sync_redis redis{server.url()};
        while (admitted < 20) std::this_thread::sleep_for(2ms);  // a poll of the admissions, not a guess
        while (admitted < workers * each - 20 && shared.diagnostics().stale_permits == 0 && stalls < 20) {
            const auto reply = redis.run({"DEBUG", "SLEEP", "0.15"});
            ++stalls;
            if (!reply || reply->is_error()) ++failed_stalls;
        }
    }};
    io.run();
    staller.join();

    const auto d = shared.diagnostics();
    INFO("stalls " << stalls << ", stale permits " << d.stale_permits << " (" << d.stale_given_back
                   << " given back), latest hand-out " << d.hand_out_lateness_max.count() << " us after its slot");
    CHECK(failed_stalls == 0);
    CHECK(d.stale_permits > 0);
    // Every permit went within the margin's 30 ms of its slot, the stalls notwithstanding ...
    CHECK(d.hand_out_lateness_max <= 30ms);
    // ... and every waiter was admitted, by the shared budget.
    CHECK(admitted == workers * each);
    const auto counters = budget.counters();
    CHECK(counters.shared_admissions == std::uint64_t(workers * each));
    CHECK(counters.fallback_episodes == 0);
}
