#include "live_list.hpp"

#include "seeded_random.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace talentray::mock::detail {
namespace {

constexpr std::uint64_t insert_kind = 1;
constexpr std::uint64_t delete_kind = 2;

/// Whether the front of the list in `order` is the low-rank end of the rank-sorted rows.
bool front_is_oldest(list_order order) { return order != list_order::newest_first; }

/// Events of a rate due after `elapsed_ms` milliseconds.
std::uint64_t due(double per_s, std::int64_t elapsed_ms) {
    if (per_s <= 0 || elapsed_ms <= 0) return 0;
    return static_cast<std::uint64_t>(std::floor(per_s * static_cast<double>(elapsed_ms) / 1000.0));
}

}  // namespace

timestamp created_at_of(std::int64_t rank) {
    return make_timestamp(2025, 1, 1) + std::chrono::milliseconds{rank};
}

live_list::live_list(std::vector<std::string> base_ids, std::string id_prefix, std::uint64_t stream,
                     timestamp started)
    : id_prefix_(std::move(id_prefix)), stream_(stream), started_(started) {
    rows_.reserve(base_ids.size());
    for (std::size_t i = 0; i < base_ids.size(); ++i)
        rows_.push_back(live_row{base_rank(i), static_cast<std::int64_t>(i), 0, std::move(base_ids[i])});
}

std::vector<churn_change> live_list::advance(const churn_options& churn, list_order order, timestamp now) {
    const std::int64_t elapsed = (now - started_).count();
    const std::uint64_t inserts_due = due(churn.inserts_per_s, elapsed);
    const std::uint64_t deletes_due = due(churn.deletes_per_s, elapsed);
    std::vector<churn_change> changes;
    while (inserts_done_ < inserts_due || deletes_done_ < deletes_due) {
        // Event n of a rate falls at n / rate seconds; the earlier of the two goes first.
        const double next_insert = inserts_done_ < inserts_due
                                       ? static_cast<double>(inserts_done_ + 1) / churn.inserts_per_s
                                       : INFINITY;
        const double next_delete = deletes_done_ < deletes_due
                                       ? static_cast<double>(deletes_done_ + 1) / churn.deletes_per_s
                                       : INFINITY;
        if (next_insert <= next_delete) {
            ++inserts_done_;
            changes.push_back(churn_change{true, insert(churn.at, order, derive(stream_, insert_kind, inserts_done_))});
        } else {
            ++deletes_done_;
            if (rows_.empty()) continue;
            changes.push_back(erase(churn.at, order, derive(stream_, delete_kind, deletes_done_)));
        }
    }
    return changes;
}

std::string live_list::insert(churn_position at, list_order order, std::uint64_t draw) {
    live_row row;
    row.id = id_prefix_ + "live_" + std::to_string(++inserted_ids_);
    std::string id = row.id;
    seeded_random random{draw};
    if (rows_.empty()) {
        row.rank = base_rank(0);
        rows_.push_back(std::move(row));
        return id;
    }
    // Inserted rows copy the fields of a base row (any, drawn); only id and rank are their own.
    const live_row& model = rows_[random.below(rows_.size())];
    row.template_base = model.base >= 0 ? static_cast<std::size_t>(model.base) : model.template_base;

    const bool at_low_end = (at == churn_position::front) == front_is_oldest(order);
    if (at != churn_position::random) {
        row.rank = at_low_end ? rows_.front().rank - 1000 : rows_.back().rank + 1000;
        rows_.insert(at_low_end ? rows_.begin() : rows_.end(), std::move(row));
        return id;
    }
    // A random gap between two rows with room for a rank between them (there is almost always
    // room: base rows are 1000 apart); the ends always have room.
    std::size_t gap = random.below(rows_.size() + 1);
    while (gap > 0 && gap < rows_.size() && rows_[gap].rank - rows_[gap - 1].rank < 2) ++gap;
    if (gap == 0) row.rank = rows_.front().rank - 1000;
    else if (gap == rows_.size()) row.rank = rows_.back().rank + 1000;
    else row.rank = rows_[gap - 1].rank + (rows_[gap].rank - rows_[gap - 1].rank) / 2;
    rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(gap), std::move(row));
    return id;
}

churn_change live_list::erase(churn_position at, list_order order, std::uint64_t draw) {
    std::size_t index = 0;
    if (at == churn_position::random) index = seeded_random{draw}.below(rows_.size());
    else index = ((at == churn_position::front) == front_is_oldest(order)) ? 0 : rows_.size() - 1;
    churn_change change{false, std::move(rows_[index].id)};
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(index));
    return change;
}

const live_row& live_list::at(std::size_t position, list_order order) const {
    return order == list_order::newest_first ? rows_[rows_.size() - 1 - position] : rows_[position];
}

std::vector<std::string> live_list::ids(list_order order) const {
    std::vector<std::string> out;
    out.reserve(rows_.size());
    for (std::size_t i = 0; i < rows_.size(); ++i) out.push_back(at(i, order).id);
    return out;
}

}  // namespace talentray::mock::detail
