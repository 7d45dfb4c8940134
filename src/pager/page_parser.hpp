// Turning a page's response body into rows and pagination (no I/O).
#pragma once

#include "pager/raw_page.hpp"

#include <talentray/error.hpp>

#include <string_view>

namespace talentray::detail {

/// Parses an offset-list page: `{"data": [...], "pagination": {...}}`, other fields (a
/// CV-screening batch's) kept in `envelope`. With `row_format::text`, each row's exact bytes
/// are kept instead of the parsed rows; with `row_format::model`, the rows live in an arena
/// shared by the page's rows (decode them, do not hand them out).
///
/// Returns the page, or `errc::invalid_response` naming what is wrong (not JSON, `data` not an
/// array, `pagination` missing or malformed). Page-to-page consistency is checked later, by
/// the walk. Throws only `std::bad_alloc`.
result<raw_page> parse_offset_page(std::string_view body, row_format format);

/// Parses a usage-log page: `{"success": true, "data": {"rows": [...], "pagination": {...}}}`,
/// the other fields of `data` (the `key`) kept in `envelope`. Errors as `parse_offset_page`,
/// plus `success` not true.
result<raw_page> parse_cursor_page(std::string_view body, row_format format);

}  // namespace talentray::detail
