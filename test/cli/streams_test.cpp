// The talentray executable with standard streams its caller closed: `| head` going away, a
// stderr nobody reads, a process started without stderr.
#include "cli_fixture.hpp"

#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

#include <csignal>

using namespace cli_test;

namespace {

std::vector<std::string> export_with_progress(const std::filesystem::path& output) {
    return {"export", "candidates", "--output", output.string(), "--page-size", "50", "--progress-interval", "1ms"};
}

}  // namespace

TEST_CASE("streams: a listing whose stdout reader is gone exits 10 without a message, not by SIGPIPE") {
    const cli_fixture f;
    const outcome listed = f.as_employer({"candidates", "list"}, {}, {stream_setup::reader_closed, stream_setup::pipe});
    INFO("stderr: " << listed.err);
    CHECK(listed.signal == 0);
    CHECK(listed.exit_status == 10);
    CHECK(listed.err.empty());
}

TEST_CASE("streams: an export whose stderr reader is gone completes, exit 0, every row in FILE") {
    const cli_fixture f;
    const auto output = f.scratch / "c.jsonl";
    const outcome exported = f.as_employer(export_with_progress(output), {}, {stream_setup::pipe, stream_setup::reader_closed});
    CHECK(exported.signal == 0);
    CHECK(exported.exit_status == 0);
    CHECK((parse_json_lines(read_text(output)) == f.offset_rows("/api/v1/candidates", f.server.keys().employer.key)));
}

TEST_CASE("streams: an export started without stderr completes, exit 0, and FILE holds the rows and nothing else") {
    const cli_fixture f;
    const auto output = f.scratch / "c.jsonl";
    const outcome exported = f.as_employer(export_with_progress(output), {}, {stream_setup::pipe, stream_setup::closed});
    CHECK(exported.signal == 0);
    CHECK(exported.exit_status == 0);
    // parse_json_lines fails on a progress line that landed in the file.
    CHECK((parse_json_lines(read_text(output)) == f.offset_rows("/api/v1/candidates", f.server.keys().employer.key)));
}
