// Makes the Redis-shared implementation of admission_budget, or says the library has none.
#pragma once

#include "scheduler/admission_budget.hpp"

#include <talentray/log.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace talentray::detail {

/// A budget shared through `options.shared_budget` (validated, non-empty), found in Redis by
/// `shared_budget_identity(key_digest)`: every budget of one key, made by a client or by hand
/// with `api_key_digest(key)`, names the same state.
/// Throws `talentray::error` (errc::invalid_argument) when the library was built without Redis.
std::shared_ptr<admission_budget> make_shared_admission_budget(const scheduler_options& options,
                                                               std::string key_digest,
                                                               log_handler logger);

}  // namespace talentray::detail
