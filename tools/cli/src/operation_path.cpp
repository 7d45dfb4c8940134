#include "operation_path.hpp"

#include <talentray/model/operation.hpp>

namespace talentray::cli {

std::string_view path_template(talentray::operation op) noexcept { return describe(op).path_template; }

}  // namespace talentray::cli
