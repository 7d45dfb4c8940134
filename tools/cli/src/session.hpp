// What a running command works with: the client, stdout and stderr.
#pragma once

#include <boost/json/value.hpp>

#include <iosfwd>
#include <memory>
#include <string>

namespace talentray {
class client;
}

namespace talentray::cli {

class console;

/// Passed by value to every command coroutine; everything it points to lives until the
/// command's io_context has finished.
struct session {
    std::shared_ptr<const talentray::client> client;
    std::ostream* out = nullptr;  ///< results: stdout
    console* err = nullptr;       ///< progress and messages: stderr
    /// What to tell the user when SIGINT/SIGTERM stops the command (set by export to say how to
    /// resume); empty: just that it was interrupted.
    std::shared_ptr<std::string> interrupt_hint;
    bool verbose = false;  ///< --verbose: also say what the rate budget learned, change by change
    bool quiet = false;    ///< --quiet: no progress, summary or notes on stderr; errors only
};

/// Writes `value` indented (a single object) to `s.out`.
void print_object(const session& s, const boost::json::value& value);

/// Writes `value` as one JSON Lines record (one row of a list) to `s.out`.
void print_row(const session& s, const boost::json::value& value);

/// Writes a confirmation for a command that has no result (revoke, delete) to stderr, unless
/// `s.quiet`.
void print_note(const session& s, const std::string& note);

}  // namespace talentray::cli
