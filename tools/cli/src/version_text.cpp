#include "version_text.hpp"

#include <boost/version.hpp>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#include <zlib.h>

// Set by tools/cli/CMakeLists.txt from project(VERSION) and the library target's VERSION.
#ifndef TALENTRAY_CLI_VERSION
#error "TALENTRAY_CLI_VERSION must be defined by the build"
#endif
#ifndef TALENTRAY_LIBRARY_VERSION
#error "TALENTRAY_LIBRARY_VERSION must be defined by the build"
#endif

namespace talentray::cli {

std::string version_text() {
    const std::string boost = std::to_string(BOOST_VERSION / 100000) + "." +
                              std::to_string(BOOST_VERSION / 100 % 1000) + "." + std::to_string(BOOST_VERSION % 100);
    std::string text = "talentray " TALENTRAY_CLI_VERSION "\n";
    text += "library: talentray " TALENTRAY_LIBRARY_VERSION "\n";
    text += "Boost: " + boost + "\n";
    // The two differ when the system's libssl was upgraded after the build.
    text += std::string("OpenSSL: ") + OpenSSL_version(OPENSSL_VERSION) + " (built with " OPENSSL_VERSION_TEXT ")\n";
    text += std::string("zlib: ") + zlibVersion() + " (built with " ZLIB_VERSION ")\n";
#if defined(__clang__)
    text += "compiler: clang " __clang_version__ "\n";
#elif defined(__GNUC__)
    text += "compiler: g++ " __VERSION__ "\n";
#endif
    return text;
}

}  // namespace talentray::cli
