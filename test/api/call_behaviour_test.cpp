// What every typed call does beyond its request: per-call options, cancellation, and the
// lifetime of a call whose client goes away.
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <variant>

using namespace api_test;
using namespace boost::asio::experimental::awaitable_operators;

namespace {

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    asio::steady_timer timer{co_await asio::this_coro::executor, duration};
    co_await timer.async_wait(asio::use_awaitable);
}

// Races a slow candidate read with a short timer; returns which one finished first.
asio::awaitable<std::size_t> race(tr::candidates_api candidates) {
    auto slow_read = candidates.try_get("cand_1");
    auto short_wait = sleep_for(std::chrono::milliseconds{100});
    auto winner = co_await (std::move(slow_read) || std::move(short_wait));
    co_return winner.index();
}

}  // namespace

TEST_CASE("a per-call timeout and retry policy apply to that call only") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);
    mock::fault_options faults;
    faults.latency = std::chrono::milliseconds{600};
    fixture.server.set_faults(faults);

    tr::call_options impatient;
    impatient.timeout = std::chrono::milliseconds{150};
    impatient.retry = tr::retry_options{};
    impatient.retry->max_attempts = 1;
    const auto started = std::chrono::steady_clock::now();
    const auto timed_out = fixture.run(admin.candidates().try_get("cand_1", impatient));
    REQUIRE_FALSE(timed_out);
    CHECK(timed_out.error().code == tr::errc::deadline_exceeded);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds{550});

    // The next call, with the client's defaults, waits for the slow response.
    const tr::candidate patient = fixture.run(admin.candidates().get("cand_1"));
    CHECK(patient.id == "cand_1");
}

TEST_CASE("cancelling a call aborts it promptly") {
    api_fixture fixture;
    const tr::client admin = fixture.client_for(fixture.keys().admin);
    mock::fault_options faults;
    faults.latency = std::chrono::milliseconds{3000};
    fixture.server.set_faults(faults);

    const auto started = std::chrono::steady_clock::now();
    CHECK(fixture.run(race(admin.candidates())) == 1);  // the timer won
    // run() returned, so nothing of the cancelled call kept the io_context busy.
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds{2000});
}

TEST_CASE("a call made before its client is destroyed still completes") {
    api_fixture fixture;
    std::optional<tr::client> admin{fixture.client_for(fixture.keys().admin)};
    auto pending = admin->roles().get("role_eng_be");
    admin.reset();
    const tr::role r = fixture.run(std::move(pending));
    CHECK(r.id == "role_eng_be");
}
