// The client's retry loop over the scheduler: what is retried, what is never replayed.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <atomic>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

/// Answers `failures` with `status` (and `retry_after`, if any), then succeeds.
test_server::handler failing_first(int failures, int status, std::string retry_after = {}) {
    auto seen = std::make_shared<std::atomic<int>>(0);
    return [=](const seen_request&) {
        reply r;
        if (seen->fetch_add(1) < failures) {
            r.status = status;
            r.body = R"({"error":"internal_error"})";
            if (!retry_after.empty()) r.headers.emplace_back("Retry-After", retry_after);
        }
        return r;
    };
}

client_options quick_retries(const test_server& server) {
    auto options = options_for(server);
    options.retry.initial_backoff = std::chrono::milliseconds{10};
    options.retry.max_backoff = std::chrono::milliseconds{50};
    return options;
}

}  // namespace

TEST_CASE("an idempotent request is retried through 5xx responses") {
    test_server server{{}, failing_first(2, 503)};
    asio::io_context io;
    client c{io.get_executor(), quick_retries(server)};
    auto received = run(io, c.try_send(get("/api/v1/candidates/cand_1")));
    CHECK(received);
    CHECK(server.requests().size() == 3);
    CHECK(c.counters().scheduler.retries.server_error == 2);
}

TEST_CASE("a POST that got a 500 is never replayed") {
    test_server server{{}, failing_first(1, 500)};
    asio::io_context io;
    client c{io.get_executor(), quick_retries(server)};
    auto received = run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "A"}, {"organizationId", "org_acme"}})));
    REQUIRE_FALSE(received);
    CHECK(received.error().code == errc::server_error);
    CHECK(received.error().diag.client_message.find("not retried") != std::string::npos);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("a POST that got a 429 is sent again after Retry-After, and succeeds") {
    test_server server{{}, failing_first(1, 429, "1")};
    asio::io_context io;
    client c{io.get_executor(), quick_retries(server)};
    auto started = std::chrono::steady_clock::now();
    auto received = run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "A"}, {"organizationId", "org_acme"}})));
    CHECK(received);
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds{900});  // the key paused
    CHECK(server.requests().size() == 2);
    auto counters = c.counters().scheduler;
    CHECK(counters.rate_limited_responses == 1);
    CHECK(counters.retries.rate_limited == 1);
}

TEST_CASE("retries stop at max_attempts and the error says so") {
    test_server server{{}, failing_first(100, 502)};
    asio::io_context io;
    auto options = quick_retries(server);
    options.retry.max_attempts = 3;
    client c{io.get_executor(), options};
    auto received = run(io, c.try_send(get("/api/v1/me")));
    REQUIRE_FALSE(received);
    CHECK(received.error().code == errc::server_error);
    CHECK(received.error().diag.client_message.find("after 3 attempt(s)") != std::string::npos);
    CHECK(server.requests().size() == 3);
}

// Calls without a key have no rate budget of the key's, but a server may still refuse them:
// the public portal's apply is a POST that a 429 must delay, not replay at once.
TEST_CASE("a keyless POST refused with 429 waits out Retry-After, then is sent once more") {
    test_server server{{}, failing_first(1, 429, "1")};
    asio::io_context io;
    auto options = quick_retries(server);
    options.api_key = secret{};
    options.budget.reset();
    client c{io.get_executor(), options};
    auto apply = post("/api/public/portal/acme/apply", {{"roleId", "role_1"}, {"locale", "en"}});
    apply.authenticated = false;
    const auto started = std::chrono::steady_clock::now();
    auto received = run(io, c.try_send(apply));
    CHECK(received);
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds{1000});
    CHECK(server.requests().size() == 2);
}

TEST_CASE("keyless calls refused with 429 and no Retry-After wait the default pause, doubling") {
    test_server server{{}, failing_first(2, 429)};
    asio::io_context io;
    auto options = quick_retries(server);
    options.api_key = secret{};
    options.budget.reset();
    options.scheduler.default_pause = std::chrono::milliseconds{200};
    options.scheduler.pause_jitter = 0;
    client c{io.get_executor(), options};
    auto portal = get("/api/public/portal/acme");
    portal.authenticated = false;
    const auto started = std::chrono::steady_clock::now();
    auto received = run(io, c.try_send(portal));
    CHECK(received);
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds{200 + 400});
    CHECK(server.requests().size() == 3);
}

namespace {

/// Reads every request in full, then does `what` instead of answering.
test_server::handler never_answer(reply::action what) {
    return [what](const seen_request&) {
        reply r;
        r.what = what;
        return r;
    };
}

}  // namespace

TEST_CASE("a POST whose fresh connection drops after the request was written is sent once") {
    const std::pair<reply::action, boost::system::error_code> drops[] = {
        {reply::action::close_before_header, boost::beast::http::error::end_of_stream},
        {reply::action::reset_before_header, asio::error::connection_reset},
    };
    for (const auto& [drop, expected_code] : drops) {
        DYNAMIC_SECTION("orderly close: " << (drop == reply::action::close_before_header)) {
            test_server server{{}, never_answer(drop)};
            asio::io_context io;
            client c{io.get_executor(), quick_retries(server)};
            auto received = run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "A"}})));
            REQUIRE_FALSE(received);
            CHECK(received.error().code == expected_code);  // the socket's own error
            CHECK_THAT(received.error().diag.client_message, Catch::Contains("may have reached the server"));
            CHECK(server.requests().size() == 1);
            CHECK(server.accepted() == 1);
            CHECK(c.counters().pool.stale_retries == 0);
        }
    }
}

TEST_CASE("a POST that times out after the request was written is sent once and fails with io_timeout") {
    test_server server{{}, never_answer(reply::action::stall)};
    asio::io_context io;
    auto options = quick_retries(server);
    options.timeouts.io = std::chrono::milliseconds{300};
    client c{io.get_executor(), options};
    auto received = run(io, c.try_send(post("/api/v1/sourcing", {{"fullName", "A"}})));
    REQUIRE_FALSE(received);
    CHECK(received.error().code == errc::io_timeout);
    CHECK_THAT(received.error().diag.client_message, Catch::Contains("may have reached the server"));
    CHECK(server.requests().size() == 1);
    CHECK(server.accepted() == 1);
}

TEST_CASE("the retry log line names the request once, with the failure and the decision") {
    test_server server{{}, failing_first(1, 503)};
    asio::io_context io;
    log_capture logs;
    auto options = quick_retries(server);
    options.logger = logs.handler();
    client c{io.get_executor(), options};
    auto received = run(io, c.try_send(get("/api/v1/candidates/cand_1")));
    CHECK(received);
    std::vector<std::string> retries;
    for (const auto& line : logs.lines)
        if (line.find("retry after") != std::string::npos) retries.push_back(line);
    REQUIRE(retries.size() == 1);
    CHECK_THAT(retries[0], Catch::StartsWith("GET /api/v1/candidates/cand_1: HTTP 503"));
    CHECK(retries[0].find("/api/v1/candidates/cand_1", 5) == std::string::npos);
}
