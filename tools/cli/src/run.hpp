// The talentray command from argv to exit status.
#pragma once

namespace talentray::cli {

/// Parses the command line, runs the chosen command on an io_context of its own, reports a
/// failure on stderr and returns the exit status (see exit_codes.hpp). Never throws.
int run(int argc, const char* const* argv);

}  // namespace talentray::cli
