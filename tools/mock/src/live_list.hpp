// A list that changes on its own while it is read: rows inserted and deleted at rates of the
// mock's clock, at positions drawn from the seed. Pure logic: the caller passes the time.
#pragma once

#include "timestamps.hpp"

#include <talentray/mock/options.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace talentray::mock::detail {

/// One row of a live list.
struct live_row {
    /// Creation rank: ascending rank is creation order. With a list order, `createdAt` is
    /// derived from it (see created_at_of), which is why inserted rows get a rank between their
    /// neighbours' and the list stays sorted.
    std::int64_t rank = 0;
    std::int64_t base = -1;         ///< position in the list its handler built; -1: an inserted row
    std::size_t template_base = 0;  ///< inserted rows: the base row whose fields they copy
    std::string id;                 ///< the row's id
};

/// What one churn event did.
struct churn_change {
    bool inserted = false;  ///< else deleted
    std::string id;
};

class live_list {
public:
    /// `base_ids`: the rows' ids in creation order, as the list's handler sees them (at least
    /// one). `id_prefix` starts inserted ids ("cand_" gives "cand_live_1"). `stream` separates
    /// the random draws of different lists under one seed; `started` is when churn begins.
    live_list(std::vector<std::string> base_ids, std::string id_prefix, std::uint64_t stream, timestamp started);

    /// Applies every event due by `now`: inserts at `churn.inserts_per_s`, deletes at
    /// `churn.deletes_per_s`, in time order. Event n of a kind lands at a position that depends
    /// only on (stream, kind, n, the list's size), so a run with the same seed and the same
    /// interleaving of reads repeats exactly. Returns the events applied, in order.
    std::vector<churn_change> advance(const churn_options& churn, list_order order, timestamp now);

    std::size_t size() const noexcept { return rows_.size(); }
    /// The row at `position` (< size()) in `order`.
    const live_row& at(std::size_t position, list_order order) const;
    /// The ids of the list in `order`.
    std::vector<std::string> ids(list_order order) const;

private:
    std::string insert(churn_position at, list_order order, std::uint64_t draw);
    churn_change erase(churn_position at, list_order order, std::uint64_t draw);

    std::vector<live_row> rows_;  // ascending rank
    std::string id_prefix_;
    std::uint64_t stream_;
    timestamp started_;
    std::uint64_t inserts_done_ = 0;
    std::uint64_t deletes_done_ = 0;
    std::uint64_t inserted_ids_ = 0;
};

/// The rank of base row `base`: one second apart, so thousands of inserts fit between two.
constexpr std::int64_t base_rank(std::size_t base) noexcept { return (static_cast<std::int64_t>(base) + 1) * 1000; }

/// `createdAt` of a row of `rank` when the list has an order: unique, millisecond-precise.
timestamp created_at_of(std::int64_t rank);

}  // namespace talentray::mock::detail
