// Gzip responses end to end through a loopback server: what the client asks for, what it decodes,
// and the clear error each spoiled response (bomb, corrupt, truncated, unknown coding) ends in.
#include "fixtures.hpp"
#include "gzip_samples.hpp"

#include <talentray/api/candidates.hpp>
#include <talentray/model/candidate.hpp>

#include <catch2/catch.hpp>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

reply gzip_response(std::string compressed) {
    reply r;
    r.headers.emplace_back("Content-Encoding", "gzip");
    r.body = std::move(compressed);
    return r;
}

asio::awaitable<result<candidate>> get_candidate(client& c, std::string id) {
    co_return co_await c.candidates().try_get(std::move(id));
}

asio::awaitable<result<response>> send(client& c, request_spec spec) { co_return co_await c.try_send(std::move(spec)); }

/// Asks for cand_1 while the server answers `spoiled`, then for cand_2 (a good gzip response) on
/// the same client, which must still work. Returns the first outcome.
result<candidate> spoiled_then_healthy(test_server& server, client_options options, reply spoiled) {
    server.set_handler([spoiled](const seen_request& r) {
        if (r.target == "/api/v1/candidates/cand_2") return gzip_response(gzip(candidate_json));
        return spoiled;
    });
    asio::io_context io;
    client c{io.get_executor(), std::move(options)};
    auto first = run(io, get_candidate(c, "cand_1"));
    auto healthy = run(io, get_candidate(c, "cand_2"));
    REQUIRE(healthy);
    CHECK(healthy->full_name == "Jane Doe");
    return first;
}

std::size_t requests_for(const test_server& server, const std::string& target) {
    std::size_t n = 0;
    for (const auto& r : server.requests()) n += r.target == target;
    return n;
}

}  // namespace

TEST_CASE("GET requests ask for gzip; writes and a client with compression off do not") {
    test_server server{{}, [](const seen_request&) { return reply{}; }};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    REQUIRE(run(io, send(c, get("/api/v1/me"))));
    REQUIRE(run(io, send(c, post("/api/v1/sourcing", boost::json::object{{"fullName", "A"}}))));
    client_options off = options_for(server);
    off.compression = false;
    client plain{io.get_executor(), std::move(off)};
    REQUIRE(run(io, send(plain, get("/api/v1/me"))));

    const auto seen = server.requests();
    REQUIRE(seen.size() == 3);
    CHECK(seen[0].headers.at("accept-encoding") == "gzip");
    CHECK(seen[1].headers.count("accept-encoding") == 0);
    CHECK(seen[2].headers.count("accept-encoding") == 0);
}

TEST_CASE("a gzip response is decoded before the caller sees it") {
    test_server server{{}, [](const seen_request&) { return gzip_response(gzip(candidate_json)); }};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    auto got = run(io, get_candidate(c, "cand_1"));
    REQUIRE(got);
    CHECK(got->email == "jane@example.com");
}

TEST_CASE("a gzip bomb fails with body_too_large once its decoded size passes max_body_size") {
    test_server server{{}};
    client_options options = options_for(server);
    options.max_body_size = 1024 * 1024;
    const std::string bomb = gzip_bomb();  // ~10 KB on the wire, 10 MiB decoded
    REQUIRE(bomb.size() < options.max_body_size);
    auto outcome = spoiled_then_healthy(server, options, gzip_response(bomb));
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == errc::body_too_large);
    CHECK_THAT(outcome.error().diag.client_message,
               Catch::Contains("gzip body decodes to more than the limit of 1048576 bytes"));
    CHECK(requests_for(server, "/api/v1/candidates/cand_1") == 1);
}

TEST_CASE("a gzip response with a damaged trailer fails with invalid_response, not retried") {
    test_server server{{}};
    auto outcome = spoiled_then_healthy(server, options_for(server), gzip_response(gzip_with_bad_crc(candidate_json)));
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == errc::invalid_response);
    CHECK_THAT(outcome.error().diag.client_message, Catch::Contains("gzip data is corrupt: incorrect data check"));
    CHECK(outcome.error().diag.path == "/api/v1/candidates/cand_1");
    CHECK(requests_for(server, "/api/v1/candidates/cand_1") == 1);
}

TEST_CASE("a complete HTTP response holding a cut gzip body fails with invalid_response, not retried") {
    test_server server{{}};
    const std::string whole = gzip(candidate_json);
    auto outcome = spoiled_then_healthy(server, options_for(server), gzip_response(whole.substr(0, whole.size() - 4)));
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == errc::invalid_response);
    CHECK_THAT(outcome.error().diag.client_message, Catch::Contains("gzip data ends before its trailer"));
    CHECK(requests_for(server, "/api/v1/candidates/cand_1") == 1);
}

TEST_CASE("a response in a coding the client did not ask for fails with invalid_response naming it") {
    test_server server{{}};
    for (const std::string coding : {"br", "deflate", "gzip, br"}) {
        INFO(coding);
        reply res;
        res.headers.emplace_back("Content-Encoding", coding);
        res.body = "\x0b\x02\x80{}\x03";
        auto outcome = spoiled_then_healthy(server, options_for(server), res);
        REQUIRE_FALSE(outcome);
        CHECK(outcome.error().code == errc::invalid_response);
        CHECK_THAT(outcome.error().diag.client_message,
                   Catch::Contains("Content-Encoding \"" + coding + "\", which the client does not decode"));
    }
}

TEST_CASE("a gzip response whose compressed size passes max_body_size fails before being decoded whole") {
    test_server server{{}};
    client_options options = options_for(server);
    options.max_body_size = 1000;
    std::string noise;  // incompressible: the gzip body is larger than 1000 bytes on the wire
    std::uint32_t x = 12345;
    for (int i = 0; i < 4000; ++i) noise += static_cast<char>((x = x * 1103515245 + 12345) >> 24);
    auto outcome = spoiled_then_healthy(server, options, gzip_response(gzip(noise)));
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == errc::body_too_large);
}
