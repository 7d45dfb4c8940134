#include "scheduler/admission_permit.hpp"

#include "scheduler/budget_core.hpp"

#include <utility>

namespace talentray {

admission_permit::admission_permit(std::shared_ptr<detail::budget_core> core,
                                   std::chrono::steady_clock::time_point admitted_at,
                                   std::chrono::steady_clock::duration waited,
                                   detail::admission_depth depth) noexcept
    : core_(std::move(core)), admitted_at_(admitted_at), waited_(waited), depth_(depth) {}

admission_permit::admission_permit(admission_permit&& other) noexcept
    : core_(std::move(other.core_)), admitted_at_(other.admitted_at_), waited_(other.waited_), depth_(other.depth_) {}

admission_permit& admission_permit::operator=(admission_permit&& other) noexcept {
    if (this != &other) {
        release();
        core_ = std::move(other.core_);
        admitted_at_ = other.admitted_at_;
        waited_ = other.waited_;
        depth_ = other.depth_;
    }
    return *this;
}

admission_permit::~admission_permit() { release(); }

void admission_permit::release() noexcept {
    if (auto core = std::exchange(core_, nullptr)) core->release();
}

}  // namespace talentray
