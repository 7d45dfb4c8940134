#include <talentray/model/operation.hpp>

#include <algorithm>
#include <cstddef>

namespace talentray {
namespace {

// `describe` indexes the table by the enum's value: a row out of place would describe another
// operation.
constexpr bool operations_are_in_enum_order() {
    for (std::size_t i = 0; i < operations.size(); ++i)
        if (static_cast<std::size_t>(operations[i].op) != i) return false;
    return true;
}
static_assert(operations_are_in_enum_order(), "operations[] must be indexed by operation");

}  // namespace

bool scopes_allow(operation op, std::span<const std::string> granted_scopes) noexcept {
    const std::string_view needed = required_scope(op);
    return needed.empty() || std::find(granted_scopes.begin(), granted_scopes.end(), needed) != granted_scopes.end();
}

}  // namespace talentray
