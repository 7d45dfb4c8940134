// The export checkpoint's encoding and the decision how an export begins.
#include "export_checkpoint.hpp"
#include "export_start.hpp"
#include "usage_error.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

using namespace talentray::cli;

namespace {

export_checkpoint sample() {
    export_checkpoint checkpoint;
    checkpoint.resource = "candidates";
    checkpoint.filters = {{"roleId", "role_eng_be"}};
    checkpoint.format = export_format::csv;
    checkpoint.bytes = 123'456'789'012ULL;
    checkpoint.rows = 8000;
    checkpoint.total = 20000;
    checkpoint.pager.path = "/api/v1/candidates";
    checkpoint.pager.filters = {{"roleId", "role_eng_be"}};
    checkpoint.pager.page_size = 100;
    checkpoint.pager.page = 80;
    checkpoint.pager.total_count = 20000;
    return checkpoint;
}

}  // namespace

TEST_CASE("checkpoint: encode and decode give back every member") {
    const export_checkpoint checkpoint = sample();
    const std::string text = encode(checkpoint);
    CHECK(text.back() == '\n');
    CHECK(decode_export_checkpoint(text, "x.checkpoint") == checkpoint);

    export_checkpoint other = sample();
    other.resource = "key-usage";
    other.id = "apikey_employer";
    other.filters.clear();
    other.format = export_format::jsonl;
    other.total.reset();
    other.done = true;
    CHECK(decode_export_checkpoint(encode(other), "x.checkpoint") == other);

    export_checkpoint raw = sample();
    raw.csv_raw_formulas = true;
    CHECK(decode_export_checkpoint(encode(raw), "x.checkpoint").csv_raw_formulas);
    CHECK_FALSE(decode_export_checkpoint(encode(sample()), "x.checkpoint").csv_raw_formulas);
}

TEST_CASE("checkpoint: a file in the format written so far reads into the model and is written back byte for byte") {
    const std::string text =
        R"({"version":1,"resource":"candidates","id":"","filters":[],"format":"jsonl","csv_raw_formulas":false,)"
        R"("gzip":false,"bytes":4634,"rows":12,"total":612,"done":false,"pager":{"version":1,"style":"offset",)"
        R"("path":"/api/v1/candidates","filters":[],"pageSize":4,"page":3,"skip":0,"totalCount":612,)"
        R"("reconcile":{"afterId":"cand_22","afterCreatedAt":"2026-04-06T16:55:00Z","position":11,)"
        R"("order":"unordered","live":false,"recentIds":["cand_1","cand_2","cand_3","cand_4","cand_8",)"
        R"("cand_13","cand_15","cand_16","cand_17","cand_20","cand_21","cand_22"],"handedOut":12}}})" "\n";
    const export_checkpoint read = decode_export_checkpoint(text, "c.jsonl.checkpoint");
    CHECK(read.pager.path == "/api/v1/candidates");
    CHECK(read.pager.page_size == 4);
    CHECK(read.pager.page == 3);
    CHECK(read.pager.total_count == 612);
    REQUIRE(read.pager.reconcile);
    CHECK(read.pager.reconcile->after_id == "cand_22");
    CHECK(read.pager.reconcile->recent_ids.size() == 12);
    CHECK(read.pager.reconcile->handed_out == 12);
    CHECK(encode(read) == text);
}

TEST_CASE("checkpoint: one written before formulas were neutralised resumes with raw cells, as it began") {
    std::string text = encode(sample());
    const std::string member = "\"csv_raw_formulas\":false,";
    REQUIRE(text.find(member) != std::string::npos);
    text.erase(text.find(member), member.size());
    CHECK(decode_export_checkpoint(text, "x.checkpoint").csv_raw_formulas);
}

TEST_CASE("checkpoint: a damaged file is refused, naming the file and the member") {
    CHECK_THROWS_AS(decode_export_checkpoint("{\"version\":1", "out.checkpoint"), local_failure);
    CHECK_THROWS_WITH(decode_export_checkpoint("{\"version\":1", "out.checkpoint"),
                      Catch::Contains("out.checkpoint: not a usable export checkpoint: not JSON"));
    CHECK_THROWS_WITH(decode_export_checkpoint("[]", "out.checkpoint"), Catch::Contains("not a JSON object"));
    auto damaged = [](const char* member, boost::json::value value) {
        boost::json::object object = boost::json::parse(encode(sample())).as_object();
        if (value.is_null() && std::string_view(member) != "total") object.erase(member);
        else object[member] = value;
        return boost::json::serialize(object);
    };
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("version", 2), "f"), Catch::Contains("\"version\" is not 1"));
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("resource", nullptr), "f"), Catch::Contains("\"resource\" is missing"));
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("bytes", -1), "f"), Catch::Contains("\"bytes\" must be a non-negative integer"));
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("format", "xml"), "f"), Catch::Contains("\"format\" must be"));
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("filters", boost::json::array{1}), "f"), Catch::Contains("\"filters\""));
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("pager", "page 3"), "f"), Catch::Contains("\"pager\" must be an object"));
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("pager", boost::json::object{{"version", 1}}), "f"),
                      Catch::Contains("f: not a usable export checkpoint: \"pager\" is not a position the pager can "
                                      "continue from (invalid pager checkpoint: style is missing)"));
    CHECK_THROWS_WITH(decode_export_checkpoint(damaged("done", 1), "f"), Catch::Contains("\"done\" must be true or false"));
    CHECK(decode_export_checkpoint(damaged("total", nullptr), "f").total == std::nullopt);
}

TEST_CASE("checkpoint: a resume with other arguments is told what differs") {
    const export_checkpoint saved = sample();
    const talentray::query_params filters{{"roleId", "role_eng_be"}};
    CHECK(describe_mismatch(saved, "candidates", "", filters, export_format::csv).empty());
    CHECK(describe_mismatch(saved, "roles", "", filters, export_format::csv) ==
          "the checkpoint is for an export of candidates, not roles");
    CHECK(describe_mismatch(saved, "candidates", "", filters, export_format::jsonl) ==
          "the checkpoint is for format csv, not jsonl");
    CHECK(describe_mismatch(saved, "candidates", "", {}, export_format::csv) ==
          "the checkpoint is for roleId=role_eng_be, not no filters");
    CHECK(describe_mismatch(saved, "candidates", "x", filters, export_format::csv) ==
          "the checkpoint is for ID '', not 'x'");
}

TEST_CASE("export start: without --resume or --force nothing that exists is touched") {
    export_files_state files;
    files.output = "out.jsonl";
    CHECK(decide_export_start(files, false, false) == export_start::fresh);

    files.output_exists = true;
    CHECK_THROWS_MATCHES(decide_export_start(files, false, false), usage_error,
                         Catch::Message("out.jsonl already exists; use --force to replace it"));
    files = {.output = "out.jsonl", .partial_exists = true};
    CHECK_THROWS_WITH(decide_export_start(files, false, false), Catch::Contains("out.jsonl.partial exists"));
    files = {.output = "out.jsonl", .partial_exists = true, .checkpoint_exists = true, .checkpoint_rows = "700"};
    CHECK_THROWS_WITH(decide_export_start(files, false, false),
                      Catch::Contains("an interrupted export to out.jsonl exists (700 rows written); use --resume"));
}

TEST_CASE("export start: --force always starts over; --resume and --force together are refused") {
    const export_files_state files{.output = "o", .output_exists = true, .partial_exists = true, .checkpoint_exists = true};
    CHECK(decide_export_start(files, false, true) == export_start::fresh);
    CHECK_THROWS_WITH(decide_export_start(files, true, true), Catch::Contains("contradict"));
}

TEST_CASE("export start: --resume continues a checkpoint, finishes a complete one, or starts when there is none") {
    export_files_state files{.output = "o", .partial_exists = true, .checkpoint_exists = true};
    CHECK(decide_export_start(files, true, false) == export_start::resume);

    files.checkpoint_done = true;
    CHECK(decide_export_start(files, true, false) == export_start::finish);
    files = {.output = "o", .output_exists = true, .checkpoint_exists = true, .checkpoint_done = true};
    CHECK(decide_export_start(files, true, false) == export_start::already_done);

    files = {.output = "o", .partial_exists = true};  // killed before the first checkpoint
    CHECK(decide_export_start(files, true, false) == export_start::fresh);
    files = {.output = "o"};
    CHECK(decide_export_start(files, true, false) == export_start::fresh);
}

TEST_CASE("export start: --resume refuses what it cannot continue") {
    export_files_state files{.output = "o", .output_exists = true};
    CHECK_THROWS_WITH(decide_export_start(files, true, false), Catch::Contains("no interrupted export of it to resume"));
    files = {.output = "o", .checkpoint_exists = true};
    CHECK_THROWS_WITH(decide_export_start(files, true, false), Catch::Contains("o.partial is missing"));
    files = {.output = "o", .partial_exists = true, .checkpoint_exists = true,
             .checkpoint_mismatch = "the checkpoint is for format csv, not jsonl"};
    CHECK_THROWS_MATCHES(decide_export_start(files, true, false), usage_error,
                         Catch::Message("cannot resume the export to o: the checkpoint is for format csv, not jsonl; "
                                        "repeat the original arguments, or use --force to start over"));
}
