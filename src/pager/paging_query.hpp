// The requests of a list walk: the caller's base request, and the paging parameters added to it.
#pragma once

#include <talentray/error.hpp>
#include <talentray/model/timestamp.hpp>
#include <talentray/pager/options.hpp>
#include <talentray/request.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace talentray::detail {

/// An offset list's base request without its paging parameters, and where the walk starts.
struct offset_base {
    request_spec base;
    std::int64_t first_page = 0;
};

/// Checks an offset list's base request and takes `page` (the first page to read) and
/// `pageSize` (which must equal `page_size`) out of its query. Returns `errc::invalid_argument`
/// naming the problem: `page_size` not 1..100, a method other than GET, a path not starting
/// with `/`, a paging parameter given twice or malformed. Throws only `std::bad_alloc`.
result<offset_base> prepare_offset_base(request_spec base, int page_size);

/// A cursor list's base request without its paging parameters, and the cursor it starts at.
struct cursor_base {
    request_spec base;
    std::optional<std::string> first_before;   ///< as given; empty: the newest page
    std::optional<timestamp> first_before_at;
};

/// As `prepare_offset_base` for the usage log: `limit` 1..500; `before` (a timestamp) is the
/// first cursor and `limit`, if present, must equal `limit`.
result<cursor_base> prepare_cursor_base(request_spec base, int limit);

/// `base` with `page` and `pageSize` appended.
request_spec offset_page_request(const request_spec& base, std::int64_t page, int page_size);

/// `base` with `limit` appended, and `before` when there is one.
request_spec cursor_page_request(const request_spec& base, int limit, const std::optional<std::string>& before);

/// Whether `name` is one of the parameters the pager itself sets for `style`.
bool is_paging_parameter(pagination_style style, std::string_view name) noexcept;

/// The largest page size of each style (100 for `pageSize`, 500 for `limit`).
int max_page_size_of(pagination_style style) noexcept;

}  // namespace talentray::detail
