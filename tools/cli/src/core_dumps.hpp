// Keeping the API key out of core dumps of the talentray process.
#pragma once

namespace talentray::cli {

/// Makes this process produce no core dump: a core size limit of 0 (RLIMIT_CORE, soft and hard)
/// and not dumpable (PR_SET_DUMPABLE 0, which also keeps other processes of the same user from
/// attaching a debugger or reading its memory through /proc). Call it before the key is read.
/// Returns false if either setting was refused; the process goes on either way.
bool forbid_core_dumps() noexcept;

}  // namespace talentray::cli
