// talentray/scheduler/budget_registry.hpp — one rate budget per API key per process, by default.
#pragma once

#include <talentray/log.hpp>
#include <talentray/scheduler/options.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace talentray {

class rate_budget;

/// A short, stable label for an API key: the first 16 hex digits of its SHA-256. Identifies the
/// key in registries and diagnostics without revealing it.
/// Throws `std::bad_alloc`, or `talentray::error` (errc::invalid_argument) if the digest cannot
/// be computed.
std::string api_key_digest(std::string_view api_key);

/// The process-wide budget of `api_key`: the budget already shared by live clients of the same
/// key, or a new one built from `options`. When a budget exists its options are kept (the
/// first client of a key configures it). The registry holds weak references only, keyed by
/// `api_key_digest` — the key itself is never stored — so a budget lives as long as a client
/// (or a permit) uses it.
///
/// With `options.shared_budget` set, a new budget is shared through that Redis by every
/// process using the same key and Redis, and by a `rate_budget` made with the key's
/// `api_key_digest` and the same Redis; Redis knows the key only as a SHA-256 of a fixed
/// prefix and that digest. `logger` (may be empty) receives the one warning logged each time
/// Redis becomes unreachable and the budget falls back to pacing this process alone.
/// Thread safety: may be called concurrently from any thread.
/// Throws `talentray::error` (errc::invalid_argument) when `options` are invalid and a new
/// budget had to be made.
std::shared_ptr<rate_budget> shared_rate_budget(std::string_view api_key, const scheduler_options& options = {},
                                                log_handler logger = {});

}  // namespace talentray
