#include "pager/cursor_walk.hpp"

#include "pager/paging_query.hpp"

#include <utility>

namespace talentray::detail {

std::optional<std::string> cursor_stall_reason(const page_key& key, const cursor_pagination& pagination,
                                               const std::optional<std::string>& next_before_text) {
    if (!pagination.next_before || !next_before_text)
        return "hasMore is true but nextBefore is missing, so the next page cannot be asked for";
    if (key.before_at && *pagination.next_before >= *key.before_at)
        return "nextBefore " + *next_before_text + " is not older than the page's own before " + *key.before +
               "; following it would repeat rows or loop forever";
    return std::nullopt;
}

cursor_walk::cursor_walk(request_spec base, int limit, std::optional<std::string> first_before,
                         std::optional<timestamp> first_before_at)
    : base_(std::move(base)), limit_(limit), first_before_(first_before) {
    next_.before = std::move(first_before);
    next_.before_at = first_before_at;
}

request_spec cursor_walk::request_for(const page_key& key) const {
    return cursor_page_request(base_, limit_, key.before);
}

std::optional<page_key> cursor_walk::next_request() const {
    if (waiting_ || done_ || stalled_) return std::nullopt;
    return next_;
}

void cursor_walk::on_requested(const page_key& key) {
    requested_ = key;
    waiting_ = true;
}

void cursor_walk::on_arrival(const page_key& key, const raw_page& page) {
    if (!waiting_ || key != requested_ || !page.cursor) return;
    waiting_ = false;
    if (!page.cursor->has_more) {
        done_ = true;
        return;
    }
    if (auto reason = cursor_stall_reason(key, *page.cursor, page.next_before_text)) {
        stalled_ = walk_error(errc::pagination_stalled, base_, std::move(*reason));
        return;
    }
    next_.before = page.next_before_text;
    next_.before_at = page.cursor->next_before;
}

open_verdict cursor_walk::open(const page_key& key, const raw_page& page) {
    if (page.row_count() > static_cast<std::size_t>(limit_))
        return {open_action::refetch,
                walk_error(errc::invalid_response, base_,
                           "the page before " + key.before.value_or("(newest)") + " holds " +
                               std::to_string(page.row_count()) + " rows, more than limit " + std::to_string(limit_))};
    return {};
}

pager_checkpoint cursor_walk::checkpoint(const opened_page* opened, std::int64_t position) const {
    pager_checkpoint out;
    out.style = pagination_style::cursor;
    out.path = base_.path;
    out.filters = base_.query;
    out.page_size = limit_;
    out.skip = position;
    if (opened == nullptr) {
        out.before = first_before_;
        return out;
    }
    out.before = opened->key.before;
    if (position < static_cast<std::int64_t>(opened->row_count)) return out;
    if (!opened->cursor->has_more) {
        out.done = true;
    } else if (!cursor_stall_reason(opened->key, *opened->cursor, opened->next_before_text)) {
        out.before = opened->next_before_text;
        out.skip = 0;
    }
    // A stalled page stays the position: a pager resumed from it stalls again instead of guessing.
    return out;
}

}  // namespace talentray::detail
