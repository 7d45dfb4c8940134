// talentray/pager/page.hpp — one page handed out by a pager, and the raw row type.
#pragma once

#include <talentray/model/pagination.hpp>
#include <talentray/pager/options.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace talentray {

/// What is known about a page besides its rows.
struct page_info {
    pagination_style style = pagination_style::offset;
    std::int64_t sequence = 0;   ///< 0 for the first page this pager opened, then 1, 2, ...
    std::size_t row_count = 0;   ///< rows on the page as received
    /// Index on the page of the first item handed out with it: non-zero when a `next()` or a
    /// checkpoint had already consumed the rows before it.
    std::size_t first_row = 0;
    std::optional<offset_pagination> offset;  ///< offset lists: the page's `pagination`
    std::optional<cursor_pagination> cursor;  ///< cursor lists: the page's `pagination`
    /// Cursor lists: the `before` the page was requested with, as sent; empty for the newest page.
    std::optional<std::string> before;
    /// The response's fields beside the rows and the pagination: a CV-screening batch's
    /// `batchId`, `status` and counts; the usage log's `key`. Empty for plain lists.
    boost::json::object envelope;
};

/// A page of items (`pager<T>::next_page()`).
template <class T>
struct page {
    std::vector<T> items;
    page_info info;
};

/// One row exactly as the server serialised it, byte for byte (`pager<raw_row>`), for exports
/// that copy rows straight out without building models or re-serialising JSON.
struct raw_row {
    std::string json;

    friend bool operator==(const raw_row&, const raw_row&) = default;
};

}  // namespace talentray
