// talentray/pager.hpp — every paged list of the API as an async generator.
//
//   auto pager = tr::pager<tr::candidate>::offset(client, {.path = "/api/v1/candidates"}, 100);
//   for (;;) {
//       std::optional<tr::candidate> candidate = co_await pager.next();  // named first: g++ 12
//       if (!candidate) break;                                            // mishandles co_await in a condition
//       ...
//   }
#pragma once

#include <talentray/error.hpp>
#include <talentray/pager/checkpoint.hpp>
#include <talentray/pager/options.hpp>
#include <talentray/pager/page.hpp>
#include <talentray/request.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace talentray {

class client;

namespace detail {
class page_stream;
struct pager_access;
}  // namespace detail

/// The items of a paged list, one at a time (`next()`) or a page at a time (`next_page()`),
/// fetched with readahead and, for offset lists, a window of parallel page requests, yielded
/// strictly in order.
///
/// `T` is the row type: `candidate`, `role`, `test`, `potential_candidate` (offset lists: the
/// v1 lists and the CV-screening batch members) or `api_key_usage_row` (the cursor-paged usage
/// log) — each row decoded with `decode<T>` — or, for exports that need no model,
/// `boost::json::value` (each row as parsed JSON) and `raw_row` (each row's exact bytes).
///
/// Correctness: pages are checked before their rows are handed out. An offset page must echo
/// the page and page size asked for, and hold exactly the rows its `totalCount` implies; a
/// cursor must move strictly back in time (`errc::pagination_stalled` otherwise, never a loop),
/// and an empty page with `hasMore` true is not the end. A page that fails — after the client's
/// own retries — is returned as an error, never skipped; calling `next()` again requests that
/// page again.
///
/// A list that changes during the walk (offset lists): by default the pager reconciles and goes
/// on. A row present for the whole walk is handed out exactly once; a row added or removed during
/// the walk at most once; no row is ever handed out twice — with inserts and deletes before or
/// after the reading position, at the front, the back or the middle, with a parallel window, and
/// across a checkpoint. It relies on what every sorted listing does (rows that stay keep their
/// relative order) and on each row's `id`; when `createdAt` shows the order (newest first or
/// oldest first) it also recognises every row already passed, otherwise it recognises the last
/// page of rows by id, and a change that moved the walk further than that fails with
/// `errc::list_changed` rather than repeat a row. An unchanging list costs no extra request; a
/// changing one costs overlapping reads and, after deletes, steps back, all counted in `stats()`.
/// One limit no offset walk can avoid without paying on every page: before the first change it
/// sees (a different `totalCount`, or a page that does not start where the last one ended), it
/// trusts positions, so equal numbers of deletes before its position and inserts after it
/// between two page reads can skip as many rows. From the first change on, every page boundary
/// is checked. See README, "Lists that change". With `pager_options::strict`, the first page
/// whose `totalCount` differs fails once with `errc::list_changed` instead (calling `next()`
/// again accepts the new total and continues, rows may then have moved across the boundary).
/// Cursor lists (the usage log, newest first) only grow at the front, behind the walk; but
/// several rows share a timestamp (servers stamp whole seconds), so the pager asks each page from
/// one second after the oldest row handed out and drops the rows it already handed out: a page
/// boundary inside a second loses nothing, and rows written during the walk are handed out at
/// most once, also across a checkpoint. A second with more rows than a page holds is asked for
/// again with twice the limit, up to 500; 500 rows or more in one second fail with
/// `errc::tie_wider_than_page` once the rows before them are handed out.
///
/// Memory: at most the page being read plus the window's pages ahead are held, whatever the
/// list's length (see `pager_options`); `stats()` reports the rows held and their peak.
///
/// Cancellation: leaving early cancels what is in flight — when `max_items` is reached, when
/// `cancel()` is called, when the pager is destroyed, and when a pending `next()` /
/// `next_page()` is cancelled (terminal cancellation through its cancellation slot, e.g.
/// `asio::experimental::awaitable_operators`); that call then fails with
/// `asio::error::operation_aborted`, and the pager stays usable: the next call requests the
/// cancelled pages again. Cancelled requests stop at once (queued, connecting, sending or
/// reading), so no work of the pager is left on the executor soon after.
///
/// Thread safety: a pager is used by one coroutine at a time. A second `next()` while one is
/// pending fails with `errc::concurrent_next` (the pending one is not disturbed). The page
/// requests run on the executor of the coroutine that calls `next()`; with a multi-threaded
/// io_context, call from a strand.
///
/// Lifetime: the pager refers to the client's shared internals and may outlive the `client`
/// object. It must not be destroyed or moved while a `next()` is pending; destroying it
/// between calls is always safe, in-flight requests included. Like any Asio I/O object, it must
/// be destroyed before its io_context; a pager living in a coroutine frame is torn down with
/// that frame when the io_context is destroyed mid-walk.
template <class T>
class pager {
public:
    /// An offset-paged list: `base` is the list's request (path and filters; GET) to which the
    /// pager adds `page` and `pageSize` for every page. `base.query` may carry the paging
    /// parameters made by the `*_params::to_query()` functions: `page` sets the first page to
    /// read (default 0) and `pageSize`, if present, must equal `page_size`.
    ///
    /// Sends nothing yet. Throws `talentray::error` (`errc::invalid_argument`) when `page_size`
    /// is not 1..100, the method is not GET, the path is empty, a paging parameter is malformed
    /// or an option is out of range.
    static pager offset(const client& api, request_spec base, int page_size, pager_options options = {});

    /// The cursor-paged usage log: the pager adds `limit` and, after the first page, `before`:
    /// one second after the previous page's oldest row (never later than the `before` it started
    /// from), or, after an empty page, its `nextBefore` as the server wrote it. Each row must
    /// carry a string `id` and a `timestamp`. `base.query` may carry
    /// `before` (where to start; it must be a timestamp) and `limit`, which must equal `limit`.
    ///
    /// Sends nothing yet. Throws `talentray::error` (`errc::invalid_argument`) as `offset` does,
    /// with `limit` 1..500.
    static pager cursor(const client& api, request_spec base, int limit, pager_options options = {});

    /// A pager that continues exactly where the one that produced `checkpoint` stood. A
    /// checkpoint marked `done` gives a pager that yields nothing and sends nothing.
    /// Throws `talentray::error` (`errc::invalid_argument`) for an invalid checkpoint or option.
    static pager from_checkpoint(const client& api, const pager_checkpoint& checkpoint, pager_options options = {});
    /// As above, from the text form (`pager_checkpoint::to_string()`).
    static pager from_checkpoint(const client& api, std::string_view checkpoint, pager_options options = {});

    pager(pager&&) noexcept;
    pager& operator=(pager&&) noexcept;
    /// Cancels the page requests in flight (see Cancellation).
    ~pager();

    /// The next item, or an empty optional at the end of the list (or after `max_items`).
    /// Fetches pages as needed and keeps the readahead going.
    /// Throws `talentray::error`: the page request failed (its code and diagnostics), the page
    /// or the row does not have the documented shape (`errc::invalid_response`, naming the page
    /// and the row), the list changed (see above), the cursor stalled
    /// (`errc::pagination_stalled`), more rows share one second of a cursor list than a page
    /// holds (`errc::tie_wider_than_page`), `errc::concurrent_next`; `boost::system::system_error`
    /// with `asio::error::operation_aborted` when cancelled. A row that fails to decode is
    /// consumed: the next call continues after it.
    boost::asio::awaitable<std::optional<T>> next();

    /// As `next()`, without exceptions: every failure above is the error half.
    boost::asio::awaitable<result<std::optional<T>>> try_next();

    /// The rest of the current page, or the next page: the items not yet handed out, in order,
    /// with the page's metadata; an empty optional at the end. Pages without rows are skipped.
    /// With `max_items`, the last page is cut short. If a row fails to decode, the page stops
    /// before it and the next call reports it. Throws as `next()`.
    boost::asio::awaitable<std::optional<page<T>>> next_page();

    /// As `next_page()`, without exceptions.
    boost::asio::awaitable<result<std::optional<page<T>>>> try_next_page();

    /// Offset lists: `totalCount` / `totalPages` as soon as a page has arrived; empty before,
    /// and always for cursor lists.
    std::optional<std::int64_t> total_count() const noexcept;
    std::optional<std::int64_t> total_pages() const noexcept;

    /// The page the last item came from; null before the first one.
    const page_info* current_page() const noexcept;

    /// Where the pager stands, row-exact: the items handed out so far are behind it.
    /// Throws only `std::bad_alloc`.
    pager_checkpoint checkpoint() const;

    /// Cancels the page requests in flight and drops nothing else: the next call requests them
    /// again. For a caller that stops reading for a while. Never throws.
    void cancel() noexcept;

    /// Counters of requests, pages, items and buffered rows. Never throws.
    pager_stats stats() const noexcept;

private:
    friend struct detail::pager_access;
    explicit pager(std::unique_ptr<detail::page_stream> stream) noexcept;

    std::unique_ptr<detail::page_stream> stream_;
};

}  // namespace talentray
