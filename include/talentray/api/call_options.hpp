// talentray/api/call_options.hpp — per-call overrides that every typed endpoint accepts.
#pragma once

#include <talentray/scheduler/options.hpp>

#include <chrono>
#include <optional>

namespace talentray {

/// Overrides for one call of a typed endpoint. A default-constructed value changes nothing:
/// the call is interactive and uses the client's timeouts and retry policy.
///
/// \code
///   // An export that must not delay interactive traffic of the same key:
///   const talentray::call_options bulk{.priority = talentray::priority::bulk};
///   auto page = co_await c.candidates().list_page(params, bulk);
///
///   // A probe that fails fast instead of retrying:
///   talentray::call_options once;
///   once.retry = talentray::retry_options{.max_attempts = 1};
///   auto role = co_await c.roles().try_get("role_eng_be", once);
/// \endcode
///
/// (Name the options and parameters before `co_await`, as above: g++ 12 mishandles temporaries
/// built inside a `co_await` expression.)
struct call_options {
    /// Admission class in the key's rate budget: `bulk` calls let `interactive` ones go first.
    talentray::priority priority = talentray::priority::interactive;

    /// The limit of each attempt, instead of `timeout_options::request`.
    std::optional<std::chrono::milliseconds> timeout;

    /// The retry policy of this call, instead of `client_options::retry`. Checked when the call
    /// starts; an invalid policy fails the call with `errc::invalid_argument`.
    std::optional<retry_options> retry;
};

}  // namespace talentray
