#include <talentray/api/scopes.hpp>

#include <span>

namespace talentray {

bool has_scope(const me& who, operation op) noexcept {
    if (who.auth.scopes) return scopes_allow(op, *who.auth.scopes);
    // Per-key scopes narrow what a key may do; a signed-in session carries none and is limited
    // by its user's role alone.
    if (who.auth.type == "session") return true;
    return scopes_allow(op, std::span<const std::string>{});
}

}  // namespace talentray
