#include "pager/offset_walk.hpp"

#include "pager/paging_query.hpp"

#include <algorithm>
#include <utility>

namespace talentray::detail {

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

request_spec offset_walk::request_for(const page_key& key) const {
    return offset_page_request(base_, key.page, page_size_);
}

std::optional<page_key> offset_walk::next_request() const {
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

void offset_walk::on_requested(const page_key& key) { next_request_ = std::max(next_request_, key.page + 1); }

void offset_walk::on_arrival(const page_key&, const raw_page& page) {
    if (total_pages_ || !page.offset) return;
    total_count_ = page.offset->total_count;
    total_pages_ = pages_for(page.offset->total_count, page_size_);
}

bool offset_walk::wanted(const page_key& key) const noexcept {
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
    const std::string where = "page " + std::to_string(key.page) + ": ";
    if (p.page != key.page)
        return refetch(where + "the server answered page " + std::to_string(p.page));
    if (p.page_size != page_size_)
        return refetch(where + "asked for pageSize " + std::to_string(page_size_) + ", the server used " +
                       std::to_string(p.page_size));
    if (p.total_count < 0 || p.total_pages != pages_for(p.total_count, page_size_))
        return refetch(where + "totalPages " + std::to_string(p.total_pages) + " does not match totalCount " +
                       std::to_string(p.total_count) + " at pageSize " + std::to_string(page_size_));

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

pager_checkpoint offset_walk::checkpoint(const opened_page* opened, std::int64_t position) const {
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
