// scheduler/admission_permit.hpp — the right to have one request in flight.
#pragma once

#include "scheduler/admission_depth.hpp"

#include <chrono>
#include <memory>

namespace talentray {

namespace detail {
class budget_core;
}

/// Proof that a `rate_budget` admitted one attempt: it holds one of the key's in-flight slots
/// until it is destroyed, moved from, or `release()`d. Movable, not copyable.
///
/// Thread safety: distinct permits may be used and destroyed concurrently on any threads; a
/// single permit is not synchronised. Lifetime: a permit keeps its budget's state alive.
class admission_permit {
public:
    /// An empty permit that holds no slot.
    admission_permit() noexcept = default;

    admission_permit(admission_permit&& other) noexcept;
    admission_permit& operator=(admission_permit&& other) noexcept;
    admission_permit(const admission_permit&) = delete;
    admission_permit& operator=(const admission_permit&) = delete;

    /// Releases the slot (see `release`).
    ~admission_permit();

    /// Gives the in-flight slot back so a queued request can go. The attempt still counts
    /// against the key's limit for one window from now: the server may have counted it as late
    /// as its response. Idempotent; never throws.
    void release() noexcept;

    /// True while the permit holds a slot.
    bool holds_slot() const noexcept { return core_ != nullptr; }
    explicit operator bool() const noexcept { return holds_slot(); }

    /// When the budget admitted the attempt (pass it in `response_feedback::admitted_at`).
    std::chrono::steady_clock::time_point admitted_at() const noexcept { return admitted_at_; }

    /// How long the request queued before admission (zero when admitted at once).
    std::chrono::steady_clock::duration waited() const noexcept { return waited_; }

    /// Where the admission stood relative to the steady pace (pass it in
    /// `response_feedback::depth`).
    detail::admission_depth depth() const noexcept { return depth_; }

private:
    friend class detail::budget_core;
    admission_permit(std::shared_ptr<detail::budget_core> core,
                     std::chrono::steady_clock::time_point admitted_at,
                     std::chrono::steady_clock::duration waited, detail::admission_depth depth) noexcept;

    std::shared_ptr<detail::budget_core> core_;
    std::chrono::steady_clock::time_point admitted_at_{};
    std::chrono::steady_clock::duration waited_{};
    detail::admission_depth depth_{};
};

}  // namespace talentray
