// export --output -: the rows on standard output, progress and summary on stderr only, and a
// reader that stops early (| head -1).
#include "cli_fixture.hpp"

#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

using namespace cli_test;
namespace json = boost::json;

TEST_CASE("stdout export: --output - writes every row as JSON Lines to stdout, progress and summary to stderr") {
    const cli_fixture f;
    const outcome exported = f.as_employer({"export", "candidates", "--output", "-", "--page-size", "50",
                                          "--progress-interval", "1ms", "--checkpoint-interval", "1ms"});
    INFO(exported.err);
    REQUIRE(exported.exit_status == 0);
    // parse_json_lines fails on any line that is not a row, e.g. a progress line.
    CHECK((parse_json_lines(exported.out) == f.offset_rows("/api/v1/candidates", f.server.keys().employer.key)));
    CHECK_THAT(exported.err, Catch::Contains("rows of candidates to standard output in "));
    CHECK_THAT(exported.err, Catch::Contains("progress: candidates "));
}

TEST_CASE("stdout export: --output - --format csv writes the header and one record per row to stdout") {
    const cli_fixture f;
    const outcome exported = f.as_employer({"--quiet", "export", "candidates", "--format", "csv", "--output", "-"});
    REQUIRE(exported.exit_status == 0);
    CHECK(exported.err.empty());
    const auto records = parse_csv(exported.out);
    const std::vector<json::value> expected = f.offset_rows("/api/v1/candidates", f.server.keys().employer.key);
    REQUIRE(records.size() == expected.size() + 1);
    CHECK(records.front().front() == "id");
    CHECK(records.back().front() == std::string_view(expected.back().at("id").as_string()));
}

TEST_CASE("stdout export: a reader that closes after the first line ends the export with exit 10 and no message") {
    const cli_fixture f;
    const outcome ended = f.as_employer({"export", "candidates", "--output", "-", "--page-size", "10", "--window", "1",
                                       "--checkpoint-interval", "1ms"},
                                   {}, {stream_setup::first_line, stream_setup::pipe});
    INFO(ended.err);
    CHECK(ended.signal == 0);
    CHECK(ended.exit_status == 10);
    CHECK(ended.err.empty());
    CHECK(parse_json_lines(ended.out).size() == 1);
}

TEST_CASE("stdout export: --resume with --output - is a usage error that says why, and sends nothing") {
    const cli_fixture f;
    const std::uint64_t before = f.server.stats().requests;
    const outcome refused = f.as_employer({"export", "candidates", "--output", "-", "--resume"});
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains("--resume: an export to standard output (--output -) cannot be resumed"));
    CHECK(refused.out.empty());
    CHECK(f.server.stats().requests == before);
}

TEST_CASE("stdout export: --help of an export says that --output - cannot be resumed") {
    const outcome help = run(talentray_program(), {"export", "candidates", "--help"}, {});
    CHECK(help.exit_status == 0);
    CHECK_THAT(help.out, Catch::Contains("without checkpoint: no --resume"));
}
