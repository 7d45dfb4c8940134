// The walk of the cursor-paged usage log: newest page first, then on from the oldest row handed out.
#pragma once

#include "pager/cursor_boundary.hpp"
#include "pager/page_walk.hpp"

#include <deque>
#include <utility>

namespace talentray::detail {

/// One request at a time, since each cursor comes from the page before it. A page with
/// `hasMore` false ends the walk; an empty page with `hasMore` true does not, and is followed by
/// its `nextBefore`. A page with rows is followed from its oldest row's timestamp plus
/// `ask_again_margin` (a second, or a millisecond when the server writes fractions; see
/// cursor_boundary.hpp), so that rows sharing that timestamp beyond the page are not lost; the
/// rows handed out already are dropped when the next page is opened.
///
/// A page asked again from a boundary that holds no row older than it (the boundary's timestamp
/// has more rows than fit beside it) is asked for again with twice the limit, up to the API's
/// largest (500); later pages keep the wider limit.
///
/// Stops, once the page at fault has been handed out:
/// - with `errc::pagination_stalled` when `nextBefore` is missing while `hasMore` is true, or is
///   not strictly older than the page's own `before` (following it could loop or repeat rows);
/// - with `errc::tie_wider_than_page` when even a page of 500 holds no row older than the
///   boundary: the rest of that timestamp's rows cannot be asked for.
class cursor_walk final : public page_walk {
public:
    /// `base` without paging parameters; `first_before` empty: start with the newest rows.
    /// `handed_out`: where a walk resumed from a checkpoint stood (none: nothing handed out).
    cursor_walk(request_spec base, int limit, std::optional<std::string> first_before,
                std::optional<timestamp> first_before_at, std::optional<cursor_boundary> handed_out = std::nullopt);

    pagination_style style() const noexcept override { return pagination_style::cursor; }
    const request_spec& base() const noexcept override { return base_; }
    int page_size() const noexcept override { return limit_; }
    request_spec request_for(const page_key& key) const override;
    std::optional<page_key> next_request() const override;
    void on_requested(const page_key& key) override;
    void on_arrival(const page_key& key, const raw_page& page) override;
    bool parallel() const noexcept override { return false; }
    bool wanted(const page_key&) const noexcept override { return true; }
    open_verdict open(const page_key& key, const raw_page& page) override;
    std::size_t drop_delivered(const page_key& key, raw_page& page) override;
    std::optional<error_info> stalled() const override { return stalled_; }
    std::optional<std::int64_t> total_count() const noexcept override { return std::nullopt; }
    std::optional<std::int64_t> total_pages() const noexcept override { return std::nullopt; }
    pager_checkpoint checkpoint(const opened_page* opened, std::int64_t position) const override;

private:
    /// A page requested and not yet opened, with the boundary its rows are checked against.
    struct pending_page {
        page_key key;
        std::optional<cursor_boundary> boundary;
    };

    int limit_of(const page_key& key) const noexcept;
    void follow(const page_key& key, const raw_page& page, const std::vector<row_mark>& marks,
                const std::optional<cursor_boundary>& boundary);

    request_spec base_;
    int limit_;
    std::optional<std::string> first_before_;
    std::optional<cursor_boundary> first_boundary_;
    page_key next_;                                // the cursor to request next
    std::optional<cursor_boundary> next_boundary_;  // what is handed out once the pages before it are
    page_key requested_;                           // the cursor requested last
    std::deque<pending_page> pending_;             // requested, not yet opened, in order
    // The page last opened: its rows left after dropping, the boundary before it, the rows it came with.
    std::vector<row_mark> opened_rows_;
    std::optional<cursor_boundary> opened_boundary_;
    std::size_t opened_served_rows_ = 0;
    timestamp::duration opened_margin_{};
    bool waiting_ = false;  // a request is out; its page brings the next cursor
    bool done_ = false;     // a page said hasMore: false
    std::optional<error_info> stalled_;
};

/// Whether the page `opened` leads on: `hasMore` with a `nextBefore` strictly older than the
/// page's own `before`. Empty when it does; otherwise why not (the stall message).
std::optional<std::string> cursor_stall_reason(const page_key& key, const cursor_pagination& pagination,
                                               const std::optional<std::string>& next_before_text);

}  // namespace talentray::detail
