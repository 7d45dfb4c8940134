#include "pager/cursor_walk.hpp"

#include "pager/paging_query.hpp"

#include <algorithm>
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
                         std::optional<timestamp> first_before_at, std::optional<cursor_boundary> handed_out)
    : base_(std::move(base)), limit_(limit), first_before_(first_before), first_boundary_(handed_out),
      next_boundary_(std::move(handed_out)) {
    next_.before = std::move(first_before);
    next_.before_at = first_before_at;
}

int cursor_walk::limit_of(const page_key& key) const noexcept { return key.limit > 0 ? key.limit : limit_; }

request_spec cursor_walk::request_for(const page_key& key) const {
    return cursor_page_request(base_, limit_of(key), key.before);
}

std::optional<page_key> cursor_walk::next_request() const {
    if (waiting_ || done_ || stalled_) return std::nullopt;
    return next_;
}

void cursor_walk::on_requested(const page_key& key) {
    requested_ = key;
    waiting_ = true;
    pending_.push_back(pending_page{key, next_boundary_});
}

void cursor_walk::on_arrival(const page_key& key, const raw_page& page) {
    if (!waiting_ || key != requested_ || !page.cursor || pending_.empty()) return;
    auto marks = read_row_marks(page);
    if (!marks) return;  // open() refuses the page, and its next arrival is looked at again
    waiting_ = false;
    follow(key, page, *marks, pending_.back().boundary);
}

void cursor_walk::follow(const page_key& key, const raw_page& page, const std::vector<row_mark>& marks,
                         const std::optional<cursor_boundary>& boundary) {
    if (!page.cursor->has_more) {
        done_ = true;
        return;
    }
    if (auto reason = cursor_stall_reason(key, *page.cursor, page.next_before_text)) {
        stalled_ = walk_error(errc::pagination_stalled, base_, std::move(*reason));
        return;
    }
    if (marks.empty()) {  // nothing to go on but the server's cursor
        next_.before = page.next_before_text;
        next_.before_at = page.cursor->next_before;
        next_boundary_ = boundary;
        return;
    }
    std::vector<row_mark> fresh;
    for (const row_mark& mark : marks)
        if (!handed_out(mark, boundary)) fresh.push_back(mark);
    next_boundary_ = boundary_after(boundary, fresh);
    const timestamp oldest =
        std::min_element(marks.begin(), marks.end(), [](const row_mark& a, const row_mark& b) { return a.at < b.at; })->at;
    if (boundary && oldest >= boundary->at) {
        // No row older than the boundary fits beside its timestamp's rows: ask for the same rows
        // with a wider page, up to the largest the API serves.
        const int limit = limit_of(key);
        if (limit < max_page_size_of(pagination_style::cursor)) {
            next_ = key;
            next_.limit = std::min(2 * limit, max_page_size_of(pagination_style::cursor));
            return;
        }
        stalled_ = walk_error(
            errc::tie_wider_than_page, base_,
            "the page before " + key.before.value_or("(newest)") + " holds only rows at or after " +
                boundary->at.to_string() + ", where the page before it ended: more rows fall within that " +
                (ask_again_margin(marks) == std::chrono::seconds{1} ? "second" : "millisecond") +
                " than one page of limit " + std::to_string(limit) +
                " (the API's largest) holds, so the rest of them cannot be asked for without skipping some");
        return;
    }
    const timestamp before = ask_again_before(*next_boundary_, ask_again_margin(marks), key.before_at);
    next_.before = before.to_string();
    next_.before_at = before;
    next_.limit = key.limit;  // a page that had to be widened once likely needs it again
}

open_verdict cursor_walk::open(const page_key& key, const raw_page& page) {
    if (page.row_count() > static_cast<std::size_t>(limit_of(key)))
        return {open_action::refetch,
                walk_error(errc::invalid_response, base_,
                           "the page before " + key.before.value_or("(newest)") + " holds " +
                               std::to_string(page.row_count()) + " rows, more than limit " +
                               std::to_string(limit_of(key)))};
    if (auto marks = read_row_marks(page); !marks)
        return {open_action::refetch, walk_error(errc::invalid_response, base_,
                                                 "the page before " + key.before.value_or("(newest)") + ": " +
                                                     marks.error().diag.client_message)};
    return {};
}

std::size_t cursor_walk::drop_delivered(const page_key& key, raw_page& page) {
    while (!pending_.empty() && pending_.front().key != key) pending_.pop_front();
    std::optional<cursor_boundary> boundary;
    if (!pending_.empty()) {
        boundary = std::move(pending_.front().boundary);
        pending_.pop_front();
    }
    std::vector<row_mark> marks = read_row_marks(page).value();  // open() accepted it: every row has its marks
    opened_served_rows_ = marks.size();
    opened_margin_ = ask_again_margin(marks);
    opened_rows_.clear();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        if (handed_out(marks[i], boundary)) continue;
        if (kept != i) {
            if (page.rows.empty()) page.row_texts[kept] = std::move(page.row_texts[i]);
            else page.rows[kept] = std::move(page.rows[i]);
        }
        opened_rows_.push_back(std::move(marks[i]));
        ++kept;
    }
    if (page.rows.empty()) page.row_texts.resize(kept);
    else page.rows.resize(kept);
    opened_boundary_ = std::move(boundary);
    return marks.size() - kept;
}

pager_checkpoint cursor_walk::checkpoint(const opened_page* opened, std::int64_t position) const {
    pager_checkpoint out;
    out.style = pagination_style::cursor;
    out.path = base_.path;
    out.filters = base_.query;
    out.page_size = limit_;
    std::optional<cursor_boundary> boundary;
    if (opened == nullptr) {
        out.before = first_before_;
        out.skip = position;  // a checkpoint of the former kind, counting rows of its first page
        boundary = first_boundary_;
    } else if (position >= static_cast<std::int64_t>(opened->row_count) && !opened->cursor->has_more) {
        out.before = opened->key.before;
        out.done = true;
        return out;
    } else {
        const auto count = std::min(static_cast<std::size_t>(std::max<std::int64_t>(position, 0)), opened_rows_.size());
        const std::span<const row_mark> handed(opened_rows_.data(), count);
        if (handed.empty()) {
            // Nothing of this page handed out: the page again, or the cursor of an empty page that leads on.
            out.before = opened->key.before;
            boundary = opened_boundary_;
            if (opened_served_rows_ == 0 && !cursor_stall_reason(opened->key, *opened->cursor, opened->next_before_text))
                out.before = opened->next_before_text;
        } else {
            boundary = boundary_after(opened_boundary_, handed);
            out.before = ask_again_before(*boundary, opened_margin_, opened->key.before_at).to_string();
        }
    }
    if (boundary) {
        out.boundary_at = boundary->at.to_string();
        out.boundary_ids = boundary->ids;
    }
    return out;
}

}  // namespace talentray::detail
