// The usage-log walk where several rows share a timestamp (servers stamp whole seconds): page
// boundaries inside a second, ties wider than a page, rows written at the newest end during the
// walk, and resuming from a checkpoint. Driven page by page against an in-memory log.
#include "usage_log_sim.hpp"
#include "walk_pages.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

using namespace talentray;
using pager_test::newest_first;
using pager_test::usage;
using detail::cursor_boundary;
using detail::cursor_walk;
using pager_test::usage_log_sim;
using pager_test::walk_usage;

namespace {

/// The walk a pager builds from `checkpoint`'s text form.
cursor_walk resumed(const pager_checkpoint& checkpoint) {
    const pager_checkpoint parsed = pager_checkpoint::parse(checkpoint.to_string()).value();
    REQUIRE(parsed.skip == 0);
    std::optional<timestamp> before_at;
    if (parsed.before) before_at = timestamp::parse(*parsed.before).value();
    std::optional<cursor_boundary> boundary;
    if (parsed.boundary_at) boundary = cursor_boundary{timestamp::parse(*parsed.boundary_at).value(), parsed.boundary_ids};
    return cursor_walk{usage(), parsed.page_size, parsed.before, before_at, boundary};
}

/// A log of `seconds` seconds holding `per_second` rows each.
usage_log_sim tied_log(std::int64_t seconds, std::size_t per_second) {
    usage_log_sim log;
    for (std::int64_t s = 0; s < seconds; ++s) log.write(1'800'000'000 + s * 7, per_second);
    return log;
}

std::size_t duplicates(const std::vector<std::string>& ids) {
    return ids.size() - std::set<std::string>(ids.begin(), ids.end()).size();
}

}  // namespace

TEST_CASE("cursor ties: page boundaries inside a second hand out every tied row once, in order", "[pager][cursor_tie]") {
    for (const bool readahead : {false, true}) {
        for (const int limit : {4, 5, 7, 100}) {
            usage_log_sim log = tied_log(40, 3);
            cursor_walk walk = newest_first(limit);
            const auto result = walk_usage(walk, log, readahead);
            CAPTURE(readahead, limit);
            CHECK(!result.error);
            CHECK(result.ids == log.ids_newest_first());
        }
    }
}

TEST_CASE("cursor ties: the next page asks again from one second after the oldest row handed out", "[pager][cursor_tie]") {
    usage_log_sim log = tied_log(3, 3);  // seconds ...000, ...007, ...014
    cursor_walk walk = newest_first(4);
    auto first = walk.next_request();
    REQUIRE(first);
    walk.on_requested(*first);
    walk.on_arrival(*first, log.page(std::nullopt, 4));  // 3 rows at ...014, 1 at ...007
    auto second = walk.next_request();
    REQUIRE(second);
    CHECK(second->before == "2027-01-15T08:00:08Z");
    CHECK(second->before_at == usage_log_sim::second(1'800'000'008));
}

TEST_CASE("cursor ties: rows written with milliseconds are asked again from 1 ms after the oldest one",
          "[pager][cursor_tie]") {
    usage_log_sim log;
    const auto at = [](std::int64_t s, int ms) {
        return timestamp{usage_log_sim::second(s).to_sys_time() + std::chrono::milliseconds{ms}};
    };
    // 30 rows in one second, a few sharing a millisecond: at whole-second margins no page of 4
    // could get past that second.
    for (int i = 0; i < 30; ++i) log.write_at(at(1'800'000'000, 10 * (i / 2) + 1));
    cursor_walk walk = newest_first(4);
    auto first = walk.next_request();
    walk.on_requested(*first);
    walk.on_arrival(*first, log.page(std::nullopt, 4));
    auto second = walk.next_request();
    REQUIRE(second);
    CHECK(second->before == "2027-01-15T08:00:00.132Z");  // the oldest row of the page is at .131

    usage_log_sim again = log;
    cursor_walk whole = newest_first(4);
    const auto result = walk_usage(whole, again);
    CHECK(!result.error);
    CHECK(result.ids == log.ids_newest_first());
}

TEST_CASE("cursor ties: a tie wider than a page is asked for again with twice the limit, which then stays",
          "[pager][cursor_tie]") {
    for (const std::size_t tie : {4, 5, 9, 30}) {
        usage_log_sim log;
        log.write(1'800'000'000, 2);
        log.write(1'800'000'010, tie);
        log.write(1'800'000'020, 3);
        log.write(1'800'000'030, 6);
        cursor_walk walk = newest_first(4);
        std::vector<std::string> limits;
        const auto result = walk_usage(walk, log, false, {}, [&](const detail::page_key& key) {
            limits.push_back(walk.request_for(key).query.front().value);
        });
        CAPTURE(tie, limits);
        CHECK(!result.error);
        CHECK(result.ids == log.ids_newest_first());
        CHECK(limits.front() == "4");
        CHECK(limits.back() == (tie < 7 ? "8" : tie < 15 ? "16" : "32"));
    }
}

TEST_CASE("cursor ties: 499 rows in one second fit in the API's largest page; 500 stop the walk with "
          "tie_wider_than_page", "[pager][cursor_tie]") {
    for (const std::size_t tie : {499, 500, 700}) {
        usage_log_sim log;
        log.write(1'800'000'000, 2);
        log.write(1'800'000'010, tie);
        log.write(1'800'000'020, 3);
        cursor_walk walk = newest_first(100);
        const auto result = walk_usage(walk, log);
        CAPTURE(tie);
        CHECK(duplicates(result.ids) == 0);
        if (tie < 500) {
            CHECK(!result.error);
            CHECK(result.ids == log.ids_newest_first());
            continue;
        }
        REQUIRE(result.error);
        CHECK(result.error->code == errc::tie_wider_than_page);
        CHECK_THAT(result.error->diag.client_message, Catch::Contains("2027-01-15T08:00:10Z") &&
                                                          Catch::Contains("limit 500 (the API's largest)") &&
                                                          Catch::Contains("more rows fall within that second"));
        CHECK(result.error->diag.path == "/api/admin/api-keys/apikey_employer/usage");
        // The rows newer than the tie, and some of it, were handed out first; none older.
        const std::vector<std::string> all = log.ids_newest_first();
        CHECK(std::vector<std::string>(result.ids.begin(), result.ids.begin() + 3) ==
              std::vector<std::string>(all.begin(), all.begin() + 3));
        CHECK(result.ids.size() <= 3 + tie);
        CHECK(std::find(result.ids.begin(), result.ids.end(), all.back()) == result.ids.end());
    }
}

TEST_CASE("cursor ties: resuming from any row, while rows are written at the newest end, hands out the rest once",
          "[pager][cursor_tie]") {
    const usage_log_sim original = tied_log(12, 3);
    const std::vector<std::string> all = original.ids_newest_first();
    for (std::size_t stop = 1; stop < all.size(); ++stop) {
        usage_log_sim log = original;
        cursor_walk walk = newest_first(5);
        std::optional<pager_checkpoint> saved;
        std::vector<std::string> before_stop;
        walk_usage(walk, log, true, [&](const pager_test::usage_walk_result& so_far, const detail::opened_page& opened,
                                        std::int64_t position) {
            if (saved || so_far.ids.size() != stop) return;
            saved = walk.checkpoint(&opened, position);
            before_stop = so_far.ids;
        });
        REQUIRE(saved);
        // The log grows while the export is down: rows in the newest second and after it.
        log.write(log.newest_second(), 2);
        log.write(log.newest_second() + 1, 3);

        cursor_walk again = resumed(*saved);
        const auto rest = walk_usage(again, log);
        CAPTURE(stop, saved->to_string());
        CHECK(!rest.error);
        std::vector<std::string> joined = before_stop;
        joined.insert(joined.end(), rest.ids.begin(), rest.ids.end());
        CHECK(duplicates(joined) == 0);
        // Every row of the log as it was, in order; rows written since may be among them, once.
        const std::set<std::string> originals(all.begin(), all.end());
        std::vector<std::string> of_original;
        for (const std::string& id : joined)
            if (originals.count(id) != 0) of_original.push_back(id);
        CHECK(of_original == all);
    }
}

TEST_CASE("cursor ties: random logs and writes during the walk never lose or repeat a row silently",
          "[pager][cursor_tie]") {
    std::mt19937_64 random{20261205};
    for (int schedule = 0; schedule < 2000; ++schedule) {
        const int limit = std::uniform_int_distribution<int>{2, 9}(random);
        const int max_tie = std::uniform_int_distribution<int>{1, 3 * limit}(random);
        usage_log_sim log;
        std::int64_t second = 1'800'000'000;
        const int seconds = std::uniform_int_distribution<int>{0, 30}(random);
        for (int s = 0; s < seconds; ++s) {
            second += std::uniform_int_distribution<int>{1, 3}(random);
            log.write(second, std::uniform_int_distribution<std::size_t>{1, static_cast<std::size_t>(max_tie)}(random));
        }
        if (log.rows.empty()) log.write(second);
        const std::vector<std::string> original = log.ids_newest_first();
        const bool readahead = random() % 2 == 0;
        const unsigned write_every = 1 + random() % 4;  // rows handed out between two writes at the front
        std::ostringstream schedule_text;
        schedule_text << "schedule " << schedule << ": limit " << limit << ", rows per second up to " << max_tie
                      << ", " << original.size() << " rows, readahead " << readahead << ", a write every "
                      << write_every << " rows";

        cursor_walk walk = newest_first(limit);
        const auto result = walk_usage(walk, log, readahead,
                                       [&](const pager_test::usage_walk_result& so_far, const detail::opened_page&,
                                           std::int64_t) {
                                           if (so_far.ids.size() % write_every == 0)
                                               log.write(log.newest_second() + static_cast<std::int64_t>(random() % 2));
                                       });
        INFO(schedule_text.str());
        REQUIRE(duplicates(result.ids) == 0);
        const std::set<std::string> got(result.ids.begin(), result.ids.end());
        REQUIRE(!result.error);  // every tie here is far below 500 rows
        const auto missing =
            std::count_if(original.begin(), original.end(), [&](const std::string& id) { return got.count(id) == 0; });
        REQUIRE(missing == 0);
    }
}
