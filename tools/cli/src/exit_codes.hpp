// The talentray command's exit statuses: one per kind of failure a script may want to tell apart.
#pragma once

#include <boost/system/error_code.hpp>

#include <string>
#include <string_view>

namespace talentray::cli {

/// Exit statuses. The numbers are part of the command's interface: documented in
/// `talentray --help` and tools/cli/README.md, and never reused for something else.
enum class exit_code : int {
    ok = 0,
    other = 1,          ///< anything not below: an unexpected response, a local file that cannot be written
    usage = 2,          ///< bad command line or input file, refused overwrite; nothing was sent or written
    bad_request = 3,    ///< the server refused the input (400)
    unauthorized = 4,   ///< missing, invalid, revoked or expired API key (401)
    forbidden = 5,      ///< the key lacks a scope, or its owner the authority (403)
    not_found = 6,      ///< no such resource, or not visible to the key (404)
    rate_limited = 7,   ///< still rate limited (429) when the retries or the deadline ran out
    network = 8,        ///< connection, TLS or timeout failure: no complete response
    server_error = 9,   ///< the server failed (5xx)
    output_closed = 10, ///< standard output's reader went away (`| head`); ended without a message
    interrupted = 130,  ///< SIGINT or SIGTERM; an export can be continued with --resume
};

constexpr int to_int(exit_code code) noexcept { return static_cast<int>(code); }

/// The exit status for a failure reported by the SDK (or by Asio/OpenSSL underneath it).
exit_code exit_code_for(const boost::system::error_code& code) noexcept;

/// A short name for the kind of failure, e.g. "permission denied", for the error line.
std::string_view describe(exit_code code) noexcept;

/// The table of exit statuses, as printed at the end of `talentray --help`.
std::string exit_code_table();

}  // namespace talentray::cli
