// The style-specific half of a list walk: which page to ask for next, and whether a page that
// arrived may be handed out. Pure logic: no I/O, no clock.
#pragma once

#include "pager/offset_reconcile.hpp"
#include "pager/raw_page.hpp"

#include <talentray/error.hpp>
#include <talentray/pager/checkpoint.hpp>
#include <talentray/request.hpp>

#include <cstdint>
#include <optional>

namespace talentray::detail {

/// What to do with the page that comes next in order.
enum class open_action {
    accept,   ///< hand its rows out
    report,   ///< return the error once and keep the page: the next call accepts it
    refetch,  ///< return the error and drop the page: the next call requests it again
    replan,   ///< drop the page and every page started after it, silently, and plan again
};

struct open_verdict {
    open_action action = open_action::accept;
    error_info error;
    std::size_t skip = 0;  ///< accept: rows at the front of the page not to hand out (seen already)
    bool replan = false;   ///< accept: the pages started after this one are void; plan again
};

/// The rules of one pagination style. The stream (page_stream) owns the window of requests and
/// calls these in a fixed protocol: `next_request` / `on_requested` to start pages,
/// `on_arrival` once per page that arrived (in any order), `open` for the page next in order.
class page_walk {
public:
    virtual ~page_walk() = default;

    virtual pagination_style style() const noexcept = 0;

    /// The list's request without paging parameters.
    virtual const request_spec& base() const noexcept = 0;

    /// Rows per page asked for: `pageSize` or `limit`.
    virtual int page_size() const noexcept = 0;

    /// The request for `key`: the base request plus the paging parameters.
    virtual request_spec request_for(const page_key& key) const = 0;

    /// The next page to request, or nothing: wait for an arrival, or no page is left.
    virtual std::optional<page_key> next_request() const = 0;
    /// `next_request()` was started.
    virtual void on_requested(const page_key& key) = 0;
    /// A page of a request arrived, successfully parsed.
    virtual void on_arrival(const page_key& key, const raw_page& page) = 0;

    /// Whether several pages may be requested at once.
    virtual bool parallel() const noexcept = 0;
    /// Whether a requested page is still part of the walk (a list may have shrunk). The first
    /// page is always wanted, so that its check runs.
    virtual bool wanted(const page_key& key) const noexcept = 0;

    /// Checks the page next in order before its rows are handed out.
    virtual open_verdict open(const page_key& key, const raw_page& page) = 0;

    /// Removes from a page that `open` accepted the rows the walk has already handed out (a
    /// cursor page asked again from inside one timestamp). Returns how many it removed.
    virtual std::size_t drop_delivered(const page_key&, raw_page&) { return 0; }

    /// Why no page is left, when that is an error (a cursor that stopped advancing).
    virtual std::optional<error_info> stalled() const = 0;

    /// Offset lists: the list's size as last adopted; empty before the first page and for cursors.
    virtual std::optional<std::int64_t> total_count() const noexcept = 0;
    virtual std::optional<std::int64_t> total_pages() const noexcept = 0;

    /// The checkpoint of a reader `position` rows into `opened` (the page last opened), or, with
    /// no page opened yet, `position` rows into the first page.
    virtual pager_checkpoint checkpoint(const opened_page* opened, std::int64_t position) const = 0;

    /// What reconciling a changing list has seen and cost (offset lists not in strict mode).
    virtual reconcile_counts reconciliation() const { return {}; }
};

/// An error of the walk itself, with the request it concerns: `GET <path>`.
error_info walk_error(errc code, const request_spec& base, std::string message);

}  // namespace talentray::detail
