// --api-key-file: the key is read whole, and no error repeats the path (it may be the key).
#include "core_dumps.hpp"
#include "key_file.hpp"
#include "scratch_files.hpp"
#include "usage_error.hpp"

#include <catch2/catch.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

using talentray::cli::read_api_key_file;
using talentray::cli::usage_error;

namespace {

const std::string key = "tr_9d1e4b7a0c3f6e2b5a8d1c4f7e0b3a6d9c2f5e8b1a4d7c0f3e6b9a2d5c8f1e4b7";

/// The message of the usage_error `read_api_key_file(path)` throws ("" if it throws none).
std::string refusal(const std::string& path) {
    try {
        (void)read_api_key_file(path);
    } catch (const usage_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("key file: a key pasted in place of the path is not repeated in the error") {
    const std::string message = refusal(key);
    CHECK_THAT(message, Catch::StartsWith("--api-key-file: no such file"));
    CHECK(message.find(key.substr(0, 16)) == std::string::npos);
}

TEST_CASE("key file: a directory is refused as not a regular file, without its path") {
    const cli_test::scratch_directory s;
    const auto dir = s.path() / key;
    std::filesystem::create_directory(dir);
    const std::string message = refusal(dir.string());
    CHECK_THAT(message, Catch::Contains("not a regular file"));
    CHECK(message.find(key.substr(0, 16)) == std::string::npos);
    CHECK(message.find(s.path().string()) == std::string::npos);
}

TEST_CASE("key file: a FIFO is refused at once, without waiting for a writer") {
    const cli_test::scratch_directory s;
    const auto fifo = s.path() / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_THAT(refusal(fifo.string()), Catch::Contains("not a regular file"));
}

TEST_CASE("key file: the key is read whole, line end trimmed; an empty or oversized file is refused") {
    const cli_test::scratch_directory s;
    const auto file = s.path() / "key.txt";
    std::ofstream{file} << key << "\n";
    CHECK(read_api_key_file(file.string()).reveal() == key);
    std::ofstream{file} << "\r\n";
    CHECK_THAT(refusal(file.string()), Catch::Contains("holds no key"));
    std::ofstream{file} << std::string(talentray::cli::max_key_file_size + 1, 'k');
    CHECK_THAT(refusal(file.string()), Catch::Contains("larger than 4 KiB"));
    std::ofstream{file} << std::string(talentray::cli::max_key_file_size, 'k');
    CHECK(read_api_key_file(file.string()).size() == talentray::cli::max_key_file_size);
}

TEST_CASE("core dumps: after forbid_core_dumps the core limit is 0 and the process is not dumpable") {
    REQUIRE(talentray::cli::forbid_core_dumps());
    rlimit limit{};
    REQUIRE(::getrlimit(RLIMIT_CORE, &limit) == 0);
    CHECK(limit.rlim_cur == 0);
    CHECK(limit.rlim_max == 0);
    CHECK(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
}
