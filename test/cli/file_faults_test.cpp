// The export's files when the disk fails: a write cut short, a full disk, an fsync error. The
// system calls are replaced through the file layer's seam, so each failure lands at an exact call.
#include "durable_file.hpp"
#include "export_job.hpp"
#include "export_job_parts.hpp"
#include "file_system_calls.hpp"
#include "scratch_files.hpp"
#include "usage_error.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace talentray::cli;
namespace fs = std::filesystem;

namespace {

// What the fake calls do; plain globals because the seam holds function pointers.
struct fault_state {
    long write_budget = -1;  // bytes write() still accepts before failing; -1: no limit
    int write_errno = EIO;
    int fsync_failures = 0;  // the next this many fsync calls fail with EIO
    std::vector<std::string> calls;  // "unlink PATH", "fsync PATH", "ftruncate PATH"
};
fault_state faults;

std::string path_of(int fd) {
    std::error_code ec;
    return fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec).string();
}

ssize_t fake_write(int fd, const void* data, std::size_t size) {
    if (faults.write_budget < 0) return ::write(fd, data, size);
    if (faults.write_budget == 0) {
        errno = faults.write_errno;
        return -1;
    }
    const std::size_t accepted = std::min(size, static_cast<std::size_t>(faults.write_budget));
    faults.write_budget -= static_cast<long>(accepted);
    return ::write(fd, data, accepted);
}

int fake_fsync(int fd) {
    faults.calls.push_back("fsync " + path_of(fd));
    if (faults.fsync_failures > 0) {
        --faults.fsync_failures;
        errno = EIO;
        return -1;
    }
    return ::fsync(fd);
}

int fake_ftruncate(int fd, off_t length) {
    faults.calls.push_back("ftruncate " + path_of(fd));
    return ::ftruncate(fd, length);
}

int fake_unlink(const char* path) {
    faults.calls.push_back(std::string("unlink ") + path);
    return ::unlink(path);
}

// Puts the fake calls in place for one test, and the real ones back after it.
struct injected_faults {
    injected_faults() {
        faults = fault_state{};
        file_system_calls calls = system_file_calls();
        calls.write = &fake_write;
        calls.fsync = &fake_fsync;
        calls.ftruncate = &fake_ftruncate;
        calls.unlink = &fake_unlink;
        file_calls() = calls;
    }
    ~injected_faults() { file_calls() = system_file_calls(); }
};

using cli_test::columns;
using cli_test::identity;
using cli_test::position;

export_checkpoint saved_checkpoint(const export_paths& paths) {
    const std::optional<std::string> text = read_file_if_exists(paths.checkpoint);
    REQUIRE(text);
    return decode_export_checkpoint(*text, "checkpoint");
}

boost::json::value row(int n) {
    return boost::json::parse(R"({"id":"c)" + std::to_string(n) + R"(","name":"Name )" + std::to_string(n) + "\"}");
}

mode_t mode_of(const fs::path& path) {
    struct stat status {};
    REQUIRE(::lstat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

/// An export job in a scratch directory, started afresh, with one row written and committed.
struct one_row_committed {
    cli_test::scratch_directory dir;
    export_paths paths = export_paths::for_output(dir.path() / "out.csv");
    export_job job{paths, identity(), columns};
    one_row_committed() {
        job.start_fresh();
        job.write_row(row(1));
        job.commit(position(1), false);
    }
};

}  // namespace

TEST_CASE("file faults: a write cut short by EIO is counted once, and the file refuses every later commit") {
    const injected_faults injected;
    one_row_committed setup;
    const export_paths& paths = setup.paths;
    export_job& job = setup.job;
    const std::uint64_t committed = saved_checkpoint(paths).bytes;

    job.write_row(row(2));
    faults.write_budget = 5;  // five bytes reach the file, then the device fails
    faults.write_errno = EIO;
    CHECK_THROWS_WITH(job.commit(position(2), false),
                      Catch::Contains("cannot write " + paths.partial.string()) &&
                          Catch::Contains("Input/output error"));
    faults.write_budget = -1;  // the device works again: a retry must still not pretend
    CHECK_FALSE(job.can_commit());
    CHECK_THROWS_WITH(job.commit(position(2), false), Catch::Contains("takes no more data after an earlier failure") &&
                                                          Catch::Contains("Input/output error"));
    CHECK_THROWS_AS(job.write_row(row(3)), local_failure);

    const export_checkpoint saved = saved_checkpoint(paths);
    CHECK(saved.bytes == committed);
    CHECK(saved.rows == 1);
    CHECK(saved.pager.page == 1);
    // The committed prefix and the five bytes of the cut write, nothing written twice.
    CHECK(cli_test::read_text(paths.partial) == "id,name\r\nc1,Name 1\r\nc2,Na");
}

TEST_CASE("file faults: a full disk (ENOSPC) stops the commit with the file's name and the checkpoint unchanged") {
    const injected_faults injected;
    one_row_committed setup;
    const export_paths& paths = setup.paths;
    export_job& job = setup.job;
    const std::string checkpoint_before = cli_test::read_text(paths.checkpoint);

    job.write_row(row(2));
    faults.write_budget = 0;
    faults.write_errno = ENOSPC;
    CHECK_THROWS_WITH(job.commit(position(2), false), Catch::Contains("cannot write " + paths.partial.string() +
                                                                      ": No space left on device"));
    CHECK_THROWS_AS(job.commit(position(2), false), local_failure);
    CHECK(cli_test::read_text(paths.checkpoint) == checkpoint_before);
    CHECK(fs::file_size(paths.partial) == saved_checkpoint(paths).bytes);
}

TEST_CASE("file faults: after a failed fsync a second fsync that succeeds does not make the commit succeed") {
    const injected_faults injected;
    one_row_committed setup;
    const export_paths& paths = setup.paths;
    export_job& job = setup.job;
    const std::string checkpoint_before = cli_test::read_text(paths.checkpoint);

    job.write_row(row(2));
    faults.fsync_failures = 1;
    CHECK_THROWS_WITH(job.commit(position(2), false),
                      Catch::Contains("cannot sync " + paths.partial.string() + ": Input/output error"));
    // The kernel may have dropped the pages it could not write: the next fsync would say 0.
    CHECK_THROWS_WITH(job.commit(position(2), false), Catch::Contains("takes no more data"));
    CHECK_THROWS_AS(job.complete(), local_failure);
    CHECK(cli_test::read_text(paths.checkpoint) == checkpoint_before);
    CHECK_FALSE(fs::exists(paths.output));
}

TEST_CASE("file faults: starting afresh removes the old checkpoint and syncs the directory before emptying the data") {
    const cli_test::scratch_directory s;
    const export_paths paths = export_paths::for_output(s.path() / "out.csv");
    {
        export_job old{paths, identity(), columns};
        old.start_fresh();
        old.write_row(row(1));
        old.commit(position(1), false);
    }
    REQUIRE(fs::exists(paths.checkpoint));
    const injected_faults injected;
    export_job job{paths, identity(), columns};
    job.start_fresh();
    const auto& calls = faults.calls;
    const auto at = [&](const std::string& call) {
        return static_cast<long>(std::find(calls.begin(), calls.end(), call) - calls.begin());
    };
    const long unlinked = at("unlink " + paths.checkpoint.string());
    const long directory_synced = at("fsync " + fs::canonical(s.path()).string());
    const long truncated = at("ftruncate " + fs::canonical(paths.partial).string());
    INFO("calls: " << [&] {
        std::string all;
        for (const auto& call : calls) all += call + "; ";
        return all;
    }());
    REQUIRE(truncated < static_cast<long>(calls.size()));
    CHECK(unlinked < directory_synced);
    CHECK(directory_synced < truncated);
    CHECK_FALSE(fs::exists(paths.checkpoint));
}

TEST_CASE("file faults: planted symbolic links are refused or replaced, their targets untouched; files are 0600") {
    const cli_test::scratch_directory s;
    const export_paths paths = export_paths::for_output(s.path() / "out.csv");
    const fs::path victim = s.path() / "victim";
    std::ofstream{victim} << "precious";

    // FILE.partial: refused, not followed and truncated.
    fs::create_symlink(victim, paths.partial);
    {
        export_job job{paths, identity(), columns};
        CHECK_THROWS_WITH(job.start_fresh(), Catch::Contains(paths.partial.string() + " is a symbolic link"));
    }
    CHECK(cli_test::read_text(victim) == "precious");
    CHECK(fs::is_symlink(paths.partial));
    fs::remove(paths.partial);

    // FILE.checkpoint: not read through; starting afresh removes the link, not its target.
    fs::create_symlink(victim, paths.checkpoint);
    CHECK_THROWS_WITH(inspect_export_files(paths, identity(), false),
                      Catch::Contains(paths.checkpoint.string() + " is a symbolic link"));
    // FILE.checkpoint.tmp and FILE: replaced by files of the export's own.
    fs::path temporary = paths.checkpoint;
    temporary += ".tmp";
    fs::create_symlink(victim, temporary);
    fs::create_symlink(victim, paths.output);

    export_job job{paths, identity(), columns};
    job.start_fresh();
    job.write_row(row(1));
    job.commit(position(1), true);
    CHECK(mode_of(paths.partial) == 0600u);
    CHECK(mode_of(paths.checkpoint) == 0600u);
    CHECK_FALSE(fs::is_symlink(paths.checkpoint));
    job.complete();
    CHECK(cli_test::read_text(victim) == "precious");
    CHECK_FALSE(fs::is_symlink(paths.output));
    CHECK(mode_of(paths.output) == 0600u);
    CHECK(cli_test::read_text(paths.output) == "id,name\r\nc1,Name 1\r\n");
}

TEST_CASE("file faults: a row count that differs from the list's total does not publish FILE") {
    const cli_test::scratch_directory s;
    const export_paths paths = export_paths::for_output(s.path() / "out.csv");
    {
        export_job job{paths, identity(), columns};
        job.start_fresh();
        job.set_total(3);
        job.write_row(row(1));
        job.write_row(row(2));
        job.commit(position(1), true);
        CHECK_THROWS_WITH(job.complete(), Catch::Contains("wrote 2 rows but the server reports 3") &&
                                              Catch::Contains("was not written"));
    }
    CHECK_FALSE(fs::exists(paths.output));
    CHECK(fs::exists(paths.partial));
    const export_checkpoint saved = saved_checkpoint(paths);
    CHECK(saved.done);
    // --resume accepts the rows as they are.
    export_job resumed{paths, identity(), columns};
    resumed.start_from(saved);
    resumed.complete(export_job::count_check::none);
    CHECK(cli_test::read_text(paths.output) == "id,name\r\nc1,Name 1\r\nc2,Name 2\r\n");
}
