// One page as the pager handles it internally: rows still JSON, plus what the walk checks.
#pragma once

#include <talentray/model/pagination.hpp>
#include <talentray/model/timestamp.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace talentray::detail {

/// How rows are kept until they are handed out.
enum class row_format {
    json,   ///< parsed JSON on the heap, moved out to the caller as it is (`pager<json::value>`)
    model,  ///< parsed JSON in one arena per page, decoded (copied) into models as they are handed out
    text,   ///< each row's exact bytes (`pager<raw_row>`)
};

/// What an offset walk needs of a row to reconcile a changing list: its id and, when it has one,
/// `createdAt` (see offset_reconcile.hpp).
struct row_key {
    std::string id;
    std::optional<timestamp> created_at;

    friend bool operator==(const row_key&, const row_key&) = default;
};

/// A received page, parsed but not decoded into models.
struct raw_page {
    boost::json::array rows;              ///< the rows (row_format::json and ::model)
    std::vector<std::string> row_texts;   ///< each row's exact bytes (row_format::text only)
    std::optional<offset_pagination> offset;
    std::vector<row_key> keys;                    ///< offset: each row's key, whatever the format
    std::optional<cursor_pagination> cursor;
    std::optional<std::string> next_before_text;  ///< cursor: `nextBefore` exactly as written
    boost::json::object envelope;         ///< fields beside the rows and the pagination (on the heap)

    std::size_t row_count() const noexcept { return rows.empty() ? row_texts.size() : rows.size(); }
};

/// Which page a request asks for.
struct page_key {
    std::int64_t page = 0;               ///< offset lists
    int page_size = 0;                   ///< offset lists: rows asked for; 0: the walk's page size
    std::optional<std::string> before;   ///< cursor lists: `before` as sent; empty: the newest page
    std::optional<timestamp> before_at;  ///< cursor lists: `before` parsed, for ordering checks
    int limit = 0;                       ///< cursor lists: `limit` when wider than the walk's own (0: that)

    friend bool operator==(const page_key&, const page_key&) = default;
};

/// What the walk remembers of the page being consumed once its rows are gone.
struct opened_page {
    page_key key;
    std::size_t row_count = 0;
    std::optional<offset_pagination> offset;
    std::optional<cursor_pagination> cursor;
    std::optional<std::string> next_before_text;
};

}  // namespace talentray::detail
