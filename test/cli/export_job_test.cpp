// The files of an export, without a server: what a crash leaves and what a resume makes of it.
#include "durable_file.hpp"
#include "export_job.hpp"
#include "export_job_parts.hpp"
#include "scratch_files.hpp"
#include "usage_error.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <array>
#include <atomic>
#include <fstream>
#include <sstream>

using namespace talentray::cli;
namespace fs = std::filesystem;

namespace {

using cli_test::columns;
using cli_test::identity;
using cli_test::position;

}  // namespace

TEST_CASE("durable files: atomic replacement, reading, renaming") {
    const cli_test::scratch_directory s;
    const fs::path file = s.path() / "state";
    CHECK(read_file_if_exists(file) == std::nullopt);
    write_file_atomically(file, "one");
    write_file_atomically(file, "two");
    CHECK(read_file_if_exists(file) == "two");
    CHECK_FALSE(fs::exists(s.path() / "state.tmp"));
    rename_durably(file, s.path() / "moved");
    CHECK(cli_test::read_text(s.path() / "moved") == "two");
    remove_if_exists(s.path() / "moved");
    remove_if_exists(s.path() / "moved");
    CHECK_FALSE(fs::exists(s.path() / "moved"));
    CHECK_THROWS_WITH(write_file_atomically(s.path() / "missing-dir" / "x", "x"), Catch::Contains("cannot create"));
}

TEST_CASE("append file: cuts back to the committed length, and refuses a file shorter than that") {
    const cli_test::scratch_directory s;
    const fs::path file = s.path() / "data";
    {
        append_file out{file};
        out.cut_to(0);
        out.append("committed|");
        out.sync();
        out.append("not yet");
        CHECK(out.length() == 17);
    }  // closed without sync: like a crash, the tail may or may not be there
    {
        append_file out{file};
        out.cut_to(10);
        CHECK(cli_test::read_text(file) == "committed|");
        out.append("more");
        out.close();
    }
    CHECK(cli_test::read_text(file) == "committed|more");
    append_file again{file};
    CHECK_THROWS_AS(again.cut_to(100), local_failure);
    CHECK_THROWS_WITH(again.cut_to(100), Catch::Contains("holds 14 bytes but its checkpoint counts 100"));
    CHECK(cli_test::read_text(file) == "committed|more");
}

TEST_CASE("append file: a second writer of the same file is refused while the first holds it") {
    const cli_test::scratch_directory s;
    const fs::path file = s.path() / "data";
    append_file first{file};
    first.cut_to(0);
    first.append("mine");
    first.sync();
    CHECK_THROWS_AS(append_file{file}, usage_error);
    CHECK_THROWS_WITH(append_file{file}, Catch::Contains("another process is writing"));
    CHECK(cli_test::read_text(file) == "mine");
    first.close();
    append_file second{file};  // free again
    second.cut_to(4);
}

TEST_CASE("export job: a resume cuts off the uncommitted rows that reached the disk and continues the count") {
    const cli_test::scratch_directory s;
    const export_paths paths = export_paths::for_output(s.path() / "out.csv");
    {
        export_job job{paths, identity(export_format::csv), columns};
        job.start_fresh();
        job.write_row(boost::json::parse(R"({"id":"c1","name":"Ann, A."})"));
        job.set_total(3);
        job.commit(position(1), false);
        job.write_row(boost::json::parse(R"({"id":"c2","name":"lost in the crash"})"));
        // Enough uncommitted rows to fill the write buffer: they reach the file, uncounted.
        const std::string filler(1024, 'x');
        for (int i = 0; i < 300; ++i) job.write_row(boost::json::value{{"id", "lost"}, {"name", filler}});
        CHECK(job.rows() == 302);
    }  // crash: the job is gone without a further commit
    CHECK_FALSE(fs::exists(paths.output));
    const std::optional<std::string> saved_text = read_file_if_exists(paths.checkpoint);
    REQUIRE(saved_text);
    const export_checkpoint saved = decode_export_checkpoint(*saved_text, "checkpoint");
    CHECK(saved.rows == 1);
    CHECK(saved.total == 3);
    CHECK(saved.pager.page == 1);
    CHECK(saved.bytes == std::string("id,name\r\nc1,\"Ann, A.\"\r\n").size());

    // The uncommitted tail is on disk, so the resume has something to cut.
    REQUIRE(fs::file_size(paths.partial) > saved.bytes + 256 * 1024);

    export_job resumed{paths, identity(export_format::csv), columns};
    resumed.start_from(saved);
    CHECK(resumed.rows() == 1);
    CHECK(resumed.resumed_rows() == 1);
    resumed.write_row(boost::json::parse(R"({"id":"c2","name":"B"})"));
    resumed.write_row(boost::json::parse(R"({"id":"c3","name":"C"})"));
    resumed.commit(position(3), true);
    resumed.complete();
    CHECK(cli_test::read_text(paths.output) == "id,name\r\nc1,\"Ann, A.\"\r\nc2,B\r\nc3,C\r\n");
    CHECK_FALSE(fs::exists(paths.partial));
    CHECK_FALSE(fs::exists(paths.checkpoint));
}

TEST_CASE("export job: JSON Lines keep the server's bytes; a pretty-printed row is put on one line") {
    const cli_test::scratch_directory s;
    const export_paths paths = export_paths::for_output(s.path() / "out.jsonl");
    export_job job{paths, identity(export_format::jsonl), columns};
    job.start_fresh();
    job.write_row(talentray::raw_row{R"({"id":"c1", "name" : "A"})"});
    job.write_row(talentray::raw_row{"{\n  \"id\": \"c2\"\n}"});
    CHECK_FALSE(job.commit_due(std::chrono::steady_clock::now()));  // the interval has not passed
    job.set_commit_interval(std::chrono::milliseconds{0});
    CHECK(job.commit_due(std::chrono::steady_clock::now()));
    job.commit(position(1), true);
    CHECK_FALSE(job.commit_due(std::chrono::steady_clock::now()));  // nothing new since
    job.complete();
    CHECK(cli_test::read_text(paths.output) == "{\"id\":\"c1\", \"name\" : \"A\"}\n{\"id\":\"c2\"}\n");
}

TEST_CASE("export job: inspection reports the files and whether the checkpoint belongs to this export") {
    const cli_test::scratch_directory s;
    const export_paths paths = export_paths::for_output(s.path() / "out.jsonl");
    export_inspection found = inspect_export_files(paths, identity(export_format::jsonl), false);
    CHECK_FALSE(found.state.output_exists);
    CHECK_FALSE(found.state.checkpoint_exists);
    {
        export_job job{paths, identity(export_format::jsonl), columns};
        job.start_fresh();
        job.commit(position(0), false);
    }
    found = inspect_export_files(paths, identity(export_format::jsonl), false);
    CHECK(found.state.partial_exists);
    CHECK(found.state.checkpoint_exists);
    CHECK(found.state.checkpoint_rows == "0");
    CHECK(found.state.checkpoint_mismatch.empty());
    found = inspect_export_files(paths, identity(export_format::csv), false);
    CHECK(found.state.checkpoint_mismatch == "the checkpoint is for format jsonl, not csv");

    std::ofstream{paths.checkpoint} << "garbage";
    CHECK_THROWS_WITH(inspect_export_files(paths, identity(export_format::jsonl), false),
                      Catch::Contains("not a usable export checkpoint"));
    CHECK(inspect_export_files(paths, identity(export_format::jsonl), true).state.checkpoint_exists);
}

TEST_CASE("export job: a resume writes formula-like CSV cells as the file began, and its checkpoints keep that") {
    const cli_test::scratch_directory s;
    const export_paths paths = export_paths::for_output(s.path() / "out.csv");
    export_checkpoint raw = identity(export_format::csv);
    raw.csv_raw_formulas = true;
    {
        export_job job{paths, raw, columns};
        job.start_fresh();
        job.write_row(boost::json::parse(R"({"id":"c1","name":"=1+1"})"));
        job.commit(position(1), false);
    }
    const std::optional<std::string> saved_text = read_file_if_exists(paths.checkpoint);
    REQUIRE(saved_text);
    const export_checkpoint saved = decode_export_checkpoint(*saved_text, "checkpoint");
    CHECK(saved.csv_raw_formulas);

    export_job resumed{paths, identity(export_format::csv), columns};  // the option not given again
    resumed.start_from(saved);
    resumed.write_row(boost::json::parse(R"({"id":"c2","name":"@x"})"));
    resumed.commit(position(2), true);
    CHECK(decode_export_checkpoint(*read_file_if_exists(paths.checkpoint), "checkpoint").csv_raw_formulas);
    resumed.complete();
    CHECK(cli_test::read_text(paths.output) == "id,name\r\nc1,=1+1\r\nc2,@x\r\n");
}
