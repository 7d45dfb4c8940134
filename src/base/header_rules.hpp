// What an extra header field (client_options::headers, request_spec::headers) may be: an HTTP
// token for a name, a value without CR, LF or other controls, and never a field the client
// sets itself. Pure functions.
#pragma once

#include <talentray/header_field.hpp>

#include <optional>
#include <string>

namespace talentray::detail {

/// Why `field` may not be sent, in one sentence that names it (its name, or its position
/// when the name itself is unprintable; never its value); nothing when it may. `where` says
/// whose field it is, e.g. "client_options::headers[2]".
std::optional<std::string> header_field_problem(const header_field& field, const std::string& where);

}  // namespace talentray::detail
