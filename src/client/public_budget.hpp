// The budget of calls made without a key (the public career portal).
#pragma once

#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <memory>

namespace talentray::detail {

/// Options for the budget of a client's keyless calls, derived from the key's `options`.
///
/// Keyless calls have no documented limit, so nothing paces them ahead of time: the rate and
/// in-flight limits are far beyond what one client can send. But a server may still refuse
/// them with 429, and then every keyless call of the client waits out the `Retry-After` (or
/// the default pause), exactly as keyed calls do: the pause, its cap and its jitter are the
/// key's. A refusal does not lower a rate that was never set. Never throws.
scheduler_options public_budget_options(const scheduler_options& options) noexcept;

/// A budget for one client's keyless calls, configured by `public_budget_options(options)`.
/// Throws `talentray::error` (errc::invalid_argument) when `options` are invalid.
std::shared_ptr<rate_budget> make_public_budget(const scheduler_options& options);

}  // namespace talentray::detail
