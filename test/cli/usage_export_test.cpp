// `talentray export key-usage` against a usage log stamped in whole seconds with several rows per
// second (ties), as the API's examples show: page boundaries fall inside a second, the log grows
// at its newest end between a kill -9 and --resume, and the file still holds every row once.
#include "cli_fixture.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <signal.h>

#include <set>

using namespace cli_test;
namespace json = boost::json;

namespace {

// 400 rows in bursts of up to 12 per second, whole-second timestamps: with pages of 7 rows, most
// page boundaries fall inside a tie, and some ties are wider than a page.
mock::server_options tied_log() {
    mock::server_options options = cli_fixture::default_options();
    options.seeded_usage_rows = 400;
    options.usage_rows_per_second = 12;
    options.usage_timestamp_resolution = std::chrono::seconds{1};
    return options;
}

std::vector<std::string> usage_export(const cli_fixture& f, const std::string& format,
                                      const std::filesystem::path& output) {
    return {"export", "key-usage", f.server.keys().employer.id, "--format", format, "--output", output.string(),
            "--page-size", "7", "--checkpoint-interval", "1ms"};
}

/// The ids of the exported rows, in file order.
std::vector<std::string> exported_ids(const std::string& format, const std::filesystem::path& output) {
    std::vector<std::string> ids;
    const std::string text = read_text(output);
    if (format == "jsonl") {
        for (const json::value& row : parse_json_lines(text)) ids.emplace_back(row.at("id").as_string());
    } else {
        const auto records = parse_csv(text);
        REQUIRE(!records.empty());
        CHECK(records.front().front() == "id");
        for (std::size_t i = 1; i < records.size(); ++i) ids.push_back(records[i].front());
    }
    return ids;
}

std::vector<std::string> ids_of(const std::vector<json::value>& rows) {
    std::vector<std::string> ids;
    for (const json::value& row : rows) ids.emplace_back(row.at("id").as_string());
    return ids;
}

/// The rows the checkpoint beside `output` counts, 0 while it does not exist or is being replaced.
std::uint64_t checkpointed_rows(const std::filesystem::path& checkpoint) {
    if (!std::filesystem::exists(checkpoint)) return 0;
    boost::system::error_code ec;
    const json::value parsed = json::parse(read_text(checkpoint), ec);
    if (ec || !parsed.is_object() || !parsed.as_object().contains("rows")) return 0;
    return parsed.at("rows").to_number<std::uint64_t>();
}

/// Runs `arguments` as the admin against a held-back server (a page every 100 ms), kills it
/// with SIGKILL once its checkpoint counts at least `rows` rows, and lets the server answer at
/// full speed again.
void kill_at_checkpoint(cli_fixture& f, const std::vector<std::string>& arguments,
                        const std::filesystem::path& checkpoint, std::uint64_t rows) {
    std::vector<std::string> all = f.connection_args();
    all.insert(all.end(), arguments.begin(), arguments.end());
    mock::fault_options held_back;
    held_back.latency = std::chrono::milliseconds{100};
    f.server.set_faults(held_back);
    child export_process{talentray_program(), all, f.environment(f.server.keys().admin.key)};
    const bool reached =
        wait_for_directory_event(checkpoint.parent_path(), [&] { return checkpointed_rows(checkpoint) >= rows; });
    export_process.kill_with(SIGKILL);
    const outcome ended = export_process.wait();
    f.server.set_faults({});
    INFO(ended.err);
    REQUIRE(reached);
    REQUIRE(ended.signal == SIGKILL);
}

void check_usage_kill_and_resume(const std::string& format) {
    cli_fixture f{tied_log()};
    const std::vector<std::string> expected = ids_of(f.usage_log_in_one_page(f.server.keys().employer.id));
    REQUIRE(expected.size() == 400);
    const auto output = f.scratch / ("usage." + format);
    const auto checkpoint = f.scratch / ("usage." + format + ".checkpoint");
    std::vector<std::string> first = usage_export(f, format, output);
    std::vector<std::string> resume = first;
    resume.push_back("--resume");

    // The first checkpoint with a row in it is taken inside the first page.
    kill_at_checkpoint(f, first, checkpoint, 1);
    // The log grows at its newest end meanwhile: rows of the current second, tied.
    for (int i = 0; i < 4; ++i) (void)f.get_json("/api/v1/me", f.server.keys().employer.key);
    kill_at_checkpoint(f, resume, checkpoint, 60);

    const outcome finished = f.talentray(resume, f.server.keys().admin.key);
    INFO(finished.err);
    REQUIRE(finished.exit_status == 0);
    const std::vector<std::string> written = exported_ids(format, output);
    CHECK(std::set<std::string>(written.begin(), written.end()).size() == written.size());  // no row twice
    CHECK(written == expected);  // every row of the log when the export began, in order
    CHECK_FALSE(std::filesystem::exists(checkpoint));
}

}  // namespace

TEST_CASE("export key-usage: whole-second ties across page boundaries and wider than a page, every row of the log "
          "once, in order") {
    const cli_fixture f{tied_log()};
    const std::vector<std::string> expected = ids_of(f.usage_log_in_one_page(f.server.keys().employer.id));
    REQUIRE(expected.size() == 400);
    for (const std::string format : {"jsonl", "csv"}) {
        const auto output = f.scratch / ("whole." + format);
        const outcome result = f.talentray(usage_export(f, format, output), f.server.keys().admin.key);
        INFO(format << ": " << result.err);
        REQUIRE(result.exit_status == 0);
        CHECK_THAT(result.err, Catch::Contains("exported 400 rows"));
        CHECK(exported_ids(format, output) == expected);
    }
}

TEST_CASE("export key-usage: 500 rows in one second stop the export, naming the problem, and publish nothing") {
    mock::server_options options = tied_log();
    options.seeded_usage_rows = 3000;
    options.usage_rows_per_second = 1000;  // bursts of 1..1000 rows: this seed's include 500 or more
    const cli_fixture f{options};
    const auto output = f.scratch / "wide.jsonl";
    const outcome result = f.talentray({"export", "key-usage", f.server.keys().employer.id, "--output", output.string(),
                                        "--page-size", "5"},
                                       f.server.keys().admin.key);
    CHECK(result.exit_status != 0);
    CHECK_THAT(result.err, Catch::Contains("more rows fall within that second than one page of limit 500 (the API's "
                                           "largest) holds"));
    CHECK_FALSE(std::filesystem::exists(output));
}

TEST_CASE("export key-usage: JSON Lines killed -9 twice, the log growing in between, --resume holds every row once") {
    check_usage_kill_and_resume("jsonl");
}

TEST_CASE("export key-usage: CSV killed -9 twice, the log growing in between, --resume holds every row once") {
    check_usage_kill_and_resume("csv");
}
