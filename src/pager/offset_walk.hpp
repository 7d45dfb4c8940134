// The walk of an offset-paged list: pages first_page, first_page + 1, ... < totalPages.
#pragma once

#include "pager/offset_reconcile.hpp"
#include "pager/page_walk.hpp"

#include <vector>

namespace talentray::detail {

/// Requests one page until the list's size is known, then as many as the window allows.
///
/// Unless `strict`, a change of the list is reconciled (offset_reconcile.hpp) instead of
/// reported: the reconciler chooses the reads and which rows of each page are handed out.
///
/// Checks, in order, for the page next in order: it echoes the page and page size asked for
/// and its `totalPages` matches its `totalCount` (else refetch: `errc::invalid_response`); its
/// `totalCount` equals the one the walk started with (else report "list changed" once; the
/// next call adopts the new size); it holds exactly the rows that size implies (else refetch).
class offset_walk final : public page_walk {
public:
    /// `base` without paging parameters. `expected_total_count` (from a checkpoint) is what the
    /// first page is compared with; without it, the first page sets the size.
    offset_walk(request_spec base, int page_size, std::int64_t first_page,
                std::optional<std::int64_t> expected_total_count = {});
    /// A reconciling walk, from `memory` (a checkpoint's, or empty) and `resume_skip` rows of the
    /// first page already handed out (a checkpoint without memory).
    offset_walk(request_spec base, int page_size, std::int64_t first_page, reconcile_memory memory,
                std::size_t resume_skip);

    pagination_style style() const noexcept override { return pagination_style::offset; }
    const request_spec& base() const noexcept override { return base_; }
    int page_size() const noexcept override { return page_size_; }
    request_spec request_for(const page_key& key) const override;
    std::optional<page_key> next_request() const override;
    void on_requested(const page_key& key) override;
    void on_arrival(const page_key& key, const raw_page& page) override;
    bool parallel() const noexcept override { return total_pages_.has_value(); }
    reconcile_counts reconciliation() const override { return reconciler_ ? reconciler_->counts() : reconcile_counts{}; }
    bool wanted(const page_key& key) const noexcept override;
    open_verdict open(const page_key& key, const raw_page& page) override;
    std::optional<error_info> stalled() const override { return std::nullopt; }
    std::optional<std::int64_t> total_count() const noexcept override { return total_count_; }
    std::optional<std::int64_t> total_pages() const noexcept override { return total_pages_; }
    pager_checkpoint checkpoint(const opened_page* opened, std::int64_t position) const override;

private:
    open_verdict refetch(std::string message) const;
    void adopt(const offset_pagination& pagination, std::int64_t opening);
    open_verdict reconcile(const page_key& key, const raw_page& page);
    pager_checkpoint reconciled_checkpoint(const opened_page* opened, std::int64_t position) const;
    int size_of(const page_key& key) const noexcept { return key.page_size > 0 ? key.page_size : page_size_; }

    request_spec base_;
    int page_size_;
    std::int64_t first_page_;
    std::int64_t next_request_;  // the next new page to request
    std::int64_t next_open_;     // the page next in order
    std::optional<std::int64_t> total_count_;     // the size requests are planned with
    std::optional<std::int64_t> total_pages_;
    std::optional<std::int64_t> recorded_total_;  // the size opened pages are checked against
    std::optional<std::int64_t> reported_total_;  // a change reported once; opening again adopts it
    bool opened_any_ = false;

    std::optional<offset_reconciler> reconciler_;  // empty: strict
    std::vector<row_key> opened_keys_;             // of the page last accepted, for checkpoints
    std::size_t opened_skip_ = 0;
    std::int64_t opened_first_row_ = 0;
};

/// The public form of a reconciling walk's memory (in its checkpoint), and back.
reconcile_state state_of(const reconcile_memory& memory);
reconcile_memory memory_of(const reconcile_state& state, std::optional<std::int64_t> total_count);

/// ceil(total_count / page_size), the page count the contract promises; 0 for an empty list.
std::int64_t pages_for(std::int64_t total_count, int page_size) noexcept;

}  // namespace talentray::detail
