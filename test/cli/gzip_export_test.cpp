// export --gzip: FILE.gz whose decompression is the plain export, also after kill -9 and
// --resume, and gzip on standard output.
#include "cli_fixture.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <signal.h>

using namespace cli_test;

namespace {

// What `gzip -dc FILE` prints: every member, one after the other. Fails the test if gzip does.
std::string gunzip(const std::filesystem::path& file) {
    const outcome unpacked = run("/bin/gzip", {"-dc", file.string()}, {});
    INFO(unpacked.err);
    REQUIRE(unpacked.exit_status == 0);
    return unpacked.out;
}

std::vector<std::string> export_command(const std::string& format, const std::filesystem::path& output) {
    return {"export", "candidates", "--format", format, "--output", output.string(), "--page-size", "10",
            "--window", "1", "--checkpoint-interval", "20ms"};
}

void check_gzip_equals_plain(const std::string& format) {
    const cli_fixture f;
    const auto plain = f.scratch / ("c." + format);
    REQUIRE(f.as_employer(export_command(format, plain)).exit_status == 0);
    std::vector<std::string> compressed = export_command(format, f.scratch / ("z." + format));
    compressed.push_back("--gzip");
    const outcome exported = f.as_employer(compressed);
    INFO(exported.err);
    REQUIRE(exported.exit_status == 0);
    CHECK_THAT(exported.err, Catch::Contains(" to " + (f.scratch / ("z." + format + ".gz")).string() + " in "));
    CHECK_FALSE(std::filesystem::exists(f.scratch / ("z." + format)));
    CHECK(gunzip(f.scratch / ("z." + format + ".gz")) == read_text(plain));
}

}  // namespace

TEST_CASE("gzip: export --gzip writes FILE.gz, and gzip -dc of it equals the JSON Lines export without --gzip") {
    check_gzip_equals_plain("jsonl");
}

TEST_CASE("gzip: export --gzip writes FILE.gz, and gzip -dc of it equals the CSV export without --gzip") {
    check_gzip_equals_plain("csv");
}

TEST_CASE("gzip: --output FILE.gz is kept as it is, not FILE.gz.gz") {
    const cli_fixture f;
    const auto output = f.scratch / "c.jsonl.gz";
    const outcome exported = f.as_employer({"export", "candidates", "--output", output.string(), "--gzip"});
    REQUIRE(exported.exit_status == 0);
    CHECK_FALSE(std::filesystem::exists(f.scratch / "c.jsonl.gz.gz"));
    CHECK((parse_json_lines(gunzip(output)) == f.offset_rows("/api/v1/candidates", f.server.keys().employer.key)));
}

TEST_CASE("gzip: killed -9 after a checkpoint with rows, --resume completes FILE.gz with every row once") {
    mock::server_options options = cli_fixture::default_options();
    options.candidates = 1500;
    cli_fixture f{options};
    const auto plain = f.scratch / "c.jsonl";
    REQUIRE(f.as_employer(export_command("jsonl", plain)).exit_status == 0);

    const auto output = f.scratch / "z.jsonl";
    std::vector<std::string> command = export_command("jsonl", output);
    command.push_back("--gzip");
    const auto checkpoint = f.scratch / "z.jsonl.gz.checkpoint";
    // Slow answers: the export cannot finish between its first checkpoint with rows and the kill.
    mock::fault_options slow;
    slow.latency = std::chrono::milliseconds{300};
    f.server.set_faults(slow);
    std::vector<std::string> all = f.connection_args();
    all.insert(all.end(), command.begin(), command.end());
    child running{talentray_program(), all, f.environment(f.server.keys().employer.key)};
    std::uint64_t committed_bytes = 0;
    const bool committed = wait_for_directory_event(f.scratch.path(), [&] {
        std::error_code ec;
        if (!std::filesystem::exists(checkpoint, ec)) return false;
        boost::system::error_code parse_error;
        const auto saved = boost::json::parse(read_text(checkpoint), parse_error);
        if (parse_error || saved.at("rows").to_number<std::uint64_t>() == 0) return false;
        committed_bytes = saved.at("bytes").to_number<std::uint64_t>();
        return true;
    });
    running.kill_with(SIGKILL);
    const outcome killed = running.wait();
    f.server.set_faults({});
    REQUIRE(committed);
    REQUIRE(killed.signal == SIGKILL);
    CHECK(committed_bytes > 0);
    CHECK_FALSE(std::filesystem::exists(f.scratch / "z.jsonl.gz"));

    command.push_back("--resume");
    const outcome resumed = f.as_employer(command);
    INFO(resumed.err);
    REQUIRE(resumed.exit_status == 0);
    CHECK_THAT(resumed.err, Catch::Contains("of them written before the resume"));
    CHECK(gunzip(f.scratch / "z.jsonl.gz") == read_text(plain));
}

TEST_CASE("gzip: --gzip with --output - writes gzip to stdout that decompresses to the rows") {
    const cli_fixture f;
    const auto plain = f.scratch / "c.jsonl";
    REQUIRE(f.as_employer({"export", "candidates", "--output", plain.string()}).exit_status == 0);
    const outcome streamed = f.as_employer({"export", "candidates", "--output", "-", "--gzip", "--checkpoint-interval", "1ms"});
    REQUIRE(streamed.exit_status == 0);
    const auto packed = f.scratch / "streamed.gz";
    write_text(packed, streamed.out);
    CHECK(gunzip(packed) == read_text(plain));
}

TEST_CASE("gzip: an export with --gzip cannot resume the checkpoint of a plain FILE.gz") {
    const cli_fixture f;
    const auto output = f.scratch / "c.jsonl.gz";
    // A plain export named .gz, left unfinished: FILE.partial and a checkpoint without gzip.
    write_text(f.scratch / "c.jsonl.gz.partial", "");
    write_text(f.scratch / "c.jsonl.gz.checkpoint",
               R"({"version":1,"resource":"candidates","id":"","filters":[],"format":"jsonl","csv_raw_formulas":false,)"
               R"("bytes":0,"rows":0,"total":null,"done":false,"pager":{"version":1,"style":"offset",)"
               R"("path":"/api/v1/candidates","filters":[],"pageSize":100,"page":0,"skip":0}})" "\n");
    const outcome refused = f.as_employer({"export", "candidates", "--output", output.string(), "--gzip", "--resume"});
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains("the checkpoint is for a plain file, not a gzip-compressed one (--gzip)"));
}
