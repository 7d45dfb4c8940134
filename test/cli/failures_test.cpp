// What the talentray executable does when something is wrong: the documented exit status, a
// message naming the problem, and nothing written.
#include "cli_fixture.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace cli_test;

namespace {

void check_failure(const outcome& result, int status, const std::string& mentions) {
    REQUIRE_FALSE(mentions.empty());  // every failure is reported with a message a user can act on
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    CHECK(result.exit_status == status);
    CHECK_THAT(result.err, Catch::Contains(mentions));
    CHECK(result.out.empty());
}

}  // namespace

TEST_CASE("failures: bad flags and values exit 2 with a message naming them") {
    const cli_fixture f;
    check_failure(f.as_employer({"candidates", "list", "--page-size", "0"}), 2, "--page-size");
    check_failure(f.as_employer({"candidates", "lst"}), 2, "lst");
    check_failure(f.as_employer({"roles", "update", "role_eng_be", "--salary-min", "lots"}), 2,
                  "--salary-min: 'lots' is not an integer");
    check_failure(f.as_employer({"candidates", "update", "cand_1"}), 2, "nothing to send");
    check_failure(f.as_employer({"sourcing", "create", "--full-name", "A"}), 2, "--organization-id is required");
    check_failure(run(talentray_program(), {"--rate-limit", "600", "me"}, f.environment(f.server.keys().employer.key)), 2,
                  "--rate-limit: '600' is not a rate limit");
    check_failure(f.as_employer({"--timeout", "soon", "me"}), 2, "--timeout: 'soon' is not a duration");
    check_failure(f.as_employer({"--api-key", "tr_whatever", "me"}), 2, "never taken from the command line");
    check_failure(f.as_employer({"keys", "usage", "k", "--before", "yesterday"}), 2, "--before");
    check_failure(f.as_employer({"tests", "update", "test_js", "--language", "English"}), 2, "language");
    const outcome help = f.as_employer({"--help"});
    CHECK(help.exit_status == 0);
    CHECK_THAT(help.out, Catch::Contains("Exit status:"));
}

TEST_CASE("failures: bad input files exit 2 and name the file") {
    const cli_fixture f;
    check_failure(f.as_employer({"tests", "update", "test_js", "--body", (f.scratch / "missing.json").string()}), 2,
                  "--body: cannot open");
    write_text(f.scratch / "broken.json", "{\"duration\": 45");
    check_failure(f.as_employer({"tests", "update", "test_js", "--body", (f.scratch / "broken.json").string()}), 2,
                  "broken.json is not valid JSON");
    write_text(f.scratch / "array.json", "[45]");
    check_failure(f.as_employer({"tests", "update", "test_js", "--body", (f.scratch / "array.json").string()}), 2,
                  "must hold a JSON object");
    write_text(f.scratch / "typo.json", R"({"durration": 45})");
    check_failure(f.as_employer({"tests", "update", "test_js", "--body", (f.scratch / "typo.json").string()}), 2,
                  "unknown field \"durration\"");
    write_text(f.scratch / "wrong-type.json", R"({"duration": "long"})");
    check_failure(f.as_employer({"tests", "update", "test_js", "--body", (f.scratch / "wrong-type.json").string()}), 2,
                  "duration");
    check_failure(f.as_employer({"tests", "update", "test_js", "--body", "-"}, std::string("not json")), 2,
                  "standard input is not valid JSON");
    // Nothing reached the server.
    CHECK(f.server.stats().route("PATCH /api/v1/tests/{id}") == 0);

    check_failure(f.talentray({"--api-key-file", (f.scratch / "no-key").string(), "me"}, ""), 2, "--api-key-file");
    write_text(f.scratch / "key.txt", f.server.keys().employer.key + "\n");
    CHECK(f.talentray({"--api-key-file", (f.scratch / "key.txt").string(), "me"}, "").exit_status == 0);
}

TEST_CASE("failures: an export with bad arguments writes nothing") {
    const cli_fixture f;
    const auto output = f.scratch / "out.jsonl";
    check_failure(f.as_employer({"export", "candidates", "--output", (f.scratch / "no-dir" / "x.jsonl").string()}), 2,
                  "does not exist");
    check_failure(f.as_employer({"export", "candidates", "--output", output.string(), "--role-id", ""}), 2,
                  "--role-id: must not be empty");
    check_failure(f.as_employer({"export", "key-usage", "k", "--output", output.string(), "--before", "noon"}), 2,
                  "--before");
    check_failure(f.as_employer({"export", "candidates", "--output", output.string(), "--progress-interval", "x"}), 2,
                  "--progress-interval");
    check_failure(f.as_employer({"export", "candidates", "--format", "xml", "--output", output.string()}), 2, "--format");
    write_text(f.scratch / "out.jsonl.checkpoint", "{garbage");
    check_failure(f.as_employer({"export", "candidates", "--output", output.string(), "--resume"}), 1,
                  "not a usable export checkpoint");
    std::filesystem::remove(f.scratch / "out.jsonl.checkpoint");
    // Refused by the server before the first row: nothing is left to resume.
    check_failure(f.as_employer({"export", "key-usage", f.server.keys().admin.id, "--output", output.string()}), 5,
                  "Admin access required");
    check_failure(f.as_employer({"export", "cv-screening-batch", "batch_nope", "--output", output.string()}), 6, "404");
    std::vector<std::string> left;
    for (const auto& entry : std::filesystem::directory_iterator(f.scratch.path()))
        left.push_back(entry.path().filename().string());
    CHECK(left == std::vector<std::string>{"ca.pem"});
}

TEST_CASE("failures: authentication, permission, not found each have their exit status") {
    const cli_fixture f;
    check_failure(f.talentray({"me"}, ""), 4, "no API key: set TALENTRAY_API_KEY");
    check_failure(f.talentray({"me"}, "tr_" + std::string(64, 'x')), 4, "unauthorized (401)");
    check_failure(f.talentray({"me"}, f.server.keys().expired.key), 4, "401");

    const outcome scope = f.talentray({"candidates", "list"}, f.server.keys().no_scopes.key);
    check_failure(scope, 5, "API key lacks a required scope (403)");
    CHECK_THAT(scope.err, Catch::Contains("missing scopes: candidates:read"));
    CHECK_THAT(scope.err, Catch::Contains("granted scopes: (none)"));
    const outcome read_only = f.talentray({"sourcing", "delete", "pc_1", "--yes"}, f.server.keys().read_only.key);
    check_failure(read_only, 5, "missing scopes: sourcing:write");
    CHECK_THAT(read_only.err, Catch::Contains("granted scopes: candidates:read"));
    // A hiring manager sees the candidates of the roles assigned to them, and may not change them.
    const std::string manager = f.server.keys().hiring_manager.key;
    const std::string visible(f.get_json("/api/v1/candidates", manager).at("data").at(0).at("id").as_string());
    check_failure(f.talentray({"candidates", "update", visible, "--status", "x"}, manager), 5, "forbidden (403)");
    check_failure(f.as_employer({"keys", "list"}), 5, "Admin access required");

    check_failure(f.as_employer({"roles", "get", "role_nope"}), 6, "not found (404)");
    check_failure(f.as_employer({"cv-screening", "batch", "batch_nope"}), 6, "404");
    check_failure(f.talentray({"portal", "get", "initech"}, ""), 6, "404");
    check_failure(f.as_employer({"candidates", "update", "cand_1", "--email", "not-an-email"}), 3, "400");
}

TEST_CASE("failures: network, TLS, server errors and rate limits have their exit status") {
    const cli_fixture f;
    const std::string key = f.server.keys().employer.key;
    // TLS: the mock's self-signed certificate is not trusted without --ca-file.
    check_failure(run(talentray_program(), {"--base-url", f.server.base_url(), "me"}, f.environment(key)), 8,
                  "TLS certificate verification failed");
    // A port where nobody listens.
    const std::string closed = "https://127.0.0.1:1";
    check_failure(run(talentray_program(), {"--base-url", closed, "--ca-file", f.ca_file.string(), "me"}, f.environment(key)),
                  8, "connecting to https://127.0.0.1:1 failed: Connection refused");

    mock::server_options failing = cli_fixture::default_options();
    failing.faults.server_error_rate = 1.0;
    const cli_fixture broken{failing};
    check_failure(broken.as_employer({"roles", "get", "role_eng_be"}), 9, "server error");

    mock::server_options limited = cli_fixture::default_options();
    limited.limit = {1, std::chrono::seconds{60}};
    const cli_fixture strict{limited};
    REQUIRE(strict.as_employer({"me"}).exit_status == 0);
    const outcome throttled = strict.as_employer({"--timeout", "2s", "me"});
    check_failure(throttled, 7, "rate limited (429)");
}
