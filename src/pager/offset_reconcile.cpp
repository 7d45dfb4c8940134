#include "pager/offset_reconcile.hpp"

#include <algorithm>
#include <utility>

namespace talentray::detail {
namespace {

std::int64_t pages_of(std::int64_t total_count, int page_size) noexcept {
    return total_count <= 0 ? 0 : (total_count + page_size - 1) / page_size;
}

bool ordered(row_order order) noexcept { return order == row_order::newest_first || order == row_order::oldest_first; }

/// The direction of one page, or `unordered` when it has none (or rows lack createdAt).
row_order order_of(std::span<const row_key> rows) {
    bool descending = true, ascending = true;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (!rows[i - 1].created_at || !rows[i].created_at) return row_order::unordered;
        descending = descending && *rows[i - 1].created_at > *rows[i].created_at;
        ascending = ascending && *rows[i - 1].created_at < *rows[i].created_at;
    }
    return descending ? row_order::newest_first : ascending ? row_order::oldest_first : row_order::unordered;
}

}  // namespace

offset_read covering_read(std::int64_t position, int page_size) noexcept {
    const int high = std::max(page_size, 32);
    if (position < 0) return {0, high};
    offset_read best{};
    std::int64_t reach = 0;  // rows past `position`
    for (int size = std::max(2, high / 2); size <= high; ++size) {
        const std::int64_t page = position / size;
        const std::int64_t past = page * size + size - 1 - position;
        if (past > reach) {
            reach = past;
            best = {page, size};
        }
    }
    if (reach == 0) return {(position + 1) / high, high};  // position + 1 is a multiple of every size
    return best;
}

offset_reconciler::offset_reconciler(int page_size, std::int64_t first_page, reconcile_memory memory,
                                     std::size_t resume_skip)
    : page_size_(page_size), memory_(std::move(memory)), next_page_(first_page), resume_skip_(resume_skip) {
    before_page_ = memory_;
    plan_position_ = memory_.last_position;
    for (const std::string& id : memory_.recent_ids) recent_set_.insert(id);
}

std::optional<offset_read> offset_reconciler::next_read() const {
    if (waiting_for_size_ && !in_plan_.empty()) return std::nullopt;
    if (!memory_.live) {
        if (!waiting_for_size_ && memory_.total_count && next_page_ >= pages_of(*memory_.total_count, page_size_))
            return std::nullopt;
        return offset_read{next_page_, page_size_};
    }
    if (!must_read_ && !waiting_for_size_ && memory_.total_count && plan_position_ >= *memory_.total_count - 1)
        return std::nullopt;
    return covering_read(plan_position_, page_size_);
}

void offset_reconciler::on_started(const offset_read& read) {
    in_plan_.push_back(read);
    must_read_ = false;
    if (memory_.live) plan_position_ = read.first_row() + read.page_size - 1;
    else next_page_ = read.page + 1;
}

bool offset_reconciler::planned(const offset_read& read) const noexcept {
    return std::find(in_plan_.begin(), in_plan_.end(), read) != in_plan_.end();
}

void offset_reconciler::plan_from(std::int64_t position, bool must_read) {
    counts_.dropped_reads += in_plan_.size();
    in_plan_.clear();
    plan_position_ = position;
    must_read_ = must_read;
}

bool offset_reconciler::behind(const row_key& row) const {
    if (!row.id.empty() && recent_set_.count(row.id) > 0) return true;
    if (!memory_.last || !ordered(memory_.order) || !row.created_at || !memory_.last->created_at) return false;
    const timestamp at = *row.created_at, last = *memory_.last->created_at;
    return memory_.order == row_order::newest_first ? at > last : at < last;  // a tie: only the ids can tell
}

void offset_reconciler::infer_order(std::span<const row_key> rows) {
    if (rows.size() < 2 || memory_.order == row_order::unordered) return;
    const row_order seen = order_of(rows);
    if (memory_.order == row_order::unknown) {
        // A few rows can be sorted by chance; a wrong order would hide rows as "behind".
        if (rows.size() >= min_rows_to_infer_order || seen == row_order::unordered) memory_.order = seen;
    } else if (seen != memory_.order) {
        memory_.order = row_order::unordered;
    }
}

void offset_reconciler::remember(std::deque<std::string>& recent, const std::string& id, bool track) {
    if (id.empty()) return;  // a row without an id cannot be recognised again
    recent.push_back(id);
    if (track) recent_set_.insert(id);
    while (recent.size() > recent_capacity()) {
        if (track) recent_set_.erase(recent_set_.find(recent.front()));
        recent.pop_front();
    }
}

reconcile_verdict offset_reconciler::on_page(const offset_read& read, std::int64_t total_count,
                                             std::span<const row_key> rows) {
    if (auto it = std::find(in_plan_.begin(), in_plan_.end(), read); it != in_plan_.end()) in_plan_.erase(it);
    waiting_for_size_ = false;

    bool changed = false;
    if (memory_.total_count && total_count != *memory_.total_count) {
        changed = true;
        if (total_count > *memory_.total_count)
            counts_.rows_added += static_cast<std::uint64_t>(total_count - *memory_.total_count);
        else
            counts_.rows_removed += static_cast<std::uint64_t>(*memory_.total_count - total_count);
    }
    memory_.total_count = total_count;
    infer_order(rows);

    std::size_t skip = std::min(std::exchange(resume_skip_, 0), rows.size());
    for (std::size_t i = rows.size(); i > skip; --i)
        if (behind(rows[i - 1])) {
            skip = i;
            break;
        }
    const std::int64_t first_row = read.first_row();
    // Rows that should be behind, by position: more or fewer means rows moved. Rows without ids
    // cannot be recognised, so for them the position is all there is.
    const auto expected_behind = static_cast<std::size_t>(
        std::clamp<std::int64_t>(memory_.last_position + 1 - first_row, 0, static_cast<std::int64_t>(rows.size())));
    const bool recognisable = std::none_of(rows.begin(), rows.end(), [](const row_key& row) { return row.id.empty(); });
    if (recognisable && skip != expected_behind) changed = true;
    if (!recognisable) skip = std::max(skip, expected_behind);
    // Row 0 anchors by definition, provided the walk can tell what it handed out already: by
    // the order, or because every row it handed out is among the recent ids.
    const bool tellable = ordered(memory_.order) || memory_.handed_out <= memory_.recent_ids.size();
    if (first_row == 0 && skip == 0 && !tellable) {
        in_plan_.push_front(read);  // asked again, it fails again: never a guess
        return {reconcile_action::fail, 0, false,
                "the list changed so much that the rows already read cannot be found again, and its order "
                "(by createdAt) cannot be inferred to tell them apart: continuing could repeat rows"};
    }
    const bool anchored = first_row == 0 || skip > 0;

    if (!memory_.live && changed) {
        memory_.live = true;
        if (!anchored) return step_back(read, total_count);
        accept(read, rows, skip);
        plan_from(memory_.last_position, false);
        reconcile_verdict verdict{reconcile_action::accept, skip, true, {}};
        return verdict;
    }
    if (memory_.live && !anchored) {
        // A read no size could overlap with its predecessor: trusted while nothing changed.
        const bool unoverlappable = covering_read(first_row - 1, page_size_) == read;
        if (!unoverlappable || changed) return step_back(read, total_count);
        ++counts_.unverified;
    }
    accept(read, rows, skip);
    return {reconcile_action::accept, skip, false, {}};
}

void offset_reconciler::accept(const offset_read& read, std::span<const row_key> rows, std::size_t skip) {
    before_page_ = memory_;
    counts_.rows_repeated += skip;
    if (rows.size() > skip) {
        memory_.last = rows.back();
        for (std::size_t i = skip; i < rows.size(); ++i) remember(memory_.recent_ids, rows[i].id, true);
        memory_.handed_out += rows.size() - skip;
    }
    if (!rows.empty())
        memory_.last_position = read.first_row() + static_cast<std::int64_t>(rows.size()) - 1;
    back_ = 0;
}

reconcile_verdict offset_reconciler::step_back(const offset_read& read, std::int64_t total_count) {
    ++counts_.dropped_reads;
    ++counts_.steps_back;
    // Each step goes twice as far back as the one before, from half a read: rows deleted before
    // the walk's position moved what it passed back by that many.
    const std::int64_t target = std::max<std::int64_t>(std::min(read.first_row(), total_count) - 1 - back_, -1);
    back_ = back_ == 0 ? std::max(1, read.page_size / 2) : back_ * 2;
    plan_from(target, true);
    return {reconcile_action::drop, 0, true, {}};
}

reconcile_memory offset_reconciler::memory_after(std::span<const row_key> rows, std::size_t skip, std::size_t handed,
                                                 std::int64_t first_row) const {
    reconcile_memory out = before_page_;
    out.order = memory_.order;
    out.live = memory_.live;
    out.total_count = memory_.total_count;
    if (handed > 0) {
        out.last = rows[skip + handed - 1];
        for (std::size_t i = skip; i < skip + handed; ++i)
            if (!rows[i].id.empty()) out.recent_ids.push_back(rows[i].id);
        while (out.recent_ids.size() > recent_capacity()) out.recent_ids.pop_front();
        out.handed_out += handed;
    }
    if (skip + handed > 0)
        out.last_position = std::max(out.last_position, first_row + static_cast<std::int64_t>(skip + handed) - 1);
    return out;
}

}  // namespace talentray::detail
