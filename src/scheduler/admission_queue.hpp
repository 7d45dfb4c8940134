// The order in which waiting requests are admitted: FIFO within each priority class,
// interactive ahead of bulk, and a bulk request after at most `bulk_interval` interactive ones
// in a row so that neither class starves. Pure state, no time involved.
#pragma once

#include <talentray/scheduler/options.hpp>

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <unordered_map>

namespace talentray::detail {

using waiter_id = std::uint64_t;

class admission_queue {
public:
    /// `bulk_interval` (at least 1): interactive admissions in a row allowed while bulk waits.
    explicit admission_queue(std::uint32_t bulk_interval) noexcept : interval_(bulk_interval) {}

    /// Queues `id` (not already queued) at the end of class `prio`.
    void push(waiter_id id, priority prio);

    /// Takes `id` out of the queue. Returns false when it was not queued.
    bool remove(waiter_id id) noexcept;

    bool contains(waiter_id id) const noexcept { return index_.contains(id); }
    bool empty() const noexcept { return index_.empty(); }
    std::size_t size(priority prio) const noexcept;

    /// The waiter that would be admitted next, if any.
    std::optional<waiter_id> next() const noexcept;

    /// Admits the next waiter: removes and returns it, and advances the fairness count.
    /// Precondition: not empty.
    waiter_id pop_next() noexcept;

    /// How many queued waiters would be admitted before a newcomer of class `prio` pushed now,
    /// if nobody else arrived. Constant time.
    std::size_t ahead_of_newcomer(priority prio) const noexcept;

    /// Visits every waiter in the order they would be admitted if nobody else arrived, with
    /// the number admitted before it. `visit(id, ahead)` returns true to remove the waiter;
    /// the order then continues as if it had never queued.
    template <class Visit>
    void sweep(Visit&& visit);

private:
    enum class pick { interactive, bulk };

    struct entry {
        priority prio;
        std::list<waiter_id>::iterator where;
    };

    // The admission rule itself, shared by the real queue and its simulations.
    pick choose(bool interactive_waiting, bool bulk_waiting, std::uint32_t streak) const noexcept {
        if (interactive_waiting && (!bulk_waiting || streak < interval_)) return pick::interactive;
        return pick::bulk;
    }
    static std::uint32_t next_streak(pick picked, bool bulk_waiting, std::uint32_t streak) noexcept {
        return picked == pick::interactive && bulk_waiting ? streak + 1 : 0;
    }

    std::list<waiter_id>& list_of(priority prio) noexcept {
        return prio == priority::interactive ? interactive_ : bulk_;
    }

    std::list<waiter_id> interactive_;
    std::list<waiter_id> bulk_;
    std::unordered_map<waiter_id, entry> index_;
    std::uint32_t streak_ = 0;  ///< interactive admissions in a row while bulk was waiting
    std::uint32_t interval_;
};

template <class Visit>
void admission_queue::sweep(Visit&& visit) {
    auto i = interactive_.begin();
    auto b = bulk_.begin();
    std::uint32_t streak = streak_;
    std::size_t ahead = 0;
    while (i != interactive_.end() || b != bulk_.end()) {
        const bool bulk_waiting = b != bulk_.end();
        const pick picked = choose(i != interactive_.end(), bulk_waiting, streak);
        auto& it = picked == pick::interactive ? i : b;
        auto& list = picked == pick::interactive ? interactive_ : bulk_;
        const waiter_id id = *it;
        if (visit(id, ahead)) {
            index_.erase(id);
            it = list.erase(it);
            continue;
        }
        ++it;
        ++ahead;
        streak = next_streak(picked, bulk_waiting, streak);
    }
}

}  // namespace talentray::detail
