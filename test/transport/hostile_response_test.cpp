// Responses a well-behaved server never sends, through the typed endpoints users call: each ends
// in a clear error (or a safe retry), within its deadline, and the same client then works.
#include "fixtures.hpp"

#include <talentray/api/candidates.hpp>
#include <talentray/model/candidate.hpp>

#include <catch2/catch.hpp>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

reply json_response(std::string body) {
    reply r;
    r.body = std::move(body);
    return r;
}

asio::awaitable<result<candidate>> get_candidate(client& c, std::string id) {
    co_return co_await c.candidates().try_get(std::move(id));
}

struct typed_outcome {
    result<candidate> first;
    std::chrono::milliseconds took;
};

/// Asks for cand_1 once while the server answers `hostile`, then asks for cand_2 (answered
/// properly) on the same client: the pool and the budget must have survived the first response.
typed_outcome hostile_then_healthy(test_server& server, client_options options, reply hostile) {
    server.set_handler([hostile](const seen_request& r) {
        if (r.target == "/api/v1/candidates/cand_2") return json_response(candidate_json);
        return hostile;
    });
    asio::io_context io;
    client c{io.get_executor(), std::move(options)};
    const auto started = std::chrono::steady_clock::now();
    auto first = run(io, get_candidate(c, "cand_1"));
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    auto healthy = run(io, get_candidate(c, "cand_2"));
    REQUIRE(healthy);
    CHECK(healthy->full_name == "Jane Doe");
    CHECK(c.counters().pool.open_now <= 1);
    return {std::move(first), took};
}

}  // namespace

TEST_CASE("JSON nested 100,000 deep is refused at a bounded depth, without exhausting the stack") {
    test_server server{{}};
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    auto outcome = hostile_then_healthy(server, options_for(server), json_response(deep));
    REQUIRE_FALSE(outcome.first);
    CHECK(outcome.first.error().code == errc::invalid_response);
    CHECK_THAT(outcome.first.error().diag.client_message, Catch::Contains("not valid JSON"));
    CHECK(outcome.first.error().diag.path == "/api/v1/candidates/cand_1");

    const std::string deep_object = [] {
        std::string text;
        for (int i = 0; i < 50'000; ++i) text += R"({"a":)";
        return text + "1" + std::string(50'000, '}');
    }();
    auto objects = hostile_then_healthy(server, options_for(server), json_response(deep_object));
    REQUIRE_FALSE(objects.first);
    CHECK(objects.first.error().code == errc::invalid_response);
}

TEST_CASE("invalid UTF-8 in a string is refused, not passed on to the caller") {
    test_server server{{}};
    std::string body = candidate_json;
    body.replace(body.find("Jane"), 4, "J\xC3\x28n\xFF");  // a broken two-byte sequence and 0xFF
    auto outcome = hostile_then_healthy(server, options_for(server), json_response(body));
    REQUIRE_FALSE(outcome.first);
    CHECK(outcome.first.error().code == errc::invalid_response);
    CHECK(outcome.first.error().diag.http_status == 200);
}

TEST_CASE("valid JSON of the wrong shape names the field that is wrong") {
    test_server server{{}};
    SECTION("a field of the wrong type") {
        std::string body = candidate_json;
        body.replace(body.find(R"("Jane Doe")"), 10, "42");
        auto outcome = hostile_then_healthy(server, options_for(server), json_response(body));
        REQUIRE_FALSE(outcome.first);
        CHECK(outcome.first.error().code == errc::invalid_response);
        CHECK_THAT(outcome.first.error().diag.client_message, Catch::Contains("fullName"));
    }
    SECTION("an array where an object belongs") {
        auto outcome = hostile_then_healthy(server, options_for(server), json_response("[1,2,3]"));
        REQUIRE_FALSE(outcome.first);
        CHECK(outcome.first.error().code == errc::invalid_response);
    }
    SECTION("a number too large for its field") {
        std::string body = candidate_json;
        body.replace(body.find(R"("roles":[])"), 10,
                     R"("roles":[{"roleId":"r","roleName":"n","organizationId":"o","status":"s",)"
                     R"("overallFitScore":1e400,"approved":false}])");
        auto outcome = hostile_then_healthy(server, options_for(server), json_response(body));
        REQUIRE_FALSE(outcome.first);
        CHECK(outcome.first.error().code == errc::invalid_response);
    }
}

TEST_CASE("a reset in the middle of the header is a connection error, and the pool recovers") {
    test_server server{{}};
    reply broken;
    broken.what = reply::action::reset_mid_header;
    auto options = options_for(server);
    options.retry.max_attempts = 1;  // the one stale-connection resend aside, nothing is retried
    auto outcome = hostile_then_healthy(server, options, broken);
    REQUIRE_FALSE(outcome.first);
    CHECK(outcome.first.error().code.category() != error_category());  // the socket's own error
    CHECK_THAT(outcome.first.error().diag.client_message, Catch::Contains("reading the response"));
}

// A 429's Retry-After is the server's word on how long every request of the key must wait. A
// value that is absurd, negative or unreadable must neither stall the caller beyond the
// configured cap nor make it hammer the server: it is capped, or replaced by the default pause.
// Each value has a lower bound too, so a value misread as "no wait" fails.
TEST_CASE("a 429 with a huge, negative or malformed Retry-After is waited out within the caps") {
    using std::chrono::milliseconds;
    constexpr milliseconds max_pause{400}, default_pause{100}, none{0};
    const auto [value, least] = GENERATE_COPY(table<std::string, milliseconds>({
        {"99999999999999999999999", max_pause},
        {"4294967296", max_pause},
        {"Wed, 31 Dec 9999 23:59:59 GMT", max_pause},
        {"-5", default_pause},
        {"soon", default_pause},
        {"1.5", default_pause},
        {"", default_pause},
        {"Mon, 01 Jan 1990 00:00:00 GMT", none},  // a date already past: retry at once
    }));
    CAPTURE(value, least.count());
    test_server server{{}};
    int limited = 0;
    server.set_handler([&limited, value = value](const seen_request& r) {
        if (r.target == "/api/v1/candidates/cand_1" && limited++ == 0) {
            reply refusal;
            refusal.status = 429;
            refusal.body = R"({"error":"rate_limited","message":"Too many requests"})";
            refusal.headers = {{"Content-Type", "application/json"}, {"Retry-After", value}};
            return refusal;
        }
        return json_response(candidate_json);
    });
    auto options = options_for(server);
    options.scheduler.max_pause = max_pause;
    options.scheduler.default_pause = default_pause;
    options.budget = std::make_shared<rate_budget>(options.scheduler);

    asio::io_context io;
    client c{io.get_executor(), options};
    const auto started = std::chrono::steady_clock::now();
    auto first = run(io, get_candidate(c, "cand_1"));
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE(first);
    CHECK(first->id == "cand_1");
    CHECK(limited == 2);  // refused once, then answered: one resend, no more
    CHECK(took >= least);
    CHECK(took < std::chrono::seconds{3});
    const auto counters = c.counters();
    CHECK(counters.scheduler.rate_limited_responses == 1);
    auto second = run(io, get_candidate(c, "cand_2"));
    CHECK(second);
}
