// talentray --version, and --quiet: errors only on stderr.
#include "cli_fixture.hpp"

#include <catch2/catch.hpp>

#include <openssl/crypto.h>

using namespace cli_test;

TEST_CASE("version: --version prints the tool's, the library's, Boost's and OpenSSL's versions and exits 0") {
    const outcome shown = run(talentray_program(), {"--version"}, {});
    INFO(shown.err);
    CHECK(shown.exit_status == 0);
    CHECK(shown.err.empty());
    CHECK(shown.out.rfind("talentray " TALENTRAY_PROJECT_VERSION "\n", 0) == 0);
    CHECK_THAT(shown.out, Catch::Contains("\nlibrary: talentray " TALENTRAY_PROJECT_VERSION "\n"));
    CHECK_THAT(shown.out, Catch::Contains("\nBoost: 1."));
    CHECK_THAT(shown.out, Catch::Contains(std::string("\nOpenSSL: ") + OpenSSL_version(OPENSSL_VERSION) + " (built with OpenSSL "));
    CHECK_THAT(shown.out, Catch::Contains("\nzlib: "));
    CHECK(shown.out.find("\n\n") == std::string::npos);
}

TEST_CASE("quiet: an export with --quiet writes nothing on stderr and every row to FILE") {
    const cli_fixture f;
    const auto output = f.scratch / "c.jsonl";
    const outcome exported = f.as_employer(
        {"--quiet", "export", "candidates", "--output", output.string(), "--page-size", "50", "--progress-interval", "1ms"});
    CHECK(exported.exit_status == 0);
    CHECK(exported.err.empty());
    CHECK((parse_json_lines(read_text(output)) == f.offset_rows("/api/v1/candidates", f.server.keys().employer.key)));
}

TEST_CASE("quiet: without --quiet the same export prints its summary on stderr") {
    const cli_fixture f;
    const auto output = f.scratch / "c.jsonl";
    const outcome exported = f.as_employer({"export", "candidates", "--output", output.string(), "--page-size", "50"});
    CHECK(exported.exit_status == 0);
    CHECK_THAT(exported.err, Catch::Contains("exported "));
}

TEST_CASE("quiet: a failure with --quiet still prints its error and keeps its exit status") {
    const cli_fixture f;
    const outcome failed = f.as_employer({"-q", "roles", "get", "role_nope"});
    CHECK(failed.exit_status == 6);
    CHECK_THAT(failed.err, Catch::Contains("not found (404)"));
}

TEST_CASE("quiet: --quiet with --verbose is a usage error naming both") {
    const cli_fixture f;
    const outcome refused = f.as_employer({"--quiet", "--verbose", "me"});
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains("--quiet") && Catch::Contains("--verbose"));
    CHECK(refused.out.empty());
}
