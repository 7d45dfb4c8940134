// talentray/model/pagination.hpp — the envelopes of paged and complete lists.
#pragma once

#include <talentray/model/json.hpp>
#include <talentray/model/timestamp.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace talentray {

/// `pagination` of an offset-paged list (`OffsetPagination`). Pages are 0-indexed.
struct offset_pagination {
    std::int64_t page = 0;
    int page_size = 0;
    std::int64_t total_count = 0;
    std::int64_t total_pages = 0;  ///< ceil(total_count / page_size); 0 for an empty list

    friend bool operator==(const offset_pagination&, const offset_pagination&) = default;
};

/// `pagination` of the API-key usage log (`CursorPagination`), newest rows first.
struct cursor_pagination {
    int limit = 0;
    bool has_more = false;
    /// Send as `before` to get the next page; absent when the server sends `null` or omits it
    /// (which it does, or may do, when `has_more` is false).
    std::optional<timestamp> next_before;

    friend bool operator==(const cursor_pagination&, const cursor_pagination&) = default;
};

/// One page of an offset-paged list: `{"data": [...], "pagination": {...}}`.
template <class T>
struct offset_page {
    std::vector<T> data;
    offset_pagination pagination;

    friend bool operator==(const offset_page&, const offset_page&) = default;
};

/// A complete, unpaginated list: `{"data": [...]}` with no `pagination` key (pipeline steps).
template <class T>
struct full_list {
    std::vector<T> data;

    friend bool operator==(const full_list&, const full_list&) = default;
};

/// JSON of the pagination objects.
boost::json::value encode(const offset_pagination& pagination);
boost::json::value encode(const cursor_pagination& pagination);

/// JSON of an envelope. Instantiated (with `decode`) for `offset_page` of `candidate`, `role`,
/// `test` and `potential_candidate`, and `full_list` of `candidate_step` and `role_step`.
template <class T>
boost::json::value encode(const offset_page<T>& page);
template <class T>
boost::json::value encode(const full_list<T>& list);

}  // namespace talentray
