// The process's standard streams when the caller closed them: `talentray ... | head` closing
// stdout early, a daemon started with stderr closed.
#pragma once

namespace talentray::cli {

/// Thrown when standard output cannot be written because its reader went away.
struct output_closed {};

/// Ignores SIGPIPE, so that a write to a pipe nobody reads fails with EPIPE instead of killing
/// the process (an export must not die because its stderr went away), and opens /dev/null on
/// each of the descriptors 0-2 that is closed, so that no file opened later (an export's data)
/// becomes standard output or error and receives messages. Call once, first thing in `main`.
/// Never throws; a descriptor that cannot be reopened stays closed.
void secure_standard_streams() noexcept;

/// True when standard output is a pipe or socket whose reading end is closed.
bool standard_output_closed() noexcept;

}  // namespace talentray::cli
