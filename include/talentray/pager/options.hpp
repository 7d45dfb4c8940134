// talentray/pager/options.hpp — how a pager reads ahead, and what it reports about itself.
#pragma once

#include <talentray/scheduler/options.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace talentray {

/// The two ways the API pages a list (contract §4.3).
enum class pagination_style {
    offset,  ///< `page` (0-indexed) + `pageSize`; `{data, pagination{page, pageSize, totalCount, totalPages}}`
    cursor,  ///< `limit` + `before`; `{success, data{rows, pagination{limit, hasMore, nextBefore}}}`
};

/// How a pager fetches its pages.
///
/// Memory: a pager holds the page being consumed plus at most `pages_ahead` further pages
/// (received or in flight): `max(readahead, window)` for an offset list whose `totalPages` is
/// known, `readahead` otherwise, and 0 when `readahead` is 0 (while the reader waits for its
/// next page, that one page is always allowed). So buffered rows never exceed
/// `(1 + max(readahead, window)) * page size`, whatever the length of the list.
struct pager_options {
    /// Pages requested beyond the one being consumed, 0..64. With the default 1, page k+1 is in
    /// flight while the caller works on page k; 0 requests each page only when it is reached.
    int readahead = 1;

    /// Offset lists, once `totalPages` is known (after the first page): how many pages may be in
    /// flight at once, 1..64 (with `readahead` 0, pages are fetched on demand, one at a time). Pages are still yielded strictly in order. Cursor lists are
    /// sequential by nature and ignore it. The key's rate budget keeps the parallel requests
    /// within its limit.
    int window = 4;

    /// Stop after handing out this many items (the pager then reports the end and cancels what
    /// it has in flight); empty: the whole list. At least 0.
    std::optional<std::int64_t> max_items;

    /// Offset lists that change during the walk. false (the default): the walk reconciles and
    /// goes on — a row present for the whole walk is handed out exactly once, a row added or
    /// removed during it at most once, never a row twice (see pager<T>, "A list that changes").
    /// true: the first page whose `totalCount` differs fails with `errc::list_changed`, for a
    /// caller who wants a consistent snapshot or nothing.
    bool strict = false;

    /// Offset lists: every read overlaps a row the walk has already passed, from the first page
    /// on, instead of only after the first change the walk sees. false (the default): while the
    /// list looks unchanged, positions are trusted, at no extra request; if between two reads as
    /// many rows are deleted before the walk's position as are inserted after it, `totalCount`
    /// does not move and as many rows can be skipped. true: that case too hands out every row
    /// present for the whole walk exactly once, for a few percent more requests on every list
    /// (each read holds one row already passed, and read sizes vary to make that possible; see
    /// bench/RESULTS.md). Cannot be combined with `strict`.
    bool overlap_reads = false;

    /// Admission class of the page requests: bulk by default, so that an export never starves
    /// the interactive calls of the same key.
    talentray::priority priority = talentray::priority::bulk;
};

/// Checks every field of `options`.
/// Throws `talentray::error` with `errc::invalid_argument`, naming the first bad field and value.
void validate(const pager_options& options);

/// What a pager has done so far (`pager<T>::stats()`).
struct pager_stats {
    std::uint64_t requests = 0;      ///< page requests started (the client may retry each one)
    std::uint64_t failed_requests = 0;  ///< page requests that ended in an error returned by next()
    std::uint64_t pages = 0;         ///< pages opened (handed out in order)
    std::uint64_t items = 0;         ///< items handed out
    std::size_t in_flight = 0;       ///< page requests running now, cancelled ones included
    std::size_t peak_in_flight = 0;
    std::size_t buffered_rows = 0;   ///< rows held now: the page being consumed and pages received ahead
    std::size_t peak_buffered_rows = 0;

    // Offset lists that changed during the walk (all 0 for an unchanging list, and in strict mode).
    std::uint64_t rows_added = 0;      ///< growth of totalCount seen between consecutive pages
    std::uint64_t rows_removed = 0;    ///< shrinkage of totalCount seen between consecutive pages
    std::uint64_t rows_repeated = 0;   ///< rows received again (moved, or overlapping reads) and not handed out
    std::uint64_t reconcile_requests = 0;  ///< page requests whose rows were dropped to reconcile
    std::uint64_t reconcile_passes = 0;    ///< times the walk stepped back over rows it had passed
    std::uint64_t unverified_boundaries = 0;  ///< boundaries no overlapping read could check (rare, see README)
};

}  // namespace talentray
