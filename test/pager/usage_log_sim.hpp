// A usage log in memory, served as the contract pages it (rows strictly older than `before`,
// newest first, nextBefore = the oldest row's timestamp), and a driver that walks it with
// cursor_walk page by page, without sockets.
#pragma once

#include "pager/cursor_walk.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pager_test {

/// Rows oldest first; timestamps never decrease (ties allowed).
struct usage_log_sim {
    struct row {
        std::string id;
        talentray::timestamp at;
    };
    std::vector<row> rows;
    std::uint64_t next_id = 1;
    std::size_t requests = 0;

    static talentray::timestamp second(std::int64_t s) {
        return talentray::timestamp{talentray::timestamp::time_point{std::chrono::sys_seconds{std::chrono::seconds{s}}}};
    }

    /// Appends `count` rows at second `s` (not older than the newest row).
    void write(std::int64_t s, std::size_t count = 1) { write_at(second(s), count); }
    /// Appends `count` rows at `at` (not older than the newest row).
    void write_at(talentray::timestamp at, std::size_t count = 1) {
        for (std::size_t i = 0; i < count; ++i) rows.push_back({"usage_" + std::to_string(next_id++), at});
    }

    std::int64_t newest_second() const {
        return std::chrono::duration_cast<std::chrono::seconds>(rows.back().at.to_sys_time().time_since_epoch()).count();
    }

    std::vector<std::string> ids_newest_first() const {
        std::vector<std::string> out;
        for (auto it = rows.rbegin(); it != rows.rend(); ++it) out.push_back(it->id);
        return out;
    }

    /// The page of `limit` rows strictly older than `before` (none: the newest rows).
    talentray::detail::raw_page page(const std::optional<talentray::timestamp>& before, int limit) {
        ++requests;
        auto end = rows.end();
        if (before)
            end = std::lower_bound(rows.begin(), rows.end(), *before,
                                   [](const row& r, const talentray::timestamp& t) { return r.at < t; });
        const auto available = end - rows.begin();
        const auto start = end - std::min<std::ptrdiff_t>(limit, available);
        talentray::detail::raw_page out;
        for (auto it = end; it != start;) {
            --it;
            out.rows.push_back(boost::json::object{{"id", it->id}, {"timestamp", it->at.to_string()}});
        }
        talentray::cursor_pagination pagination;
        pagination.limit = limit;
        pagination.has_more = start != rows.begin();
        if (pagination.has_more) {
            pagination.next_before = start->at;
            out.next_before_text = start->at.to_string();
        }
        out.cursor = pagination;
        return out;
    }
};

/// What a walk handed out, and how it ended.
struct usage_walk_result {
    std::vector<std::string> ids;
    std::optional<talentray::error_info> error;
};

/// Walks `log` with `walk` to its end, a page of readahead when `readahead` (the next page is
/// requested before the current one is opened, as the stream does). `after_row(ids so far,
/// opened page, rows handed out of it)` runs after each row handed out; it may write to `log`.
/// `on_request(key)` runs for each page requested.
inline usage_walk_result walk_usage(
    talentray::detail::cursor_walk& walk, usage_log_sim& log, bool readahead = true,
    const std::function<void(const usage_walk_result&, const talentray::detail::opened_page&, std::int64_t)>&
        after_row = {},
    const std::function<void(const talentray::detail::page_key&)>& on_request = {}) {
    using namespace talentray::detail;
    usage_walk_result out;
    std::vector<std::pair<page_key, raw_page>> arrived;
    auto request = [&] {
        auto key = walk.next_request();
        if (!key) return false;
        walk.on_requested(*key);
        if (on_request) on_request(*key);
        raw_page page = log.page(key->before_at, key->limit > 0 ? key->limit : walk.page_size());
        walk.on_arrival(*key, page);
        arrived.emplace_back(std::move(*key), std::move(page));
        return true;
    };
    request();
    while (!arrived.empty()) {
        if (readahead && arrived.size() < 2) request();
        auto [key, page] = std::move(arrived.front());
        arrived.erase(arrived.begin());
        const open_verdict verdict = walk.open(key, page);
        if (verdict.action != open_action::accept) {
            out.error = verdict.error;
            return out;
        }
        walk.drop_delivered(key, page);
        const opened_page opened{key, page.row_count(), page.offset, page.cursor, page.next_before_text};
        for (std::size_t i = 0; i < page.row_count(); ++i) {
            out.ids.emplace_back(page.rows[i].as_object().at("id").as_string());
            if (after_row) after_row(out, opened, static_cast<std::int64_t>(i + 1));
        }
        if (!readahead) request();
    }
    out.error = walk.stalled();
    return out;
}

}  // namespace pager_test
