// base/quoted_text.hpp — showing untrusted text inside an error message.
#pragma once

#include <string>
#include <string_view>

namespace talentray::detail {

/// `text` in double quotes, safe to print and log: control characters, quotes, backslashes
/// and bytes >= 0x80 are escaped (`\n`, `\"`, `\xC3`), and text longer than 64 bytes is cut
/// with `...` so a hostile value cannot flood a log line.
std::string quoted(std::string_view text);

}  // namespace talentray::detail
