// The client core: credentials, request formation, error decoding in both shapes, redaction.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

reply with(int status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
    reply r;
    r.status = status;
    r.body = std::move(body);
    if (!headers.empty()) r.headers = std::move(headers);
    return r;
}

error_info failure_of(test_server& server, reply canned, request_spec spec, client_options options) {
    server.set_handler([canned](const seen_request&) { return canned; });
    asio::io_context io;
    client c{io.get_executor(), std::move(options)};
    auto r = run(io, c.try_send(std::move(spec)));
    REQUIRE_FALSE(r);
    return r.error();
}

}  // namespace

TEST_CASE("the key travels in the Authorization header by default, in x-api-key on request, never in the URL") {
    test_server server{{}};
    asio::io_context io;
    {
        client bearer{io.get_executor(), options_for(server)};
        REQUIRE(run(io, bearer.try_send(get("/api/v1/me"))));
    }
    auto options = options_for(server);
    options.auth = auth_scheme::x_api_key;
    client header{io.get_executor(), options};
    REQUIRE(run(io, header.try_send(get("/api/v1/me"))));

    auto seen = server.requests();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].headers.at("authorization") == "Bearer " + fake_key);
    CHECK(seen[0].headers.count("x-api-key") == 0);
    CHECK(seen[1].headers.at("x-api-key") == fake_key);
    CHECK(seen[1].headers.count("authorization") == 0);
    for (const auto& r : seen) {
        CHECK(r.target.find(fake_key) == std::string::npos);
        CHECK(r.headers.at("user-agent").starts_with("talentray-cpp/"));
        CHECK(r.headers.at("accept") == "application/json");
    }
}

TEST_CASE("public requests carry no credentials at all") {
    test_server server{{}};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    auto spec = get("/api/public/portal/acme");
    spec.authenticated = false;
    REQUIRE(run(io, c.try_send(spec)));
    auto seen = server.requests().at(0);
    CHECK(seen.headers.count("authorization") == 0);
    CHECK(seen.headers.count("x-api-key") == 0);
}

TEST_CASE("without a key, authenticated calls fail before sending anything") {
    test_server server{{}};
    asio::io_context io;
    auto options = options_for(server);
    options.api_key = secret{};
    client c{io.get_executor(), options};
    auto r = run(io, c.try_send(get("/api/v1/me")));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::unauthorized);
    CHECK(server.accepted() == 0);
}

TEST_CASE("query values are percent-encoded; a bad path is refused before sending") {
    test_server server{{}};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    auto spec = get("/api/v1/candidates");
    spec.query = {{"roleId", "a b&c=d\r\nX-Injected: 1"}, {"page", "2"}};
    REQUIRE(run(io, c.try_send(spec)));
    auto seen = server.requests().at(0);
    CHECK(seen.target == "/api/v1/candidates?roleId=a%20b%26c%3Dd%0D%0AX-Injected%3A%201&page=2");
    CHECK(seen.headers.count("x-injected") == 0);

    for (std::string bad : {"/api/v1/candidates/a b", "/api/v1/x\r\nX-Injected: 1", "relative", "/a?b", "/a#b"}) {
        auto r = run(io, c.try_send(get(bad)));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_argument);
    }
    CHECK(server.requests().size() == 1);
}

TEST_CASE("v1 errors are decoded with code, message, details and scopes") {
    test_server server{{}};
    auto e = failure_of(server,
                        with(403, R"json({"error":"insufficient_scope","message":"This API key is missing required scope(s): candidates:read.","requiredScopes":["candidates:read"],"grantedScopes":["roles:read"]})json"),
                        get("/api/v1/candidates"), options_for(server));
    CHECK(e.code == errc::insufficient_scope);
    CHECK(e.diag.http_status == 403);
    CHECK(e.diag.api_code == "insufficient_scope");
    CHECK(e.diag.required_scopes == std::vector<std::string>{"candidates:read"});
    CHECK(e.diag.granted_scopes == std::vector<std::string>{"roles:read"});

    auto bad = failure_of(server,
                          with(400, R"json({"error":"bad_request","message":"Invalid field(s)","details":["status must be a non-empty string"]})json"),
                          get("/api/v1/candidates/cand_1"), options_for(server));
    CHECK(bad.code == errc::bad_request);
    CHECK(bad.diag.details == std::vector<std::string>{"status must be a non-empty string"});

    auto forbidden = failure_of(server, with(403, R"({"error":"forbidden","message":"no write authority"})"),
                                get("/api/v1/roles/r"), options_for(server));
    CHECK(forbidden.code == errc::forbidden);
}

TEST_CASE("legacy errors keep the human-readable message") {
    test_server server{{}};
    auto e = failure_of(server, with(403, R"({"error":"Forbidden - Admin access required"})"),
                        get("/api/admin/api-keys"), options_for(server));
    CHECK(e.code == errc::forbidden);
    CHECK(e.diag.api_code.empty());
    CHECK(e.diag.api_message == "Forbidden - Admin access required");
}

TEST_CASE("an HTML 502 page, a 429 with Retry-After, and a redirect are described, not trusted") {
    test_server server{{}};
    auto once = options_for(server);  // no retries: each response is seen as the caller's error
    once.retry.max_attempts = 1;
    once.retry.max_rate_limited_attempts = 1;
    auto html = failure_of(server, with(502, "<html><body>Bad gateway</body></html>", {{"Content-Type", "text/html"}}),
                           get("/api/v1/me"), once);
    CHECK(html.code == errc::server_error);
    CHECK(html.diag.client_message.find("text/html") != std::string::npos);

    auto limited = failure_of(server, with(429, R"({"error":"rate_limited"})", {{"Retry-After", "30"}}),
                              get("/api/v1/me"), once);
    CHECK(limited.code == errc::rate_limited);
    REQUIRE(limited.diag.retry_after);
    CHECK(limited.diag.retry_after->count() == 30);

    once.budget = std::make_shared<rate_budget>();  // the 429 paused the old one for 30 s

    auto moved = failure_of(server, with(302, "", {{"Location", "https://elsewhere.example/api/v1/me"}}),
                            get("/api/v1/me"), once);
    CHECK(moved.code == errc::redirect_not_followed);
    CHECK(moved.diag.location == "https://elsewhere.example/api/v1/me");
    CHECK(server.requests().size() == 3);  // the redirect was not followed
}

TEST_CASE("the key appears in no log line, exception text or diagnostic, even when the server echoes it") {
    test_server server{{}};
    log_capture logs;
    auto options = options_for(server);
    options.logger = logs.handler();
    auto e = failure_of(server, with(401, R"({"error":"unauthorized","message":"unknown key )" + fake_key + R"("})"),
                        get("/api/v1/me"), options);
    CHECK(e.code == errc::unauthorized);
    talentray::error thrown{e};
    CHECK(std::string{thrown.what()}.find(fake_key) == std::string::npos);
    CHECK(e.diag.to_string().find(fake_key) == std::string::npos);
    CHECK(e.diag.api_message.find("[redacted]") != std::string::npos);
    REQUIRE_FALSE(logs.lines.empty());
    for (const auto& line : logs.lines) CHECK(line.find(fake_key) == std::string::npos);
    CHECK(secret{fake_key}.redacted() == "tr_kkkk…");
}

TEST_CASE("keys with whitespace or control characters are refused without quoting them") {
    asio::io_context io;
    for (const std::string& bad : std::vector<std::string>{fake_key + "\n", "tr_abc def", "tr_\x01"}) {
        client_options options;
        options.api_key = secret{bad};
        try {
            client c{io.get_executor(), options};
            FAIL("accepted a bad key");
        } catch (const talentray::error& e) {
            CHECK(e.code() == errc::invalid_api_key);
            CHECK(std::string{e.what()}.find(bad) == std::string::npos);
        }
    }
}

TEST_CASE("a key of unusual shape is accepted with a warning") {
    asio::io_context io;
    log_capture logs;
    client_options options;
    options.api_key = secret{"not_a_talentray_key"};
    options.logger = logs.handler();
    client c{io.get_executor(), options};
    REQUIRE(logs.lines.size() == 1);
    CHECK(logs.lines[0].find("does not look like a Talent-Ray key") != std::string::npos);
    CHECK(logs.lines[0].find("not_a_talentray_key") == std::string::npos);
}

TEST_CASE("plain http to a non-loopback host is refused unless explicitly allowed") {
    asio::io_context io;
    client_options options;
    options.api_key = secret{fake_key};
    options.base_url = "http://api.example.com";
    try {
        client c{io.get_executor(), options};
        FAIL("accepted plain http");
    } catch (const talentray::error& e) {
        CHECK(e.code() == errc::insecure_url_refused);
    }
    options.allow_insecure_http = true;
    client allowed{io.get_executor(), options};
    CHECK(allowed.origin() == "http://api.example.com:80");
}

TEST_CASE("from_env reads the documented variables") {
    ::setenv("TALENTRAY_API_KEY", fake_key.c_str(), 1);
    ::setenv("TALENTRAY_BASE_URL", "acme", 1);
    ::setenv("TALENTRAY_CA_FILE", "/tmp/ca.pem", 1);
    auto options = client_options::from_env();
    ::unsetenv("TALENTRAY_API_KEY");
    ::unsetenv("TALENTRAY_BASE_URL");
    ::unsetenv("TALENTRAY_CA_FILE");
    CHECK(options.api_key.reveal() == fake_key);
    CHECK(options.base_url == "acme");
    CHECK(options.tls.ca_file == "/tmp/ca.pem");
}

TEST_CASE("counters count requests, statuses and bytes") {
    test_server server{{}};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    REQUIRE(run(io, send_sequentially(c, get("/api/v1/me"), 3)) == 3);
    server.set_handler([](const seen_request&) { return with(404, R"({"error":"not_found"})"); });
    REQUIRE(run(io, send_sequentially(c, get("/api/v1/me"), 2)) == 0);
    auto counters = c.counters();
    CHECK(counters.requests == 5);
    CHECK(counters.responses_2xx == 3);
    CHECK(counters.responses_4xx == 2);
    CHECK(counters.bytes_received == 3 * std::string{R"({"ok":true})"}.size() + 2 * std::string{R"({"error":"not_found"})"}.size());
}

TEST_CASE("extra header fields of the client and of the call are sent; the call's replace the client's") {
    test_server server{{}};
    asio::io_context io;
    auto options = options_for(server);
    options.headers = {{"X-Team", "hiring"}, {"X-Request-Id", "from-client"}};
    client c{io.get_executor(), options};
    auto spec = get("/api/v1/me");
    spec.headers = {{"x-request-id", "req-42"}, {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}};
    REQUIRE(run(io, c.try_send(spec)));
    REQUIRE(run(io, c.try_send(get("/api/v1/me"))));

    const auto seen = server.requests();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].headers.at("x-team") == "hiring");
    CHECK(seen[0].headers.at("x-request-id") == "req-42");
    CHECK(seen[0].headers.at("traceparent") == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    CHECK(seen[0].headers.at("authorization") == "Bearer " + fake_key);
    CHECK(seen[1].headers.at("x-request-id") == "from-client");
    CHECK(seen[1].headers.count("traceparent") == 0);
}

TEST_CASE("a call's header field that would smuggle a line or replace credentials fails before sending") {
    test_server server{{}};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    auto smuggling = get("/api/v1/me");
    smuggling.headers = {{"X-Request-Id", "1\r\nX-Admin: yes"}};
    auto replacing = get("/api/v1/me");
    replacing.headers = {{"authorization", "Bearer someone-else"}};
    for (const auto& spec : {smuggling, replacing}) {
        const auto r = run(io, c.try_send(spec));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_argument);
        CHECK(r.error().diag.client_message.starts_with("request_spec::headers[0]: "));
    }
    CHECK(server.requests().empty());
}

TEST_CASE("a client header field that is not allowed is refused at construction, naming it") {
    test_server server{{}};
    asio::io_context io;
    auto options = options_for(server);
    options.headers = {{"X-Ok", "1"}, {"Host", "evil.example"}};
    try {
        client c{io.get_executor(), options};
        FAIL("the client accepted a Host header field");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_argument);
        CHECK(std::string{e.what()}.find("client_options::headers[1]: 'Host' is set by the client itself") !=
              std::string::npos);
    }
}
