// Reconciling an offset walk with a list that changes under it: which rows of a page to hand out,
// and which read to make next. Pure logic: no I/O, no clock.
//
// Offset paging addresses rows by position, and an insert or delete before the reading position
// moves every later row: a page read after rows were deleted before it starts further on (rows
// are skipped), one read after rows were inserted starts with rows already handed out (rows
// repeat). The reconciler assumes only what every sorted listing does: rows that stay keep their
// relative order. It then proves each boundary instead of trusting positions:
//
// * A read is *anchored* when it starts at row 0 or holds a row the walk has already passed
//   ("behind": handed out, or before the last handed-out row in the list's order). Everything
//   after the last behind row of an anchored read is, in that one snapshot, exactly what follows
//   the walk's position: nothing in between is missing, and nothing after it was handed out.
// * Calm (nothing changed yet): pages are read as usual, `page * page_size`, in a parallel window,
//   at no extra cost. A page is accepted unanchored while its totalCount equals the previous
//   page's; rows at its front that are behind (a forward shift) are skipped.
// * Live (from the first change seen: a different totalCount, or behind rows where none should
//   be): every read must be anchored. Reads overlap the last passed row, with a page size chosen
//   so that the read covering that row reaches furthest beyond it (offset pages only start at
//   multiples of their size). An unanchored read is dropped and the walk steps back, twice as far
//   each time, at worst to row 0, which anchors by definition.
//
// "Behind" is decided by the list's order when it can be inferred (every page sorted by
// `createdAt`, strictly, one direction, pages of 16 rows or more): any row before the last
// handed-out one. Always also by the ids of the last rows handed out (a page, at least 32). Without an order, stepping back further
// than those ids reach would hand out rows again, so that case ends in `errc::list_changed`.
#pragma once

#include "pager/raw_page.hpp"

#include <talentray/model/timestamp.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>

namespace talentray::detail {

/// The list's order as the walk has seen it.
enum class row_order {
    unknown,       ///< no page with two rows yet
    newest_first,  ///< every page strictly descending by createdAt
    oldest_first,  ///< every page strictly ascending by createdAt
    unordered,     ///< some page was neither (or rows lack createdAt): only recent ids decide
};

/// One read: `page_size` rows from row `page * page_size`.
struct offset_read {
    std::int64_t page = 0;
    int page_size = 0;

    std::int64_t first_row() const noexcept { return page * page_size; }
    friend bool operator==(const offset_read&, const offset_read&) = default;
};

/// What a walk carries from page to page, and in its checkpoint.
struct reconcile_memory {
    row_order order = row_order::unknown;
    bool live = false;
    std::optional<std::int64_t> total_count;  ///< of the last page accepted
    std::optional<row_key> last;              ///< the last row handed out (in order: the furthest)
    std::int64_t last_position = -1;          ///< the last row passed, as positioned at its read; -1: none
    std::deque<std::string> recent_ids;       ///< ids of the last rows handed out, newest at the back
    std::uint64_t handed_out = 0;             ///< rows handed out so far

    friend bool operator==(const reconcile_memory&, const reconcile_memory&) = default;
};

/// What became of a page.
enum class reconcile_action {
    accept,  ///< hand out rows [skip, size) of the page
    drop,    ///< hand out nothing; the reads planned after it are void: plan again
    fail,    ///< the walk cannot go on without repeating rows (see `why`)
};

struct reconcile_verdict {
    reconcile_action action = reconcile_action::accept;
    std::size_t skip = 0;
    bool replan = false;  ///< the reads started after this one are void (always with drop)
    std::string why;  ///< fail: what happened
};

/// What reconciling has cost and seen (pager_stats reports these).
struct reconcile_counts {
    std::uint64_t rows_added = 0;     ///< growth of totalCount between consecutive pages
    std::uint64_t rows_removed = 0;   ///< shrinkage of totalCount between consecutive pages
    std::uint64_t rows_repeated = 0;  ///< rows received again and not handed out (overlaps, shifts)
    std::uint64_t dropped_reads = 0;  ///< reads whose rows were not used (stepped back, replanned)
    std::uint64_t steps_back = 0;     ///< times the walk went back over rows it had passed
    std::uint64_t unverified = 0;     ///< live boundaries no read size could overlap (see covering_read)
};

/// The read of max(page_size, 32) / 2 .. max(page_size, 32) rows that covers row `position` and reaches furthest past
/// it; with `position` < 0, the first page. When no size overlaps (`position + 1` a multiple of
/// every size), the aligned read just after it.
offset_read covering_read(std::int64_t position, int page_size) noexcept;

class offset_reconciler {
public:
    /// `page_size`: the walk's page size (1..100); `memory`: from a checkpoint, or empty.
    /// `resume_skip`: rows at the front of the first page already handed out, for a checkpoint
    /// that carries no memory (taken in strict mode).
    offset_reconciler(int page_size, std::int64_t first_page, reconcile_memory memory = {},
                      std::size_t resume_skip = 0);

    /// The next read to start, or nothing (wait for a page, or the walk is complete).
    std::optional<offset_read> next_read() const;
    /// `next_read()` was started.
    void on_started(const offset_read& read);

    /// A page arrived for `read`, next in order: its `totalCount` and its rows' keys.
    reconcile_verdict on_page(const offset_read& read, std::int64_t total_count, std::span<const row_key> rows);

    /// Whether every read the walk needs was processed: nothing planned, nothing left to plan.
    bool complete() const { return in_plan_.empty() && !next_read(); }

    /// Whether a read still belongs to the plan (reads planned before a `drop` do not).
    bool planned(const offset_read& read) const noexcept;

    /// The memory after handing out `handed` rows of the page last accepted (from its `skip`).
    reconcile_memory memory_after(std::span<const row_key> rows, std::size_t skip, std::size_t handed,
                                  std::int64_t first_row) const;
    const reconcile_memory& memory() const noexcept { return memory_; }
    const reconcile_counts& counts() const noexcept { return counts_; }
    std::optional<std::int64_t> total_count() const noexcept { return memory_.total_count; }

private:
    bool behind(const row_key& row) const;
    void infer_order(std::span<const row_key> rows);
    void plan_from(std::int64_t position, bool must_read);
    reconcile_verdict step_back(const offset_read& read, std::int64_t total_count);
    void accept(const offset_read& read, std::span<const row_key> rows, std::size_t skip);
    void remember(std::deque<std::string>& recent, const std::string& id, bool track);

    /// Rows a page needs, all strictly sorted one way, before the list's order is trusted.
    static constexpr std::size_t min_rows_to_infer_order = 16;
    /// Ids kept of the rows handed out last: a page, and at least 32.
    std::size_t recent_capacity() const noexcept { return static_cast<std::size_t>(std::max(page_size_, 32)); }

    int page_size_;
    reconcile_memory memory_;
    reconcile_memory before_page_;  // memory_ before the page last accepted (checkpoints inside it)
    reconcile_counts counts_;
    // Calm plan: aligned pages from next_page_. Live plan: reads covering plan_position_.
    std::int64_t next_page_;
    std::int64_t plan_position_ = -1;
    std::unordered_multiset<std::string> recent_set_;  // memory_.recent_ids, for lookups
    std::deque<offset_read> in_plan_;  // started and not yet processed, in order
    bool must_read_ = false;           // a step back asked for a read even if the plan reaches the end
    std::int64_t back_ = 0;            // how far the next step back goes beyond the read
    std::size_t resume_skip_ = 0;
    bool waiting_for_size_ = true;     // nothing known of the list's size: one read at a time
};

}  // namespace talentray::detail
