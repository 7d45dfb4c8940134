// talentray against a server that echoes the key back in every answer: with --verbose, in its
// error reports and for a key pasted in place of a key file, the key, its Bearer form and any
// 16-character piece of it are printed nowhere.
#include "cli_fixture.hpp"
#include "key_echo_server.hpp"

#include <catch2/catch.hpp>

using namespace cli_test;
using talentray::testing::echoed_key;
using talentray::testing::key_echo_handler;
using talentray::testing::key_forms;
using talentray::testing::test_server;

namespace {

/// Runs `talentray --verbose --base-url <server> <arguments>` with the echoed key.
outcome against(const test_server& server, std::vector<std::string> arguments) {
    std::vector<std::string> all{"--verbose", "--base-url", server.base_url()};
    all.insert(all.end(), arguments.begin(), arguments.end());
    return run(talentray_program(), all, {{"TALENTRAY_API_KEY", echoed_key}});
}

void check_no_key(const outcome& result) {
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    for (const std::string& form : key_forms(echoed_key)) {
        CHECK(result.out.find(form) == std::string::npos);
        CHECK(result.err.find(form) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("key echo: retries logged with --verbose and the final 401 report print no part of the key") {
    const test_server server{{}, key_echo_handler(echoed_key)};
    const outcome result = against(server, {"me"});
    CHECK(result.exit_status != 0);
    CHECK_THAT(result.err, Catch::Contains("HTTP 503"));  // the retries were logged
    CHECK_THAT(result.err, Catch::Contains("HTTP 429"));
    CHECK_THAT(result.err, Catch::Contains("unauthorized (401)"));
    CHECK_THAT(result.err, Catch::Contains("[redacted]"));
    check_no_key(result);
}

TEST_CASE("key echo: the missing and granted scopes of a 403 print no part of the key") {
    const test_server server{{}, key_echo_handler(echoed_key)};
    const outcome result = against(server, {"roles", "list"});
    CHECK(result.exit_status != 0);
    CHECK_THAT(result.err, Catch::Contains("[required scopes: candidates:read, [redacted]]"));
    CHECK_THAT(result.err, Catch::Contains("granted scopes: [redacted]"));
    check_no_key(result);
}

TEST_CASE("key echo: a row that quotes the key is reported without it") {
    const test_server server{{}, key_echo_handler(echoed_key)};
    const outcome result = against(server, {"candidates", "list", "--all"});
    CHECK(result.exit_status != 0);
    CHECK_THAT(result.err, Catch::Contains("createdAt"));
    check_no_key(result);
}

TEST_CASE("key echo: a key given as --api-key-file is not repeated in the error") {
    const outcome result = run(talentray_program(), {"--api-key-file", echoed_key, "me"}, {});
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err, Catch::Contains("--api-key-file: no such file"));
    check_no_key(result);
}
