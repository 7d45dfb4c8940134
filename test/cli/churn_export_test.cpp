// Exports of lists that change while they are read (the mock's churn): the export finishes, the
// file holds every row present throughout exactly once and no row twice, in both list orders,
// window 1 and 8, JSON Lines and CSV, and across kill -9 and --resume; --strict still fails.
#include "cli_fixture.hpp"

#include <catch2/catch.hpp>

#include <signal.h>

#include <set>

using namespace cli_test;
namespace json = boost::json;

namespace {

constexpr const char* live_list = "candidates@user_employer";

// About 600 candidates of the employer's, 30 pages of 20, each answer 20 ms late: the export
// takes about 0.1 s at window 8 and 0.6 s at window 1, while rows are inserted and deleted at
// random places, hundreds a second.
mock::server_options churning(mock::list_order order) {
    mock::server_options options = cli_fixture::default_options();
    options.faults.latency = std::chrono::milliseconds{20};
    options.order = order;
    options.churn.list = "candidates";
    options.churn.inserts_per_s = 500;
    options.churn.deletes_per_s = 300;
    options.churn.at = mock::churn_position::random;
    return options;
}

std::vector<std::string> export_command(const std::string& format, const std::filesystem::path& output, int window) {
    return {"export", "candidates", "--format", format, "--output", output.string(), "--page-size", "20",
            "--window", std::to_string(window), "--checkpoint-interval", "20ms"};
}

std::vector<std::string> written_ids(const std::string& format, const std::filesystem::path& output) {
    std::vector<std::string> ids;
    const std::string text = read_text(output);
    if (format == "jsonl") {
        for (const json::value& row : parse_json_lines(text)) ids.emplace_back(row.at("id").as_string());
    } else {
        const auto records = parse_csv(text);
        REQUIRE_FALSE(records.empty());
        CHECK(records.front().front() == "id");
        for (std::size_t i = 1; i < records.size(); ++i) ids.push_back(records[i].front());
    }
    return ids;
}

// The guarantee, against the mock's account of its churn: no id twice, every initial row that
// was never deleted present, and nothing that never existed.
void check_exactly_once(const cli_fixture& f, const std::vector<std::string>& written) {
    const mock::stats_snapshot stats = f.server.stats();
    REQUIRE(stats.churn.count(live_list) == 1);
    const mock::churn_record& churn = stats.churn.at(live_list);
    INFO("initial " << churn.initial_ids.size() << ", inserted " << churn.inserted_ids.size() << ", deleted "
                    << churn.deleted_ids.size() << ", written " << written.size());
    CHECK(churn.inserted_ids.size() > 10);
    CHECK(churn.deleted_ids.size() > 10);

    const std::set<std::string> unique(written.begin(), written.end());
    CHECK(unique.size() == written.size());
    const std::set<std::string> deleted(churn.deleted_ids.begin(), churn.deleted_ids.end());
    std::set<std::string> ever(churn.initial_ids.begin(), churn.initial_ids.end());
    ever.insert(churn.inserted_ids.begin(), churn.inserted_ids.end());
    std::size_t missing = 0, unknown = 0;
    for (const std::string& id : churn.initial_ids)
        if (!deleted.count(id) && !unique.count(id)) ++missing;
    for (const std::string& id : unique)
        if (!ever.count(id)) ++unknown;
    CHECK(missing == 0);
    CHECK(unknown == 0);
}

void export_churning(mock::list_order order, const std::string& format, int window) {
    INFO("order " << mock::to_string(order) << ", format " << format << ", window " << window);
    const cli_fixture f{churning(order)};
    const auto output = f.scratch / ("candidates." + format);
    const outcome done = f.as_employer(export_command(format, output, window));
    INFO(done.err);
    REQUIRE(done.exit_status == 0);
    CHECK_THAT(done.err, Catch::Contains("the list changed during the export: "));
    check_exactly_once(f, written_ids(format, output));
}

}  // namespace

TEST_CASE("churn export: JSON Lines, newest first, window 1 and 8: every row present throughout once, none twice") {
    export_churning(mock::list_order::newest_first, "jsonl", 1);
    export_churning(mock::list_order::newest_first, "jsonl", 8);
}

TEST_CASE("churn export: CSV, oldest first, window 1 and 8: every row present throughout once, none twice") {
    export_churning(mock::list_order::oldest_first, "csv", 1);
    export_churning(mock::list_order::oldest_first, "csv", 8);
}

TEST_CASE("churn export: JSON Lines, oldest first and CSV, newest first, window 8") {
    export_churning(mock::list_order::oldest_first, "jsonl", 8);
    export_churning(mock::list_order::newest_first, "csv", 8);
}

TEST_CASE("churn export: killed -9 after its first checkpoint, --resume keeps every row present throughout once") {
    for (const std::string format : {"jsonl", "csv"}) {
        INFO("format " << format);
        cli_fixture f{churning(format == "jsonl" ? mock::list_order::newest_first : mock::list_order::oldest_first)};
        const auto output = f.scratch / ("candidates." + format);
        const std::vector<std::string> command = export_command(format, output, 4);

        // Held back, the export cannot finish before the kill; the list keeps changing meanwhile.
        // The first checkpoint is written before any row: once it is gone, the next one to appear
        // is written after rows, in the middle of the walk.
        mock::fault_options held_back;
        held_back.latency = std::chrono::milliseconds{300};
        f.server.set_faults(held_back);
        std::vector<std::string> all = f.connection_args();
        all.insert(all.end(), command.begin(), command.end());
        const auto checkpoint = f.scratch / ("candidates." + format + ".checkpoint");
        child first{talentray_program(), all, f.environment(f.server.keys().employer.key)};
        REQUIRE(wait_for_file(checkpoint));
        std::filesystem::remove(checkpoint);
        REQUIRE(wait_for_file(checkpoint));
        first.kill_with(SIGKILL);
        REQUIRE(first.wait().signal == SIGKILL);
        mock::fault_options normal;
        normal.latency = std::chrono::milliseconds{10};
        f.server.set_faults(normal);

        std::vector<std::string> resume = command;
        resume.push_back("--resume");
        const outcome finished = f.as_employer(resume);
        INFO(finished.err);
        REQUIRE(finished.exit_status == 0);
        check_exactly_once(f, written_ids(format, output));
    }
}

TEST_CASE("churn export: --strict fails with list changed instead of reconciling") {
    const cli_fixture f{churning(mock::list_order::newest_first)};
    const auto output = f.scratch / "candidates.jsonl";
    std::vector<std::string> command = export_command("jsonl", output, 1);
    command.push_back("--strict");
    const outcome stopped = f.as_employer(command);
    INFO(stopped.err);
    CHECK(stopped.exit_status != 0);
    CHECK_THAT(stopped.err, Catch::Contains("list changed during pagination"));
    CHECK_FALSE(std::filesystem::exists(output));
}

TEST_CASE("churn export: --overlap-reads with as many deletes as inserts, both orders, window 8: every row present "
          "throughout once, none twice") {
    for (const auto order : {mock::list_order::newest_first, mock::list_order::oldest_first}) {
        INFO("order " << mock::to_string(order));
        mock::server_options options = churning(order);
        options.churn.inserts_per_s = 400;
        options.churn.deletes_per_s = 400;
        const cli_fixture f{options};
        const auto output = f.scratch / "candidates.jsonl";
        std::vector<std::string> command = export_command("jsonl", output, 8);
        command.push_back("--overlap-reads");
        const outcome done = f.as_employer(command);
        INFO(done.err);
        REQUIRE(done.exit_status == 0);
        check_exactly_once(f, written_ids("jsonl", output));
    }
}

TEST_CASE("churn export: --overlap-reads with --strict is a usage error naming both") {
    const cli_fixture f{churning(mock::list_order::newest_first)};
    const auto output = f.scratch / "candidates.jsonl";
    std::vector<std::string> command = export_command("jsonl", output, 1);
    command.push_back("--strict");
    command.push_back("--overlap-reads");
    const outcome refused = f.as_employer(command);
    INFO(refused.err);
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains("--overlap-reads") && Catch::Contains("--strict"));
    CHECK_FALSE(std::filesystem::exists(output));
}
