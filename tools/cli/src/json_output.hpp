// How the command prints JSON: indented for one object, one compact line per row for lists.
#pragma once

#include <boost/json/value.hpp>

#include <iosfwd>
#include <string>

namespace talentray::cli {

/// `value` indented by two spaces per level, members in their order, ending with a newline:
/// what a single-object command prints. Empty objects and arrays stay `{}` and `[]`.
std::string pretty_json(const boost::json::value& value);

/// `value` serialised compactly on one line, then a newline: one JSON Lines record.
std::string json_line(const boost::json::value& value);

}  // namespace talentray::cli
