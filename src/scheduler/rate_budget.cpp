// The public handle of a key's budget: the in-process implementation, or the one shared
// through Redis when `scheduler_options::shared_budget` names one.
#include <talentray/scheduler/rate_budget.hpp>

#include "scheduler/budget_core.hpp"
#include "shared_budget/make_admission_budget.hpp"

#include <talentray/error.hpp>

namespace talentray {

rate_budget::rate_budget(scheduler_options options, std::string key_digest) {
    validate(options);
    if (options.shared_budget.empty()) {
        impl_ = std::make_shared<detail::budget_core>(options, std::move(key_digest));
        return;
    }
    if (key_digest.empty())
        throw_error(errc::invalid_argument, "scheduler_options::shared_budget: a shared rate_budget needs a "
                                            "key_digest to name it in Redis (see api_key_digest)");
    // Named from the digest, as shared_rate_budget names a key's: a budget made here with
    // api_key_digest(key) shares with the clients of that key.
    impl_ = detail::make_shared_admission_budget(options, key_digest, {});
}

rate_budget::rate_budget(from_impl, std::shared_ptr<detail::admission_budget> impl) noexcept
    : impl_(std::move(impl)) {}

rate_budget::~rate_budget() = default;

scheduler_counters rate_budget::counters() const noexcept { return impl_->counters(); }

const scheduler_options& rate_budget::options() const noexcept { return impl_->options(); }

const std::string& rate_budget::key_digest() const noexcept { return impl_->key_digest(); }

namespace detail {

admission_budget& budget_of(const rate_budget& budget) noexcept { return *budget.impl_; }

}  // namespace detail

}  // namespace talentray
