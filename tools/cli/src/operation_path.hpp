// The path template of an operation, for files that also need <talentray/request.hpp>.
//
// <talentray/model/operation.hpp> declares an `http_method` enum that collides with the alias
// of the same name in <talentray/request.hpp>, so no file can include both. This header names
// `talentray::operation` by an opaque declaration and hands out what the table says.
#pragma once

#include <string_view>

namespace talentray {
enum class operation;
}

namespace talentray::cli {

/// The contract's path template of `op`, e.g. "/api/v1/candidates/{id}/steps".
std::string_view path_template(talentray::operation op) noexcept;

}  // namespace talentray::cli
