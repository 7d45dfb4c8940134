// The walk of the cursor-paged usage log: newest page first, then `before = nextBefore`.
#pragma once

#include "pager/page_walk.hpp"

namespace talentray::detail {

/// One request at a time, since each cursor comes from the page before it. A page with
/// `hasMore` false ends the walk; an empty page with `hasMore` true does not. A `nextBefore`
/// that is missing while `hasMore` is true, or that is not strictly older than the page's own
/// `before`, stops the walk with `errc::pagination_stalled` once that page has been handed out:
/// following it could loop forever or repeat rows.
class cursor_walk final : public page_walk {
public:
    /// `base` without paging parameters; `first_before` empty: start with the newest rows.
    cursor_walk(request_spec base, int limit, std::optional<std::string> first_before,
                std::optional<timestamp> first_before_at);

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
    std::optional<error_info> stalled() const override { return stalled_; }
    std::optional<std::int64_t> total_count() const noexcept override { return std::nullopt; }
    std::optional<std::int64_t> total_pages() const noexcept override { return std::nullopt; }
    pager_checkpoint checkpoint(const opened_page* opened, std::int64_t position) const override;

private:
    request_spec base_;
    int limit_;
    std::optional<std::string> first_before_;
    page_key next_;       // the cursor to request next
    page_key requested_;  // the cursor requested last
    bool waiting_ = false;  // a request is out; its page brings the next cursor
    bool done_ = false;     // a page said hasMore: false
    std::optional<error_info> stalled_;
};

/// Whether the page `opened` leads on: `hasMore` with a `nextBefore` strictly older than the
/// page's own `before`. Empty when it does; otherwise why not (the stall message).
std::optional<std::string> cursor_stall_reason(const page_key& key, const cursor_pagination& pagination,
                                               const std::optional<std::string>& next_before_text);

}  // namespace talentray::detail
