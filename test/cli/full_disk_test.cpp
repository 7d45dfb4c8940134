// A real full disk: the export writes into a 256 KiB tmpfs mounted in a private mount namespace
// (root only), and must stop with ENOSPC named, without FILE, and with a checkpoint that counts
// only rows that are in FILE.partial.
#include "cli_fixture.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace cli_test;
namespace json = boost::json;

namespace {

// Mounts a 256 KiB tmpfs on $1, runs the rest of the arguments, copies what they left in the
// tmpfs to $2 (the mount vanishes with the namespace) and exits with their status; 97 when the
// tmpfs cannot be mounted.
constexpr const char* in_small_tmpfs =
    "dir=$1; copy=$2; shift 2\n"
    "/bin/mount -t tmpfs -o size=256k,mode=0700 talentray-full \"$dir\" || exit 97\n"
    "\"$@\"; status=$?\n"
    "/bin/cp -a \"$dir\"/. \"$copy\"/ || exit 98\n"
    "exit $status\n";
constexpr int cannot_mount = 97;

}  // namespace

TEST_CASE("full disk: an export into a full tmpfs names the file and ENOSPC, publishes nothing, and "
          "its checkpoint counts only rows on disk") {
    if (::geteuid() != 0 || ::access("/usr/bin/unshare", X_OK) != 0) {
        WARN("skipped: mounting a tmpfs needs root and /usr/bin/unshare");
        return;
    }
    mock::server_options options = cli_fixture::default_options();
    options.candidates = 5000;  // far more JSON than 256 KiB
    const cli_fixture f{options};
    const std::filesystem::path mounted = f.scratch / "full";
    const std::filesystem::path copied = f.scratch / "copy";
    std::filesystem::create_directories(mounted);
    std::filesystem::create_directories(copied);
    const std::filesystem::path output = mounted / "c.jsonl";

    std::vector<std::string> arguments{"-m", "--propagation", "private", "/bin/sh", "-c", in_small_tmpfs, "sh",
                                       mounted.string(), copied.string(), talentray_program()};
    for (const std::string& argument : f.connection_args()) arguments.push_back(argument);
    for (const char* argument : {"export", "candidates", "--output", output.c_str(), "--page-size", "100",
                                        "--checkpoint-interval", "10ms"})
        arguments.emplace_back(argument);
    const outcome full = run("/usr/bin/unshare", arguments, f.environment(f.server.keys().employer.key));
    if (full.exit_status == cannot_mount) {
        WARN("skipped: cannot mount a tmpfs here: " << full.err);
        return;
    }
    INFO("stderr: " << full.err);
    CHECK(full.exit_status == 1);
    CHECK_THAT(full.err, Catch::Contains(output.string()) && Catch::Contains("No space left on device"));
    CHECK_FALSE(std::filesystem::exists(copied / "c.jsonl"));

    const std::string partial = read_text(copied / "c.jsonl.partial");
    const std::string checkpoint_text = read_text(copied / "c.jsonl.checkpoint");
    REQUIRE_FALSE(checkpoint_text.empty());
    const json::object checkpoint = json::parse(checkpoint_text).as_object();
    const auto bytes = static_cast<std::size_t>(checkpoint.at("bytes").to_number<std::uint64_t>());
    const auto rows = static_cast<std::size_t>(checkpoint.at("rows").to_number<std::uint64_t>());
    REQUIRE(bytes <= partial.size());
    const std::vector<json::value> committed = parse_json_lines(partial.substr(0, bytes));
    CHECK(committed.size() == rows);
    const std::vector<json::value> expected = f.offset_rows("/api/v1/candidates", f.server.keys().employer.key);
    REQUIRE(rows < expected.size());
    CHECK((committed == std::vector<json::value>(expected.begin(), expected.begin() + static_cast<long>(rows))));
}
