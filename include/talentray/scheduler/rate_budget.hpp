// talentray/scheduler/rate_budget.hpp — the shared admission budget of one API key.
#pragma once

#include <talentray/log.hpp>
#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/scheduler_counters.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace talentray {

class rate_budget;

namespace detail {
class admission_budget;
admission_budget& budget_of(const rate_budget& budget) noexcept;
}  // namespace detail

/// Admits the requests of one API key so that together they use its rate limit fully without
/// tripping it: a token bucket; a check that counts each attempt against the limit from its
/// admission until a window after it finished, so that no delay between admission and arrival
/// can bunch more than the limit into one window of the server's; a key-wide pause after a
/// 429; a limit learned from 429s; an in-flight cap and two priority classes.
///
/// Every `client` of a key in the process shares one budget by default (see
/// `shared_rate_budget`); to share one explicitly, or to give a client a budget of its own,
/// make one with `std::make_shared<rate_budget>(...)` and set `client_options::budget`.
///
/// Thread safety: every member function may be called concurrently from any thread, and
/// clients running on different executors (and io_contexts) may share one budget. No thread
/// ever sleeps in it.
///
/// Lifetime: the budget may be destroyed while requests are queued or in flight; they keep its
/// state alive until they finish.
class rate_budget {
public:
    /// A budget configured by `options`. `key_digest` labels it in diagnostics (never pass the
    /// key itself; see `api_key_digest`).
    ///
    /// With `options.shared_budget` set, the budget is kept in that Redis under a SHA-256 of a
    /// fixed prefix and `key_digest` (required then): every process making a budget with the
    /// same digest and Redis shares it, and so do the clients of the key whose
    /// `api_key_digest` it is (`shared_rate_budget` names a key's budget the same way).
    /// Nothing connects until the first admission.
    /// Throws `talentray::error` (errc::invalid_argument) naming an invalid option, or saying
    /// that a shared budget needs a `key_digest`, or that the library was built without Redis.
    explicit rate_budget(scheduler_options options = {}, std::string key_digest = {});
    ~rate_budget();
    rate_budget(const rate_budget&) = delete;
    rate_budget& operator=(const rate_budget&) = delete;

    /// A snapshot of the counters and the current state: admitted and waited requests, 429s,
    /// retries by cause, the limit in use, in flight and queued. Never throws.
    scheduler_counters counters() const noexcept;

    /// The options the budget was created with (after validation).
    const scheduler_options& options() const noexcept;

    /// The label given at construction (empty when none).
    const std::string& key_digest() const noexcept;

private:
    friend detail::admission_budget& detail::budget_of(const rate_budget& budget) noexcept;
    friend std::shared_ptr<rate_budget> shared_rate_budget(std::string_view api_key, const scheduler_options& options,
                                                           log_handler logger);

    struct from_impl {};
    rate_budget(from_impl, std::shared_ptr<detail::admission_budget> impl) noexcept;

    std::shared_ptr<detail::admission_budget> impl_;
};

}  // namespace talentray
