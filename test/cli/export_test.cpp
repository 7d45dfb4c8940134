// talentray export: every row, once, in order, in JSON Lines or CSV; progress on a non-terminal
// stderr; refusals that leave files alone.
#include "cli_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

using namespace cli_test;
namespace json = boost::json;

namespace {

// The cell a value must have become: strings as they are, null/missing empty, the rest JSON.
void check_cell(const std::string& cell, const json::value* expected) {
    if (!expected || expected->is_null()) CHECK(cell.empty());
    else if (expected->is_string()) CHECK(cell == std::string_view(expected->as_string()));
    else CHECK(json::parse(cell) == *expected);
}

std::vector<std::string> export_args(const std::string& resource, const std::string& format,
                                     const std::filesystem::path& output) {
    return {"export", resource, "--format", format, "--output", output.string()};
}

}  // namespace

TEST_CASE("export jsonl: every candidate exactly once, in order, as the server sent it") {
    const cli_fixture f;
    const auto output = f.scratch / "candidates.jsonl";
    const outcome result = f.as_employer(export_args("candidates", "jsonl", output));
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    CHECK(result.out.empty());
    const std::vector<json::value> expected = f.offset_rows("/api/v1/candidates", f.server.keys().employer.key);
    const std::vector<json::value> written = parse_json_lines(read_text(output));
    CHECK(written.size() == expected.size());
    CHECK((written == expected));
    CHECK_FALSE(std::filesystem::exists(f.scratch / "candidates.jsonl.partial"));
    CHECK_FALSE(std::filesystem::exists(f.scratch / "candidates.jsonl.checkpoint"));
    CHECK_THAT(result.err, Catch::Contains("exported " + std::to_string(expected.size()) + " rows of candidates to " +
                                           output.string()));
    CHECK_THAT(result.err, Catch::Contains("total count " + std::to_string(expected.size())));
}

TEST_CASE("export csv: a header in the stable column order, one record per row, every cell exact") {
    const cli_fixture f;
    const auto output = f.scratch / "leads.csv";
    const outcome result = f.as_employer(export_args("sourcing", "csv", output));
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const auto records = parse_csv(read_text(output));
    const std::vector<std::string> header{"id",      "fullName",    "email",         "contactEmail", "phone",
                                          "status",  "skills",      "summary",       "candidateId",  "organizations",
                                          "roles",   "createdAt",   "updatedAt"};
    REQUIRE_FALSE(records.empty());
    CHECK(records.front() == header);
    const std::vector<json::value> expected = f.offset_rows("/api/v1/sourcing", f.server.keys().employer.key);
    REQUIRE(records.size() == expected.size() + 1);
    for (std::size_t row = 0; row < expected.size(); ++row) {
        REQUIRE(records[row + 1].size() == header.size());
        for (std::size_t column = 0; column < header.size(); ++column)
            check_cell(records[row + 1][column], expected[row].as_object().if_contains(header[column]));
    }
}

TEST_CASE("export csv: quotes, commas and line breaks inside values survive the round trip") {
    const cli_fixture f;
    const std::string tricky = "Zoë \"Z\" O'Neil, Jr.\nsecond line";
    const outcome created = f.as_employer({"sourcing", "create", "--full-name", tricky, "--organization-id", "org_acme",
                                           "--summary", "a,b\r\nc", "--skills", "c++,\"quoted\""});
    REQUIRE(created.exit_status == 0);
    const auto output = f.scratch / "leads.csv";
    REQUIRE(f.as_employer(export_args("sourcing", "csv", output)).exit_status == 0);
    const auto records = parse_csv(read_text(output));
    const auto found = std::find_if(records.begin(), records.end(), [&](const auto& r) { return r[1] == tricky; });
    REQUIRE(found != records.end());
    CHECK((*found)[7] == "a,b\r\nc");
    CHECK(json::parse((*found)[6]) == json::array{"c++", "\"quoted\""});
}

TEST_CASE("export: the other lists (roles, tests, a CV batch's members)") {
    const cli_fixture f;
    const std::string employer = f.server.keys().employer.key;
    struct expectation {
        std::vector<std::string> arguments;
        std::vector<json::value> rows;
        std::string key;
    };
    const std::vector<expectation> cases{
        {{"roles"}, f.offset_rows("/api/v1/roles", employer), employer},
        {{"tests"}, f.offset_rows("/api/v1/tests", employer), employer},
        {{"cv-screening-batch", "batch_2026_06_01", "--page-size", "7"},
         f.offset_rows("/api/v1/cv-screening/batches/batch_2026_06_01", employer), employer},
    };
    for (const expectation& e : cases) {
        INFO(e.arguments.front());
        const auto output = f.scratch / (e.arguments.front() + ".jsonl");
        std::vector<std::string> arguments{"export"};
        arguments.insert(arguments.end(), e.arguments.begin(), e.arguments.end());
        arguments.insert(arguments.end(), {"--output", output.string()});
        const outcome result = f.talentray(arguments, e.key);
        INFO(result.err);
        REQUIRE(result.exit_status == 0);
        CHECK((parse_json_lines(read_text(output)) == e.rows));
    }
}

TEST_CASE("export: a key's usage log, newest first, through the cursor") {
    const cli_fixture f;
    // The employer key is not used here, so its log stands still while the admin key reads it.
    const std::string employer_id = f.server.keys().employer.id;
    const std::vector<json::value> expected = f.usage_rows(employer_id);
    const auto output = f.scratch / "usage.csv";
    const outcome result = f.talentray({"export", "key-usage", employer_id, "--format", "csv", "--page-size", "250",
                                        "--output", output.string()},
                                       f.server.keys().admin.key);
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const auto records = parse_csv(read_text(output));
    REQUIRE(records.size() == expected.size() + 1);
    CHECK(records.front() == std::vector<std::string>{"id", "timestamp", "method", "path", "ip", "userAgent", "authEndpoint"});
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(records[i + 1][0] == std::string_view(expected[i].at("id").as_string()));
        CHECK(records[i + 1][1] == std::string_view(expected[i].at("timestamp").as_string()));
    }
}

TEST_CASE("export: stderr that is not a terminal gets plain progress lines and the summary, no bar") {
    mock::server_options options = cli_fixture::default_options();
    options.faults.latency = std::chrono::milliseconds{30};
    const cli_fixture f{options};
    const auto output = f.scratch / "slow.jsonl";
    std::vector<std::string> arguments = export_args("candidates", "jsonl", output);
    arguments.insert(arguments.end(), {"--page-size", "50", "--window", "1", "--progress-interval", "100ms"});
    const outcome result = f.as_employer(arguments);
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    CHECK_THAT(result.err, Catch::Contains("progress: candidates "));
    CHECK_THAT(result.err, Catch::Contains(" rows/s, ETA "));
    CHECK_THAT(result.err, Catch::Contains(", 429s 0, retries 0\n"));
    CHECK_THAT(result.err, Catch::Contains("\nexported "));
    CHECK(result.err.find('\r') == std::string::npos);
    CHECK(result.err.find('\033') == std::string::npos);
}

TEST_CASE("export: an existing file is not overwritten without --force, and --force replaces it when done") {
    const cli_fixture f;
    const auto output = f.scratch / "c.jsonl";
    write_text(output, "precious\n");
    const outcome refused = f.as_employer(export_args("candidates", "jsonl", output));
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains(output.string() + " already exists; use --force"));
    CHECK(read_text(output) == "precious\n");
    CHECK_FALSE(std::filesystem::exists(f.scratch / "c.jsonl.partial"));

    std::vector<std::string> forced = export_args("candidates", "jsonl", output);
    forced.push_back("--force");
    REQUIRE(f.as_employer(forced).exit_status == 0);
    CHECK(parse_json_lines(read_text(output)).size() ==
          f.offset_rows("/api/v1/candidates", f.server.keys().employer.key).size());
}

TEST_CASE("export --verbose: the summary says what the budget learned, and each change with its cause") {
    // A server that takes one request at a time (a bucket of 1 refilled once a second): the
    // second and last page, asked for right after the first, is refused inside the opening
    // burst of 2, and sent again after the second of Retry-After.
    mock::server_options options = cli_fixture::default_options();
    options.candidates = 300;  // two pages of the employer's
    options.limit = {60, std::chrono::seconds{60}, mock::limit_shape::bucket, 1};
    const cli_fixture f{options};
    const auto output = f.scratch / "candidates.jsonl";
    std::vector<std::string> args = {"--base-url", f.server.base_url(), "--ca-file", f.ca_file.string(),
                                     "--rate-limit", "120/60s", "--verbose"};
    for (const std::string& a : export_args("candidates", "jsonl", output)) args.push_back(a);
    args.insert(args.end(), {"--window", "1"});
    const outcome result = run(talentray_program(), args, f.environment(f.server.keys().employer.key));
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const std::size_t rows = parse_json_lines(read_text(output)).size();
    CHECK(rows > 100);  // two pages of 100, no more
    CHECK(rows <= 200);
    // Told 120 per minute, the budget paces one request per 0.51 s after an opening burst of 2:
    // the second page, asked for as soon as the first arrived, comes well inside that interval
    // even on a slow machine. A burst of 1 then leaves room for (120 - 1) per minute.
    CHECK_THAT(result.err, Catch::Contains("429s 1, retries 1, admission rate 119/min (429s inside a burst; configured "
                                           "118/min), burst 1 of at most 1 (429s inside a burst)"));
    CHECK_THAT(result.err, Catch::Contains("burst 2 -> 1 (429s inside a burst)"));
    CHECK_THAT(result.err, Catch::Contains("rate limit: at "));
}
