#include "client/public_budget.hpp"

namespace talentray::detail {

scheduler_options public_budget_options(const scheduler_options& options) noexcept {
    scheduler_options out = options;  // pauses and the retry budget as for the key
    out.requests_per_window = 1'000'000;
    out.window = std::chrono::seconds{1};
    out.burst = 500'000;  // the bucket refills at the other half a second
    out.max_in_flight = 1'000'000;
    out.rate_decrease_factor = 1.0;
    out.min_rate_fraction = 1.0;
    out.rate_recovery_period.reset();
    out.shared_budget.clear();  // calls without a key share no key's budget
    return out;
}

std::shared_ptr<rate_budget> make_public_budget(const scheduler_options& options) {
    return std::make_shared<rate_budget>(public_budget_options(options), "keyless calls");
}

}  // namespace talentray::detail
