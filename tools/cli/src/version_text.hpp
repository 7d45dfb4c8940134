// What `talentray --version` prints: this program's version and what it was built with.
#pragma once

#include <string>

namespace talentray::cli {

/// The version block: the tool's version, the SDK library's, and those of Boost, OpenSSL (as
/// built against and as loaded at run time), zlib and the compiler. Lines end with '\n'.
/// Never throws except `std::bad_alloc`.
std::string version_text();

}  // namespace talentray::cli
