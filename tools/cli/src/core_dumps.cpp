#include "core_dumps.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace talentray::cli {

bool forbid_core_dumps() noexcept {
    const rlimit none{0, 0};
    const bool limited = ::setrlimit(RLIMIT_CORE, &none) == 0;
    // The limit alone is not enough: a core_pattern that pipes to a program ignores it.
    const bool undumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return limited && undumpable;
}

}  // namespace talentray::cli
