#include <talentray/model/operation.hpp>

#include <algorithm>

namespace talentray {

bool scopes_allow(operation op, std::span<const std::string> granted_scopes) noexcept {
    const std::string_view needed = required_scope(op);
    return needed.empty() || std::find(granted_scopes.begin(), granted_scopes.end(), needed) != granted_scopes.end();
}

}  // namespace talentray
