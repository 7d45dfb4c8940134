// A server that echoes the key back in every response: the key, its Bearer form and any 16-character
// piece of it come out of no log line, diagnostic, exception text or pager error.
#include "fixtures.hpp"
#include "key_echo_server.hpp"

#include <talentray/api/candidates.hpp>
#include <talentray/model/me.hpp>
#include <talentray/pager.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

client_options hostile_options(const test_server& server, log_capture& logs) {
    client_options options = options_for(server);
    options.api_key = secret{echoed_key};
    options.retry.initial_backoff = std::chrono::milliseconds{1};
    options.retry.max_backoff = std::chrono::milliseconds{5};
    options.logger = logs.handler();
    return options;
}

/// Every text the error carries or makes: each field, the one-line form, the streamed form and
/// the exception's what().
std::vector<std::string> texts_of(const error_info& info) {
    const diagnostics& d = info.diag;
    std::vector<std::string> texts{d.api_code, d.api_message, d.method, d.path, d.location, d.client_message,
                                   d.to_string(), error{info}.what()};
    for (const auto* list : {&d.details, &d.required_scopes, &d.granted_scopes})
        texts.insert(texts.end(), list->begin(), list->end());
    std::ostringstream streamed;
    streamed << info;
    texts.push_back(streamed.str());
    return texts;
}

void check_no_key(const std::vector<std::string>& texts) {
    for (const std::string& text : texts)
        for (const std::string& form : key_forms(echoed_key)) {
            INFO(text);
            CHECK(text.find(form) == std::string::npos);
        }
}

asio::awaitable<std::vector<error_info>> row_errors(pager<candidate> rows) {
    std::vector<error_info> errors;
    for (int calls = 0; calls < 5; ++calls) {
        auto row = co_await rows.try_next();
        if (!row) {
            errors.push_back(std::move(row).error());
            continue;
        }
        if (!*row) break;
    }
    co_return errors;
}

}  // namespace

TEST_CASE("an echoed key is absent from retry log lines and from the final error after 503, 429, 500 and 401") {
    test_server server{{}, key_echo_handler(echoed_key)};
    log_capture logs;
    asio::io_context io;
    client c{io.get_executor(), hostile_options(server, logs)};
    auto outcome = run(io, c.try_me());
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == errc::unauthorized);
    CHECK(server.requests().size() == 4);  // three retried failures, then the final 401
    CHECK_THAT(outcome.error().diag.api_message, Catch::Contains("[redacted]"));
    check_no_key(texts_of(outcome.error()));
    REQUIRE(logs.lines.size() >= 3);  // a line before each retry at least
    check_no_key(logs.lines);
}

TEST_CASE("an echoed key is absent from the scopes of a 403 and from the exception thrown for it") {
    test_server server{{}, key_echo_handler(echoed_key)};
    log_capture logs;
    asio::io_context io;
    client c{io.get_executor(), hostile_options(server, logs)};
    auto outcome = run(io, c.try_send(get("/api/v1/roles")));
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == errc::insufficient_scope);
    CHECK(outcome.error().diag.required_scopes == std::vector<std::string>{"candidates:read", "[redacted]"});
    check_no_key(texts_of(outcome.error()));
    try {
        run(io, c.send(get("/api/v1/roles")));
        FAIL("a 403 did not throw");
    } catch (const error& e) {
        check_no_key({e.what(), e.diag().to_string()});
    }
    check_no_key(logs.lines);
}

TEST_CASE("an echoed key is absent from a 502 whose headers and HTML body hold it") {
    test_server server{{}, key_echo_handler(echoed_key)};
    log_capture logs;
    asio::io_context io;
    client c{io.get_executor(), hostile_options(server, logs)};
    auto outcome = run(io, c.try_send(get("/api/v1/tests")));
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == errc::server_error);
    CHECK_THAT(outcome.error().diag.client_message, Catch::Contains("not a JSON object"));
    check_no_key(texts_of(outcome.error()));
    check_no_key(logs.lines);
}

TEST_CASE("an echoed key is absent from the pager's error for a row that quotes it") {
    test_server server{{}, key_echo_handler(echoed_key)};
    log_capture logs;
    asio::io_context io;
    client c{io.get_executor(), hostile_options(server, logs)};
    const auto errors = run(io, row_errors(c.candidates().list()));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == errc::invalid_response);
    CHECK_THAT(errors[0].diag.client_message, Catch::Contains("createdAt"));
    CHECK_THAT(errors[0].diag.client_message, Catch::Contains("[redacted]"));
    check_no_key(texts_of(errors[0]));
    check_no_key(logs.lines);
}
