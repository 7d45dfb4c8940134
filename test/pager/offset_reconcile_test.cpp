// The reconciling offset walk against a simulated list that changes between (and during) page
// reads: thousands of random schedules with a fixed seed. A failing schedule is printed.
#include "pager/offset_reconcile.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace talentray;
using namespace talentray::detail;

namespace {

enum class sim_order { newest_first, oldest_first, unordered };

/// A list as a server keeps it: rows in creation order (ascending `created`), listed in `order`.
/// Unordered lists give rows a `createdAt` that says nothing about their place.
class simulated_list {
public:
    simulated_list(std::size_t size, sim_order order, std::mt19937_64& random) : order_(order), random_(random) {
        for (std::size_t i = 0; i < size; ++i) rows_.push_back(make_row(static_cast<std::int64_t>(i + 1) * 1'000'000));
    }

    std::size_t size() const { return rows_.size(); }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& row : rows_) out.push_back(row.id);
        return out;
    }

    /// Inserts at a list position (0 = the front in the list's order); returns the id.
    std::string insert(std::size_t position) {
        const std::size_t at = to_index(position, rows_.size() + 1);
        const std::int64_t low = at == 0 ? rows_.empty() ? 0 : rows_.front().rank - 1'000'000 : rows_[at - 1].rank;
        const std::int64_t high = at == rows_.size() ? low + 2'000'000 : rows_[at].rank;
        rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(at), make_row(low + (high - low) / 2));
        return rows_[at].id;
    }
    std::string erase(std::size_t position) {
        const std::size_t at = to_index(position, rows_.size());
        std::string id = rows_[at].id;
        rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(at));
        return id;
    }

    /// The server's response to `read`, now.
    std::pair<std::int64_t, std::vector<row_key>> answer(const offset_read& read) const {
        std::vector<row_key> page;
        const auto total = static_cast<std::int64_t>(rows_.size());
        for (std::int64_t i = read.first_row(); i < std::min(total, read.first_row() + read.page_size); ++i) {
            const stored_row& r = rows_[to_index(static_cast<std::size_t>(i), rows_.size())];
            page.push_back(row_key{r.id, r.created});
        }
        return {total, page};
    }

private:
    struct stored_row {
        std::int64_t rank;
        std::string id;
        std::optional<timestamp> created;
    };

    stored_row make_row(std::int64_t rank) {
        stored_row r{rank, "r" + std::to_string(++made_), {}};
        const std::int64_t micros = order_ == sim_order::unordered
                                        ? static_cast<std::int64_t>(random_() % 1'000'000) * 1'000'000
                                        : rank;
        r.created = timestamp{timestamp::time_point{std::chrono::microseconds{micros}}};
        return r;
    }
    /// The storage index of list position `position` among `count` slots.
    std::size_t to_index(std::size_t position, std::size_t count) const {
        return order_ == sim_order::newest_first ? count - 1 - position : position;
    }

    std::vector<stored_row> rows_;
    sim_order order_;
    std::mt19937_64& random_;
    std::uint64_t made_ = 0;
};

struct schedule_settings {
    sim_order order = sim_order::oldest_first;
    std::size_t rows = 0;
    int page_size = 1;
    std::size_t window = 1;
    int churn_percent = 0;        // chance that a step is an insert or a delete
    bool live_from_start = false;
    bool one_change_until_live = false;  // before the walk is live, at most one change between reads
    int resume_percent = 0;  // chance that the walk is killed inside a page and resumed from its checkpoint
};

struct schedule_outcome {
    std::vector<std::string> delivered;
    std::set<std::string> initial, inserted, deleted;
    bool failed = false;
    std::string log;
    reconcile_counts counts;
};

const char* name_of(sim_order order) {
    return order == sim_order::newest_first ? "newest-first" : order == sim_order::oldest_first ? "oldest-first"
                                                                                               : "unordered";
}

/// Runs one walk: reads are started up to the window, answered (a snapshot of the list at that
/// moment) in random order, and processed in order; changes happen between any two steps.
schedule_outcome run_schedule(const schedule_settings& settings, std::uint64_t seed) {
    std::mt19937_64 random{seed};
    simulated_list list{settings.rows, settings.order, random};
    schedule_outcome out;
    for (const auto& id : list.ids()) out.initial.insert(id);
    std::ostringstream log;
    log << name_of(settings.order) << " rows=" << settings.rows << " pageSize=" << settings.page_size
        << " window=" << settings.window << " churn=" << settings.churn_percent << "% live=" << settings.live_from_start
        << "\n";

    reconcile_memory start;
    start.live = settings.live_from_start;
    std::optional<offset_reconciler> walk{std::in_place, settings.page_size, 0, start};
    struct in_flight {
        offset_read read;
        std::optional<std::pair<std::int64_t, std::vector<row_key>>> response;
    };
    std::deque<in_flight> window;
    bool changed_since_read = false;
    for (int step = 0; step < 100'000; ++step) {
        while (window.size() < settings.window) {
            auto read = walk->next_read();
            if (!read) break;
            walk->on_started(*read);
            window.push_back({*read, {}});
        }
        if (window.empty()) break;
        const bool may_change = !(settings.one_change_until_live && !walk->memory().live && changed_since_read);
        if (may_change && static_cast<int>(random() % 100) < settings.churn_percent) {
            const bool insert = random() % 2 == 0 || list.size() == 0;
            const std::size_t position = random() % (list.size() + (insert ? 1 : 0));
            if (insert) {
                const std::string id = list.insert(position);
                out.inserted.insert(id);
                log << "insert " << id << " at " << position << "\n";
            } else {
                const std::string id = list.erase(position);
                out.deleted.insert(id);
                log << "delete " << id << " at " << position << "\n";
            }
            changed_since_read = true;
            continue;
        }
        // Answer a random unanswered read, or process the front one.
        std::vector<std::size_t> unanswered;
        for (std::size_t i = 0; i < window.size(); ++i)
            if (!window[i].response) unanswered.push_back(i);
        if (!unanswered.empty() && (random() % 2 == 0 || !window.front().response)) {
            in_flight& f = window[unanswered[random() % unanswered.size()]];
            f.response = list.answer(f.read);
            changed_since_read = false;
            log << "response page " << f.read.page << "x" << f.read.page_size << " total " << f.response->first << ":";
            for (const auto& row : f.response->second) log << " " << row.id;
            log << "\n";
            continue;
        }
        in_flight front = std::move(window.front());
        window.pop_front();
        const reconcile_verdict verdict = walk->on_page(front.read, front.response->first, front.response->second);
        if (verdict.action == reconcile_action::fail) {
            log << "fail: " << verdict.why << "\n";
            out.failed = true;
            break;
        }
        if (verdict.action == reconcile_action::accept) {
            log << "accept page " << front.read.page << "x" << front.read.page_size << " skip " << verdict.skip << "\n";
            const std::vector<row_key>& rows = front.response->second;
            if (static_cast<int>(random() % 100) < settings.resume_percent) {
                // Killed after handing out some rows of this page: a new walk from the checkpoint.
                const std::size_t handed = random() % (rows.size() - verdict.skip + 1);
                for (std::size_t i = verdict.skip; i < verdict.skip + handed; ++i) out.delivered.push_back(rows[i].id);
                reconcile_memory saved = walk->memory_after(rows, verdict.skip, handed, front.read.first_row());
                const std::int64_t page = (saved.last_position + 1) / settings.page_size;
                log << "accept page " << front.read.page << "x" << front.read.page_size << " skip " << verdict.skip
                    << ", killed after " << handed << " rows; resumed at page " << page << "\n";
                walk.emplace(settings.page_size, page, std::move(saved));
                window.clear();
                continue;
            }
            for (std::size_t i = verdict.skip; i < rows.size(); ++i) out.delivered.push_back(rows[i].id);
        } else {
            log << "drop page " << front.read.page << "x" << front.read.page_size << "\n";
        }
        if (verdict.replan) window.clear();
    }
    out.counts = walk->counts();
    out.log = log.str();
    return out;
}

/// Rows delivered more than once, and rows present throughout that were not delivered.
std::pair<std::vector<std::string>, std::vector<std::string>> check(const schedule_outcome& out) {
    std::map<std::string, int> times;
    for (const auto& id : out.delivered) ++times[id];
    std::vector<std::string> repeated, missing;
    for (const auto& [id, n] : times)
        if (n > 1) repeated.push_back(id);
    for (const auto& id : out.initial)
        if (!out.deleted.count(id) && !times.count(id)) missing.push_back(id);
    return {repeated, missing};
}

schedule_settings random_settings(std::mt19937_64& random) {
    schedule_settings s;
    s.order = static_cast<sim_order>(random() % 3);
    s.rows = random() % 80;
    s.page_size = static_cast<int>(1 + random() % 12);
    s.window = 1 + random() % 8;
    s.churn_percent = static_cast<int>(random() % 60);
    return s;
}

}  // namespace

TEST_CASE("reconcile property: never a duplicate, whatever changes, in any order and window") {
    std::mt19937_64 random{20261205};
    for (int n = 0; n < 4000; ++n) {
        const schedule_settings settings = random_settings(random);
        const schedule_outcome out = run_schedule(settings, random());
        const auto [repeated, missing] = check(out);
        if (!repeated.empty() || (out.failed && settings.order != sim_order::unordered)) {
            INFO(out.log);
            CHECK(repeated.empty());
            CHECK_FALSE(out.failed);
            return;
        }
    }
}

TEST_CASE("reconcile property: live from the start, every row present throughout is delivered exactly once") {
    std::mt19937_64 random{7};
    int completed = 0;
    for (int n = 0; n < 4000; ++n) {
        schedule_settings settings = random_settings(random);
        settings.live_from_start = true;
        const schedule_outcome out = run_schedule(settings, random());
        if (out.failed && settings.order == sim_order::unordered) continue;  // reported, never silent
        const auto [repeated, missing] = check(out);
        if (!repeated.empty() || !missing.empty() || out.failed) {
            INFO(out.log);
            CHECK(repeated.empty());
            CHECK(missing.empty());
            CHECK_FALSE(out.failed);
            return;
        }
        ++completed;
    }
    CHECK(completed > 3500);
}

TEST_CASE("reconcile property: from a calm start, once a change shows, every row present throughout is delivered "
          "exactly once") {
    std::mt19937_64 random{99};
    for (int n = 0; n < 4000; ++n) {
        schedule_settings settings = random_settings(random);
        if (settings.order == sim_order::unordered) settings.order = sim_order::oldest_first;
        settings.one_change_until_live = true;
        settings.window = 1;
        const schedule_outcome out = run_schedule(settings, random());
        const auto [repeated, missing] = check(out);
        if (!repeated.empty() || !missing.empty() || out.failed) {
            INFO(out.log);
            CHECK(repeated.empty());
            CHECK(missing.empty());
            CHECK_FALSE(out.failed);
            return;
        }
    }
}

TEST_CASE("reconcile property: killed inside pages and resumed from checkpoints, never a duplicate, and once live "
          "every row present throughout exactly once") {
    std::mt19937_64 random{31337};
    for (int n = 0; n < 3000; ++n) {
        schedule_settings settings = random_settings(random);
        settings.resume_percent = 20;
        settings.live_from_start = n % 2 == 0;
        const schedule_outcome out = run_schedule(settings, random());
        if (out.failed && settings.order == sim_order::unordered) continue;
        const auto [repeated, missing] = check(out);
        if (!repeated.empty() || (settings.live_from_start && !missing.empty()) || out.failed) {
            INFO(out.log);
            CHECK(repeated.empty());
            if (settings.live_from_start) CHECK(missing.empty());
            CHECK_FALSE(out.failed);
            return;
        }
    }
}

TEST_CASE("reconcile: an unchanging list costs no extra read and skips nothing") {
    for (const int page_size : {1, 7, 100}) {
        schedule_settings settings;
        settings.rows = 250;
        settings.page_size = page_size;
        settings.window = 4;
        const schedule_outcome out = run_schedule(settings, 1);
        CHECK(out.delivered.size() == 250);
        CHECK(out.counts.dropped_reads == 0);
        CHECK(out.counts.steps_back == 0);
        CHECK(out.counts.rows_repeated == 0);
    }
}

namespace {

/// One walk of window 1 over 40 rows, oldest first, pages of 10: after the first page, 3 rows are
/// deleted at the front (behind the walk) and 3 inserted at the back, so `totalCount` stays 40.
std::vector<std::string> walk_through_balanced_change(bool live_from_start) {
    std::mt19937_64 random{5};
    simulated_list list{40, sim_order::oldest_first, random};
    reconcile_memory start;
    start.live = live_from_start;
    offset_reconciler walk{10, 0, start};
    std::vector<std::string> delivered;
    for (int reads = 0; reads < 100; ++reads) {
        const std::optional<offset_read> read = walk.next_read();
        if (!read) break;
        walk.on_started(*read);
        if (reads == 1) {
            for (int i = 0; i < 3; ++i) {
                list.erase(0);
                list.insert(list.size());
            }
        }
        const auto [total, rows] = list.answer(*read);
        const reconcile_verdict verdict = walk.on_page(*read, total, rows);
        REQUIRE(verdict.action != reconcile_action::fail);
        if (verdict.action == reconcile_action::accept)
            for (std::size_t i = verdict.skip; i < rows.size(); ++i) delivered.push_back(rows[i].id);
    }
    return delivered;
}

}  // namespace

TEST_CASE("reconcile: deletes behind and as many inserts ahead between two reads skip rows from a calm start, "
          "none when live from the start") {
    // The rows present throughout: r4..r40 (r1..r3 were deleted, r41..r43 inserted).
    const auto present_throughout_missing = [](const std::vector<std::string>& delivered) {
        std::set<std::string> seen(delivered.begin(), delivered.end());
        REQUIRE(seen.size() == delivered.size());  // never a duplicate, either way
        int missing = 0;
        for (int n = 4; n <= 40; ++n) missing += seen.count("r" + std::to_string(n)) == 0 ? 1 : 0;
        return missing;
    };
    CHECK(present_throughout_missing(walk_through_balanced_change(false)) == 3);
    CHECK(present_throughout_missing(walk_through_balanced_change(true)) == 0);
}

TEST_CASE("covering_read: covers the row and reaches as far as a page size allows") {
    CHECK(covering_read(-1, 100) == offset_read{0, 100});
    const offset_read after_first_page = covering_read(99, 100);
    CHECK(after_first_page.first_row() <= 99);
    CHECK(after_first_page.first_row() + after_first_page.page_size - 1 - 99 == 98);
    for (std::int64_t position = 0; position < 5000; ++position) {
        const offset_read read = covering_read(position, 20);
        CHECK(read.page_size <= 32);
        CHECK(read.first_row() <= position);
        CHECK(read.first_row() + read.page_size - 1 > position);
    }
}
