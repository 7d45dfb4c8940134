// An invariant check for the harnesses: a violated one must stop libFuzzer with a reproducer,
// exactly as a crash does, and say which invariant broke.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace talentray::fuzz {

[[noreturn]] inline void invariant_failed(const char* expression, const char* file, int line,
                                          std::string_view detail) {
    std::fprintf(stderr, "%s:%d: invariant violated: %s\n  %.*s\n", file, line, expression,
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

}  // namespace talentray::fuzz

// A macro so the message names the expression and the line; `detail` is any string_view-able.
#define FUZZ_CHECK(condition, detail)                                                       \
    do {                                                                                    \
        if (!(condition)) ::talentray::fuzz::invariant_failed(#condition, __FILE__, __LINE__, \
                                                              (detail));                   \
    } while (false)
