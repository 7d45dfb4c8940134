// Raw pages built in memory, for the walk tests.
#pragma once

#include "pager/cursor_walk.hpp"
#include "pager/raw_page.hpp"

#include <boost/json/array.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace pager_test {

/// The usage-log request the cursor walk tests page through.
inline talentray::request_spec usage() {
    talentray::request_spec spec;
    spec.path = "/api/admin/api-keys/apikey_employer/usage";
    return spec;
}

/// A fresh walk of the usage log, newest first, `limit` rows a page.
inline talentray::detail::cursor_walk newest_first(int limit) {
    return talentray::detail::cursor_walk{usage(), limit, std::nullopt, std::nullopt};
}

/// An offset page of `rows` rows `{"n": first..}` claiming `total_count` rows at `page_size`.
inline talentray::detail::raw_page make_offset_page(std::int64_t page, int page_size, std::int64_t total_count,
                                               std::size_t rows) {
    talentray::detail::raw_page out;
    for (std::size_t i = 0; i < rows; ++i) out.rows.push_back(boost::json::object{{"n", page * page_size + static_cast<std::int64_t>(i)}});
    const std::int64_t pages = total_count <= 0 ? 0 : (total_count + page_size - 1) / page_size;
    out.offset = talentray::offset_pagination{page, page_size, total_count, pages};
    return out;
}

/// A cursor page of `rows` rows `{"id": "usage_<i>", "timestamp": ...}`, one second apart, the
/// oldest at `next_before` (or at 2026-06-01T00:00:00Z); `next_before` set means hasMore.
inline talentray::detail::raw_page make_cursor_page(std::size_t rows, int limit, std::optional<std::string> next_before) {
    talentray::detail::raw_page out;
    const talentray::timestamp oldest = talentray::timestamp::parse(next_before.value_or("2026-06-01T00:00:00Z")).value();
    for (std::size_t i = 0; i < rows; ++i) {
        const talentray::timestamp at{oldest.to_sys_time() + std::chrono::seconds{static_cast<long>(rows - 1 - i)}};
        out.rows.push_back(boost::json::object{{"id", "usage_" + std::to_string(i)}, {"timestamp", at.to_string()}});
    }
    talentray::cursor_pagination pagination;
    pagination.limit = limit;
    pagination.has_more = next_before.has_value();
    if (next_before) pagination.next_before = talentray::timestamp::parse(*next_before).value();
    out.cursor = pagination;
    out.next_before_text = std::move(next_before);
    return out;
}

inline talentray::detail::page_key offset_key(std::int64_t page) {
    talentray::detail::page_key key;
    key.page = page;
    return key;
}

inline talentray::detail::page_key cursor_key(std::optional<std::string> before) {
    talentray::detail::page_key key;
    if (before) key.before_at = talentray::timestamp::parse(*before).value();
    key.before = std::move(before);
    return key;
}

}  // namespace pager_test
