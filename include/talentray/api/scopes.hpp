// talentray/api/scopes.hpp — whether a key's scopes allow an operation, checked before calling.
#pragma once

#include <talentray/model/me.hpp>
#include <talentray/model/operation.hpp>

namespace talentray {

/// True when the principal `who` (as `client::me()` returns it) may call `op` as far as per-key
/// scopes go: `op` needs no scope (`required_scope(op)` is empty), or the key was granted that
/// scope. Scopes compare literally, so `candidates:write` does not imply `candidates:read`.
/// A browser session (`who.auth.scopes` absent, `who.auth.type == "session"`) is not
/// scope-gated; any other principal without a scope list is treated as holding no scope.
///
/// A true answer is not a promise: the owner's role can still refuse the call (`forbidden`;
/// the `/api/admin` operations need a platform admin, which scopes do not show) and resources
/// the key cannot see are `not_found`. A false answer means the call would fail with
/// `insufficient_scope`, whose diagnostics list the required and the granted scopes.
/// Never throws.
bool has_scope(const me& who, operation op) noexcept;

}  // namespace talentray
