#include "pager/offset_walk.hpp"

#include "pager/paging_query.hpp"

#include <algorithm>
#include <utility>

namespace talentray::detail {
namespace {

std::string_view order_name(row_order order) {
    switch (order) {
    case row_order::newest_first: return "newest-first";
    case row_order::oldest_first: return "oldest-first";
    case row_order::unordered: return "unordered";
    case row_order::unknown: break;
    }
    return "";
}

}  // namespace

reconcile_state state_of(const reconcile_memory& memory) {
    reconcile_state out;
    if (memory.last) {
        out.after_id = memory.last->id;
        if (memory.last->created_at) out.after_created_at = memory.last->created_at->to_string();
    }
    out.position = memory.last_position;
    out.order = order_name(memory.order);
    out.live = memory.live;
    out.recent_ids.assign(memory.recent_ids.begin(), memory.recent_ids.end());
    out.handed_out = memory.handed_out;
    return out;
}

reconcile_memory memory_of(const reconcile_state& state, std::optional<std::int64_t> total_count) {
    reconcile_memory out;
    if (state.after_id) {
        row_key last{*state.after_id, {}};
        if (state.after_created_at)
            if (auto at = timestamp::parse(*state.after_created_at)) last.created_at = *at;
        out.last = std::move(last);
    }
    out.last_position = state.position;
    for (const row_order order : {row_order::newest_first, row_order::oldest_first, row_order::unordered})
        if (state.order == order_name(order)) out.order = order;
    out.live = state.live;
    out.recent_ids.assign(state.recent_ids.begin(), state.recent_ids.end());
    out.handed_out = state.handed_out;
    out.total_count = total_count;
    return out;
}

std::int64_t pages_for(std::int64_t total_count, int page_size) noexcept {
    if (total_count <= 0) return 0;
    return total_count / page_size + (total_count % page_size != 0 ? 1 : 0);
}

offset_walk::offset_walk(request_spec base, int page_size, std::int64_t first_page,
                         std::optional<std::int64_t> expected_total_count)
    : base_(std::move(base)),
      page_size_(page_size),
      first_page_(first_page),
      next_request_(first_page),
      next_open_(first_page),
      recorded_total_(expected_total_count) {}

offset_walk::offset_walk(request_spec base, int page_size, std::int64_t first_page, reconcile_memory memory,
                         std::size_t resume_skip)
    : offset_walk(std::move(base), page_size, first_page, memory.total_count) {
    reconciler_.emplace(page_size, first_page, std::move(memory), resume_skip);
}

request_spec offset_walk::request_for(const page_key& key) const {
    return offset_page_request(base_, key.page, size_of(key));
}

std::optional<page_key> offset_walk::next_request() const {
    if (reconciler_) {
        const std::optional<offset_read> read = reconciler_->next_read();
        if (!read) return std::nullopt;
        page_key key;
        key.page = read->page;
        key.page_size = read->page_size == page_size_ ? 0 : read->page_size;
        return key;
    }
    // Until a page tells the list's size, only the first page is asked for: an empty list
    // then costs exactly one request.
    if (!total_pages_) {
        if (next_request_ != next_open_) return std::nullopt;
    } else if (next_request_ >= *total_pages_) {
        return std::nullopt;
    }
    page_key key;
    key.page = next_request_;
    return key;
}

void offset_walk::on_requested(const page_key& key) {
    if (reconciler_) reconciler_->on_started({key.page, size_of(key)});
    else next_request_ = std::max(next_request_, key.page + 1);
}

void offset_walk::on_arrival(const page_key&, const raw_page& page) {
    if (total_pages_ || !page.offset) return;
    total_count_ = page.offset->total_count;
    total_pages_ = pages_for(page.offset->total_count, page_size_);
}

bool offset_walk::wanted(const page_key& key) const noexcept {
    if (reconciler_) return reconciler_->planned({key.page, size_of(key)});
    // The first page is always opened, even past the end, so that a resumed walk checks its count.
    return !total_pages_ || key.page < *total_pages_ || (!opened_any_ && key.page == next_open_);
}

open_verdict offset_walk::refetch(std::string message) const {
    return {open_action::refetch, walk_error(errc::invalid_response, base_, std::move(message))};
}

void offset_walk::adopt(const offset_pagination& pagination, std::int64_t opening) {
    total_count_ = pagination.total_count;
    total_pages_ = pages_for(pagination.total_count, page_size_);
    // Pages beyond a shrunken list are no longer requested (and `wanted` drops those in flight).
    next_request_ = std::min(next_request_, std::max(*total_pages_, opening + 1));
}

open_verdict offset_walk::open(const page_key& key, const raw_page& page) {
    const offset_pagination& p = *page.offset;
    const int size = size_of(key);
    const std::string where = "page " + std::to_string(key.page) + ": ";
    if (p.page != key.page)
        return refetch(where + "the server answered page " + std::to_string(p.page));
    if (p.page_size != size)
        return refetch(where + "asked for pageSize " + std::to_string(size) + ", the server used " +
                       std::to_string(p.page_size));
    if (p.total_count < 0 || p.total_pages != pages_for(p.total_count, size))
        return refetch(where + "totalPages " + std::to_string(p.total_pages) + " does not match totalCount " +
                       std::to_string(p.total_count) + " at pageSize " + std::to_string(size));
    if (reconciler_) return reconcile(key, page);

    if (recorded_total_ && p.total_count != *recorded_total_ && reported_total_ != p.total_count) {
        reported_total_ = p.total_count;
        return {open_action::report,
                walk_error(errc::list_changed, base_,
                           where + "list changed during pagination: totalCount was " +
                               std::to_string(*recorded_total_) + ", now " + std::to_string(p.total_count) +
                               "; rows may have moved between pages. Call again to continue with the new count, "
                               "or restart for a consistent copy")};
    }
    if (total_count_ != p.total_count) adopt(p, key.page);

    const std::int64_t pages = *total_pages_;
    const std::int64_t expected_rows =
        key.page >= pages ? 0 : std::min<std::int64_t>(page_size_, p.total_count - key.page * page_size_);
    if (static_cast<std::int64_t>(page.row_count()) != expected_rows)
        return refetch(where + "holds " + std::to_string(page.row_count()) + " rows, but totalCount " +
                       std::to_string(p.total_count) + " at pageSize " + std::to_string(page_size_) + " implies " +
                       std::to_string(expected_rows));

    recorded_total_ = p.total_count;
    reported_total_.reset();
    opened_any_ = true;
    next_open_ = key.page + 1;
    return {};
}

open_verdict offset_walk::reconcile(const page_key& key, const raw_page& page) {
    const offset_pagination& p = *page.offset;
    const int size = size_of(key);
    const std::int64_t first_row = key.page * size;
    const std::int64_t expected_rows = std::clamp<std::int64_t>(p.total_count - first_row, 0, size);
    if (static_cast<std::int64_t>(page.row_count()) != expected_rows || page.keys.size() != page.row_count())
        return refetch("page " + std::to_string(key.page) + ": holds " + std::to_string(page.row_count()) +
                       " rows, but totalCount " + std::to_string(p.total_count) + " at pageSize " +
                       std::to_string(size) + " implies " + std::to_string(expected_rows));

    const reconcile_verdict verdict = reconciler_->on_page({key.page, size}, p.total_count, page.keys);
    if (verdict.action == reconcile_action::fail)
        return {open_action::refetch, walk_error(errc::list_changed, base_, "page " + std::to_string(key.page) + ": " + verdict.why)};
    // What the public total_count()/total_pages() report: the latest size.
    total_count_ = p.total_count;
    total_pages_ = pages_for(p.total_count, page_size_);
    if (verdict.action == reconcile_action::drop) return {open_action::replan, {}, 0, false};
    opened_keys_ = page.keys;
    opened_skip_ = verdict.skip;
    opened_first_row_ = first_row;
    opened_any_ = true;
    return {open_action::accept, {}, verdict.skip, verdict.replan};
}

pager_checkpoint offset_walk::reconciled_checkpoint(const opened_page* opened, std::int64_t position) const {
    pager_checkpoint out;
    out.style = pagination_style::offset;
    out.path = base_.path;
    out.filters = base_.query;
    out.page_size = page_size_;
    reconcile_memory memory;
    if (opened == nullptr) {
        memory = reconciler_->memory();
        out.page = memory.last_position >= 0 ? (memory.last_position + 1) / page_size_ : first_page_;
        out.skip = memory.last_position >= 0 ? (memory.last_position + 1) % page_size_ : 0;
    } else {
        const auto handed = static_cast<std::size_t>(std::max<std::int64_t>(position - static_cast<std::int64_t>(opened_skip_), 0));
        memory = reconciler_->memory_after(opened_keys_, opened_skip_, std::min(handed, opened_keys_.size() - std::min(opened_skip_, opened_keys_.size())), opened_first_row_);
        // In the walk's page size: where a calm walk goes on.
        out.page = (memory.last_position + 1) / page_size_;
        out.skip = (memory.last_position + 1) % page_size_;
        out.done = position >= static_cast<std::int64_t>(opened->row_count) && reconciler_->complete();
    }
    out.total_count = memory.total_count;
    out.reconcile = state_of(memory);
    return out;
}

pager_checkpoint offset_walk::checkpoint(const opened_page* opened, std::int64_t position) const {
    if (reconciler_) return reconciled_checkpoint(opened, position);
    pager_checkpoint out;
    out.style = pagination_style::offset;
    out.path = base_.path;
    out.filters = base_.query;
    out.page_size = page_size_;
    out.total_count = recorded_total_;
    if (opened == nullptr) {
        out.page = first_page_;
        out.skip = position;
    } else if (position < static_cast<std::int64_t>(opened->row_count)) {
        out.page = opened->key.page;
        out.skip = position;
    } else {
        out.page = opened->key.page + 1;
        out.done = total_pages_ && out.page >= *total_pages_;
    }
    return out;
}

}  // namespace talentray::detail
