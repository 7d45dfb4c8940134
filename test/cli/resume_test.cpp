// kill -9 at random moments during an export, then --resume: the file holds the whole list,
// every row exactly once, and FILE never exists while it is incomplete (whenever it exists, the
// checks at the end find every row in it).
#include "cli_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <random>
#include <thread>

using namespace cli_test;
namespace json = boost::json;

namespace {

// A mock slow enough that an export of the employer's candidates (about 750, 75 pages of 10 read
// one at a time) takes about a second and a half.
mock::server_options slow_server() {
    mock::server_options options = cli_fixture::default_options();
    options.candidates = 1500;
    options.faults.latency = std::chrono::milliseconds{20};
    return options;
}

std::vector<std::string> export_command(const std::string& format, const std::filesystem::path& output) {
    return {"export", "candidates", "--format", format, "--output", output.string(), "--page-size", "10",
            "--window", "1", "--checkpoint-interval", "20ms"};
}

// Answers slow enough (75 pages at half a second each) that an export cannot finish before the
// test has acted on its first checkpoint.
mock::fault_options held_back() {
    mock::fault_options faults;
    faults.latency = std::chrono::milliseconds{500};
    return faults;
}

// Runs `arguments` as the employer against a held-back server, sends `signal` as soon as the
// export's first checkpoint exists, lets the server answer at full speed again, and returns
// how the export ended. Held back, the export cannot finish before the signal arrives.
outcome signal_after_first_checkpoint(cli_fixture& f, const std::vector<std::string>& arguments,
                                      const std::filesystem::path& checkpoint, int signal) {
    std::vector<std::string> all = f.connection_args();
    all.insert(all.end(), arguments.begin(), arguments.end());
    f.server.set_faults(held_back());
    child export_process{talentray_program(), all, f.environment(f.server.keys().employer.key)};
    const bool started = wait_for_file(checkpoint);
    export_process.kill_with(signal);
    const outcome ended = export_process.wait();
    f.server.set_faults({});
    REQUIRE(started);
    return ended;
}

// Starts the export, kills it with SIGKILL after `delay`, and returns whether it was still
// running then (an export that had already finished is not a kill).
bool kill_after(const cli_fixture& f, std::vector<std::string> arguments, std::chrono::milliseconds delay) {
    std::vector<std::string> all = f.connection_args();
    all.insert(all.end(), arguments.begin(), arguments.end());
    child export_process{talentray_program(), all, f.environment(f.server.keys().employer.key)};
    std::this_thread::sleep_for(delay);
    export_process.kill_with(SIGKILL);
    const outcome ended = export_process.wait();
    return ended.signal == SIGKILL;
}

void check_kill_and_resume(const std::string& format) {
    const cli_fixture f{slow_server()};
    const auto output = f.scratch / ("candidates." + format);
    std::mt19937 random{std::random_device{}()};
    std::uniform_int_distribution<int> delay_ms{10, 1000};

    std::vector<std::string> first = export_command(format, output);
    std::vector<std::string> resume = first;
    resume.push_back("--resume");

    int kills = 0;
    for (int round = 0; round < 4; ++round) {
        const auto delay = std::chrono::milliseconds{delay_ms(random)};
        INFO("round " << round << ", killed after " << delay.count() << " ms");
        if (!kill_after(f, round == 0 ? first : resume, delay)) break;  // it finished first
        ++kills;
        // FILE appears only by the final rename, so if it exists the export had finished when the
        // kill came (e.g. while the process was exiting, which a sanitizer's leak check makes
        // slow); the checks below then prove it whole. It is never a truncated FILE.
        if (std::filesystem::exists(output)) break;
    }
    CHECK(kills > 0);

    // A kill between the final rename and the checkpoint's removal leaves both: --resume tidies up.
    if (!std::filesystem::exists(output) || std::filesystem::exists(f.scratch / ("candidates." + format + ".checkpoint"))) {
        const outcome finished = f.as_employer(resume);
        INFO(finished.err);
        REQUIRE(finished.exit_status == 0);
        CHECK_THAT(finished.err, Catch::Contains("exported ") || Catch::Contains("was already complete"));
    }

    const std::vector<json::value> expected = f.offset_rows("/api/v1/candidates", f.server.keys().employer.key);
    REQUIRE(expected.size() > 500);
    const std::string text = read_text(output);
    if (format == "jsonl") {
        const std::vector<json::value> written = parse_json_lines(text);
        CHECK(written.size() == expected.size());
        CHECK((written == expected));
    } else {
        const auto records = parse_csv(text);
        REQUIRE(records.size() == expected.size() + 1);
        CHECK(records.front().front() == "id");
        for (std::size_t i = 0; i < expected.size(); ++i) CHECK(records[i + 1].front() == std::string_view(expected[i].at("id").as_string()));
    }
    CHECK_FALSE(std::filesystem::exists(f.scratch / ("candidates." + format + ".partial")));
    CHECK_FALSE(std::filesystem::exists(f.scratch / ("candidates." + format + ".checkpoint")));
}

}  // namespace

TEST_CASE("resume: JSON Lines export killed -9 several times holds every row once after --resume") {
    check_kill_and_resume("jsonl");
}

TEST_CASE("resume: CSV export killed -9 several times holds every row once after --resume") {
    check_kill_and_resume("csv");
}

TEST_CASE("resume: an interrupted export is refused without --resume, and --resume with other arguments too") {
    cli_fixture f{slow_server()};
    const auto output = f.scratch / "c.jsonl";
    const outcome killed =
        signal_after_first_checkpoint(f, export_command("jsonl", output), f.scratch / "c.jsonl.checkpoint", SIGKILL);
    REQUIRE(killed.signal == SIGKILL);
    REQUIRE_FALSE(std::filesystem::exists(output));
    const std::string checkpoint = read_text(f.scratch / "c.jsonl.checkpoint");

    const outcome again = f.as_employer(export_command("jsonl", output));
    CHECK(again.exit_status == 2);
    CHECK_THAT(again.err, Catch::Contains("an interrupted export to " + output.string() + " exists"));

    std::vector<std::string> other_format = export_command("csv", output);
    other_format.push_back("--resume");
    const outcome mismatch = f.as_employer(other_format);
    CHECK(mismatch.exit_status == 2);
    CHECK_THAT(mismatch.err, Catch::Contains("the checkpoint is for format jsonl, not csv"));
    CHECK(read_text(f.scratch / "c.jsonl.checkpoint") == checkpoint);
}

TEST_CASE("resume: SIGINT after the first checkpoint stops an export with 130 and a hint, and --resume finishes it") {
    cli_fixture f{slow_server()};
    const auto output = f.scratch / "c.jsonl";
    const std::vector<std::string> command = export_command("jsonl", output);
    const outcome interrupted = signal_after_first_checkpoint(f, command, f.scratch / "c.jsonl.checkpoint", SIGINT);
    CHECK(interrupted.exit_status == 130);
    CHECK_THAT(interrupted.err, Catch::Contains("interrupted; the rows committed so far are kept; run the same "
                                                "command with --resume"));
    CHECK_FALSE(std::filesystem::exists(output));
    std::vector<std::string> resume = command;
    resume.push_back("--resume");
    const outcome finished = f.as_employer(resume);
    INFO(finished.err);
    REQUIRE(finished.exit_status == 0);
    CHECK((parse_json_lines(read_text(output)) == f.offset_rows("/api/v1/candidates", f.server.keys().employer.key)));
}

TEST_CASE("resume: an export stopped by a rate limit keeps its rows, and --resume completes it") {
    mock::server_options options = cli_fixture::default_options();
    options.limit = {30, std::chrono::seconds{60}};
    cli_fixture f{options};
    const auto output = f.scratch / "c.jsonl";
    const std::vector<std::string> command{"--timeout", "1s", "export", "candidates", "--output", output.string(),
                                           "--page-size", "10"};
    const outcome stopped = f.as_employer(command);
    INFO(stopped.err);
    CHECK(stopped.exit_status == 7);
    CHECK_THAT(stopped.err, Catch::Contains("export stopped after "));
    CHECK_THAT(stopped.err, Catch::Contains("run the same command with --resume"));
    CHECK_FALSE(std::filesystem::exists(output));
    REQUIRE(std::filesystem::exists(f.scratch / "c.jsonl.checkpoint"));

    f.server.set_rate_limit({0, std::chrono::milliseconds{0}});
    std::vector<std::string> resume = command;
    resume.push_back("--resume");
    const outcome finished = f.as_employer(resume);
    INFO(finished.err);
    REQUIRE(finished.exit_status == 0);
    CHECK_THAT(finished.err, Catch::Contains("of them written before the resume"));
    const std::vector<json::value> written = parse_json_lines(read_text(output));
    const std::vector<json::value> expected = f.offset_rows("/api/v1/candidates", f.server.keys().employer.key);
    CHECK(written.size() == expected.size());
    CHECK((written == expected));
}

TEST_CASE("resume: a second export of the same file is refused while the first runs") {
    cli_fixture f{slow_server()};
    const auto output = f.scratch / "c.jsonl";
    std::vector<std::string> all = f.connection_args();
    const std::vector<std::string> command = export_command("jsonl", output);
    all.insert(all.end(), command.begin(), command.end());
    f.server.set_faults(held_back());
    child first{talentray_program(), all, f.environment(f.server.keys().employer.key)};
    // Its first checkpoint exists once it holds the file; held back, it cannot finish meanwhile.
    REQUIRE(wait_for_file(f.scratch / "c.jsonl.checkpoint"));
    std::vector<std::string> forced = command;
    forced.push_back("--force");
    const outcome second = f.as_employer(forced);
    f.server.set_faults({});
    const outcome first_done = first.wait();
    INFO(first_done.err);
    INFO(second.err);
    CHECK(second.exit_status == 2);
    CHECK_THAT(second.err, Catch::Contains("another process is writing"));
    CHECK(first_done.exit_status == 0);
    CHECK((parse_json_lines(read_text(output)) == f.offset_rows("/api/v1/candidates", f.server.keys().employer.key)));
}

TEST_CASE("resume: CSV formula cells get a ' unless --csv-raw-formulas, and --resume keeps the choice") {
    cli_fixture f;
    const std::string formula = "=HYPERLINK(\"https://example.com\",\"open\")";
    REQUIRE(f.as_employer({"sourcing", "create", "--full-name", formula, "--organization-id", "org_acme", "--summary",
                           "@SUM(A1)"})
                .exit_status == 0);
    const auto lead = [&](const std::filesystem::path& file) {
        const auto records = parse_csv(read_text(file));
        const auto found = std::find_if(records.begin(), records.end(), [&](const auto& r) {
            return r.size() > 7 && r[1].find("HYPERLINK") != std::string::npos;
        });
        REQUIRE(found != records.end());
        return *found;
    };
    const auto neutral = f.scratch / "neutral.csv";
    const std::vector<std::string> neutral_export{"export", "sourcing", "--format", "csv", "--output",
                                                  neutral.string(), "--page-size", "10", "--window", "1"};
    REQUIRE(f.as_employer(neutral_export).exit_status == 0);
    CHECK(lead(neutral)[1] == "'" + formula);
    CHECK(lead(neutral)[7] == "'@SUM(A1)");

    // Interrupted with --csv-raw-formulas, resumed without it: the whole file keeps them raw.
    const auto raw = f.scratch / "raw.csv";
    std::vector<std::string> raw_export{"export", "sourcing", "--format", "csv", "--output", raw.string(),
                                        "--page-size", "10", "--window", "1", "--csv-raw-formulas"};
    REQUIRE(signal_after_first_checkpoint(f, raw_export, f.scratch / "raw.csv.checkpoint", SIGINT).exit_status == 130);
    raw_export.back() = "--resume";
    const outcome resumed = f.as_employer(raw_export);
    INFO(resumed.err);
    REQUIRE(resumed.exit_status == 0);
    CHECK(lead(raw)[1] == formula);
    CHECK(lead(raw)[7] == "@SUM(A1)");

    // An export begun neutralised is not continued raw.
    std::filesystem::remove(neutral);
    REQUIRE(signal_after_first_checkpoint(f, neutral_export, f.scratch / "neutral.csv.checkpoint", SIGINT).exit_status ==
            130);
    std::vector<std::string> switched = neutral_export;
    switched.push_back("--resume");
    switched.push_back("--csv-raw-formulas");
    const outcome refused = f.as_employer(switched);
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains("with --csv-raw-formulas: it was started with formula-like cells neutralised"));
}

TEST_CASE("resume: a checkpoint file in the format written so far continues after its last row") {
    cli_fixture f;
    const auto output = f.scratch / "c.jsonl";
    const std::vector<json::value> expected = f.offset_rows("/api/v1/candidates", f.server.keys().employer.key);
    REQUIRE(expected.size() == 612);
    // What an export with --page-size 4 stopped after three pages left behind, byte for byte.
    std::string partial;
    for (std::size_t i = 0; i < 12; ++i) partial += json::serialize(expected[i]) + "\n";
    REQUIRE(partial.size() == 4634);
    write_text(f.scratch / "c.jsonl.partial", partial);
    write_text(f.scratch / "c.jsonl.checkpoint",
               R"({"version":1,"resource":"candidates","id":"","filters":[],"format":"jsonl","csv_raw_formulas":false,)"
               R"("gzip":false,"bytes":4634,"rows":12,"total":612,"done":false,"pager":{"version":1,"style":"offset",)"
               R"("path":"/api/v1/candidates","filters":[],"pageSize":4,"page":3,"skip":0,"totalCount":612,)"
               R"("reconcile":{"afterId":"cand_22","afterCreatedAt":"2026-04-06T16:55:00Z","position":11,)"
               R"("order":"unordered","live":false,"recentIds":["cand_1","cand_2","cand_3","cand_4","cand_8",)"
               R"("cand_13","cand_15","cand_16","cand_17","cand_20","cand_21","cand_22"],"handedOut":12}}})" "\n");

    const outcome finished =
        f.as_employer({"export", "candidates", "--output", output.string(), "--page-size", "4", "--resume"});
    INFO(finished.err);
    REQUIRE(finished.exit_status == 0);
    CHECK_THAT(finished.err, Catch::Contains("12 of them written before the resume"));
    CHECK((parse_json_lines(read_text(output)) == expected));
}
