#include "scheduler/admission_queue.hpp"

#include <algorithm>

namespace talentray::detail {

void admission_queue::push(waiter_id id, priority prio) {
    auto& list = list_of(prio);
    list.push_back(id);
    index_.emplace(id, entry{prio, std::prev(list.end())});
}

bool admission_queue::remove(waiter_id id) noexcept {
    const auto found = index_.find(id);
    if (found == index_.end()) return false;
    list_of(found->second.prio).erase(found->second.where);
    index_.erase(found);
    return true;
}

std::size_t admission_queue::size(priority prio) const noexcept {
    return prio == priority::interactive ? interactive_.size() : bulk_.size();
}

std::optional<waiter_id> admission_queue::next() const noexcept {
    if (empty()) return std::nullopt;
    return choose(!interactive_.empty(), !bulk_.empty(), streak_) == pick::interactive ? interactive_.front()
                                                                                       : bulk_.front();
}

waiter_id admission_queue::pop_next() noexcept {
    const bool bulk_waiting = !bulk_.empty();
    const pick picked = choose(!interactive_.empty(), bulk_waiting, streak_);
    auto& list = picked == pick::interactive ? interactive_ : bulk_;
    const waiter_id id = list.front();
    list.pop_front();
    index_.erase(id);
    streak_ = next_streak(picked, bulk_waiting, streak_);
    return id;
}

std::size_t admission_queue::ahead_of_newcomer(priority prio) const noexcept {
    // Closed form of the admission rule: while both classes wait, a bulk admission follows
    // interactive admission number `first`, first + K, first + 2K, ... (K = interval_).
    const std::size_t interactive = interactive_.size();
    const std::size_t bulk = bulk_.size();
    const std::size_t first = streak_ >= interval_ ? 0 : interval_ - streak_;
    if (prio == priority::interactive) {
        // The newcomer comes after every queued interactive waiter, and after each bulk
        // admission due before that many interactive ones.
        const std::size_t bulk_turns = interactive >= first ? (interactive - first) / interval_ + 1 : 0;
        return interactive + std::min(bulk, bulk_turns);
    }
    // The newcomer is bulk admission number bulk + 1, due after first + bulk·K interactive ones.
    return bulk + std::min(interactive, first + bulk * std::size_t{interval_});
}

}  // namespace talentray::detail
