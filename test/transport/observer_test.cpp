// client_options::observer: one event per attempt, with what the attempt did on the wire.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

/// Keeps a copy of every event an observer receives.
struct event_capture {
    std::mutex mutex;
    std::vector<request_event> events;
    request_observer observer() {
        return [this](const request_event& event) {
            std::lock_guard lock{mutex};
            events.push_back(event);
        };
    }
};

/// Answers `failures` with `status`, then succeeds.
test_server::handler failing_first(int failures, int status) {
    auto seen = std::make_shared<std::atomic<int>>(0);
    return [=](const seen_request&) {
        reply r;
        if (seen->fetch_add(1) < failures) {
            r.status = status;
            r.body = R"({"error":"rate_limited"})";
        }
        return r;
    };
}

client_options observed(const test_server& server, event_capture& capture) {
    auto options = options_for(server);
    scheduler_options quick_pause;
    quick_pause.default_pause = std::chrono::milliseconds{10};  // a 429 without Retry-After
    options.budget = std::make_shared<rate_budget>(quick_pause);
    options.retry.initial_backoff = std::chrono::milliseconds{10};
    options.retry.max_backoff = std::chrono::milliseconds{50};
    options.observer = capture.observer();
    return options;
}

}  // namespace

TEST_CASE("observer: a 429 then a 200 are two events, the second a retry caused by the rate limit") {
    test_server server{{}, failing_first(1, 429)};
    event_capture capture;
    asio::io_context io;
    client c{io.get_executor(), observed(server, capture)};
    auto received = run(io, c.try_send(get("/api/v1/me")));
    REQUIRE(received);
    REQUIRE(capture.events.size() == 2);
    const request_event& refused = capture.events[0];
    CHECK(refused.attempt == 1);
    CHECK(refused.http_status == 429);
    CHECK(refused.error == errc::rate_limited);
    CHECK_FALSE(refused.retry_cause);
    const request_event& retried = capture.events[1];
    CHECK(retried.attempt == 2);
    CHECK(retried.http_status == 200);
    CHECK_FALSE(retried.error);
    CHECK(retried.retry_cause == retry_cause::rate_limited);
    CHECK(retried.method == http_method::get);
}

TEST_CASE("observer: a raw request names no operation and no route") {
    test_server server{{}};
    event_capture capture;
    asio::io_context io;
    client c{io.get_executor(), observed(server, capture)};
    REQUIRE(run(io, c.try_send(get("/api/v1/candidates/cand_1"))));
    REQUIRE(capture.events.size() == 1);
    CHECK(capture.events[0].operation.empty());
    CHECK(capture.events[0].route.empty());
}

TEST_CASE("observer: a raw request that names its operation reports its name and route template") {
    test_server server{{}};
    event_capture capture;
    asio::io_context io;
    client c{io.get_executor(), observed(server, capture)};
    auto spec = get("/api/v1/candidates/cand_1");
    spec.operation = operation::get_candidate;
    REQUIRE(run(io, c.try_send(spec)));
    REQUIRE(capture.events.size() == 1);
    CHECK(capture.events[0].operation == "get_candidate");
    CHECK(capture.events[0].route == "/api/v1/candidates/{id}");
}

TEST_CASE("observer: the second call on a kept-alive connection is flagged reused, with no connect time") {
    test_server server{{}};
    event_capture capture;
    asio::io_context io;
    client c{io.get_executor(), observed(server, capture)};
    REQUIRE(run(io, send_sequentially(c, get("/api/v1/me"), 2)) == 2);
    REQUIRE(server.accepted() == 1);
    REQUIRE(capture.events.size() == 2);
    CHECK_FALSE(capture.events[0].connection_reused);
    CHECK(capture.events[0].connect > request_event::duration::zero());
    CHECK(capture.events[1].connection_reused);
    CHECK(capture.events[1].connect == request_event::duration::zero());
    CHECK(capture.events[1].tls_handshake == request_event::duration::zero());  // plain http:// anyway
}

TEST_CASE("observer: bytes out and in are the HTTP bytes the server read and wrote") {
    test_server server{{}, [](const seen_request&) {
                           reply r;
                           r.body = R"({"data":")" + std::string(5000, 'x') + R"("})";
                           return r;
                       }};
    event_capture capture;
    asio::io_context io;
    client c{io.get_executor(), observed(server, capture)};
    REQUIRE(run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "A"}, {"organizationId", "org_acme"}}))));
    REQUIRE(capture.events.size() == 1);
    const auto seen = server.requests();
    REQUIRE(seen.size() == 1);
    CHECK(capture.events[0].bytes_out == seen[0].wire_bytes);
    CHECK(capture.events[0].bytes_out > seen[0].body.size());
    CHECK(capture.events[0].bytes_in == server.response_bytes());
    CHECK(capture.events[0].bytes_in > 5000);
    CHECK(capture.events[0].method == http_method::post);
}

TEST_CASE("observer: first byte and total include the server's delay, and total includes first byte") {
    test_server server{{}, [](const seen_request&) {
                           reply r;
                           r.delay = std::chrono::milliseconds{50};
                           return r;
                       }};
    event_capture capture;
    asio::io_context io;
    client c{io.get_executor(), observed(server, capture)};
    REQUIRE(run(io, c.try_send(get("/api/v1/me"))));
    REQUIRE(capture.events.size() == 1);
    const request_event& event = capture.events[0];
    CHECK(event.first_byte >= std::chrono::milliseconds{50});
    CHECK(event.total >= event.first_byte + event.connect);
}

TEST_CASE("observer: a transport failure is an event with status 0 and the call's error code") {
    test_server server{{}, [](const seen_request&) {
                           reply r;
                           r.what = reply::action::reset_before_header;
                           return r;
                       }};
    event_capture capture;
    asio::io_context io;
    client c{io.get_executor(), observed(server, capture)};
    // A POST that may have reached the server is not replayed: exactly one attempt.
    auto received = run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "A"}, {"organizationId", "org_acme"}})));
    REQUIRE_FALSE(received);
    REQUIRE(capture.events.size() == 1);
    CHECK(capture.events[0].http_status == 0);
    CHECK(capture.events[0].error);
    CHECK(capture.events[0].error == received.error().code);
    CHECK(capture.events[0].first_byte == request_event::duration::zero());
}

TEST_CASE("observer: an observer that throws changes no call's result, and the client logs that it threw") {
    test_server server{{}, failing_first(1, 503)};
    log_capture log;
    asio::io_context io;
    auto options = options_for(server);
    options.retry.initial_backoff = std::chrono::milliseconds{10};
    options.logger = log.handler();
    int calls = 0;
    options.observer = [&calls](const request_event&) {
        ++calls;
        throw std::runtime_error{"metrics backend down"};
    };
    client c{io.get_executor(), options};
    auto received = run(io, c.try_send(get("/api/v1/me")));
    CHECK(received);
    CHECK(calls == 2);  // the failed attempt's event did not stop the retry either
    CHECK(server.requests().size() == 2);
    std::size_t warnings = 0;
    for (const auto& line : log.lines)
        if (line.find("observer threw") != std::string::npos) ++warnings;
    CHECK(warnings == 2);
}

namespace {

/// A GET whose whole call, retries included, must end within `limit`.
request_spec bounded_get(std::chrono::milliseconds limit) {
    auto spec = get("/api/v1/me");
    spec.timeout = limit;
    retry_options once;
    once.max_attempts = 1;
    once.total_timeout = limit;
    spec.retry = once;
    return spec;
}

}  // namespace

TEST_CASE("observer: an attempt that is never admitted is an event with no status, its error and its wait") {
    test_server server{{}, [](const seen_request&) {
                           reply r;
                           r.what = reply::action::stall;  // holds the key's only in-flight slot
                           return r;
                       }};
    event_capture capture;
    asio::io_context io;
    auto options = observed(server, capture);
    scheduler_options one_at_a_time;
    one_at_a_time.max_in_flight = 1;
    options.budget = std::make_shared<rate_budget>(one_at_a_time);
    client c{io.get_executor(), options};
    // Spawned in this order on one thread: the stalled call is admitted first, the second waits.
    auto stalled = asio::co_spawn(io, c.try_send(bounded_get(std::chrono::milliseconds{400})), asio::use_future);
    auto waiting = asio::co_spawn(io, c.try_send(bounded_get(std::chrono::milliseconds{100})), asio::use_future);
    io.run();
    REQUIRE_FALSE(waiting.get());
    REQUIRE_FALSE(stalled.get());
    REQUIRE(capture.events.size() == 2);
    const request_event& refused = capture.events[0];  // its deadline came first
    CHECK(refused.error == errc::admission_deadline);
    CHECK(refused.http_status == 0);
    CHECK(refused.bytes_out == 0);
    CHECK(refused.admission_wait > request_event::duration::zero());
    CHECK(refused.total == request_event::duration::zero());
    CHECK(server.requests().size() == 1);
}
