// The public handle of a key's budget: today always the in-process implementation.
#include <talentray/scheduler/rate_budget.hpp>

#include "scheduler/budget_core.hpp"

namespace talentray {

rate_budget::rate_budget(scheduler_options options, std::string key_digest) {
    validate(options);
    impl_ = std::make_shared<detail::budget_core>(options, std::move(key_digest));
}

rate_budget::~rate_budget() = default;

scheduler_counters rate_budget::counters() const noexcept { return impl_->counters(); }

const scheduler_options& rate_budget::options() const noexcept { return impl_->options(); }

const std::string& rate_budget::key_digest() const noexcept { return impl_->key_digest(); }

namespace detail {

admission_budget& budget_of(const rate_budget& budget) noexcept { return *budget.impl_; }

}  // namespace detail

}  // namespace talentray
