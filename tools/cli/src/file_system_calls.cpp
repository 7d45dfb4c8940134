#include "file_system_calls.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

namespace talentray::cli {
namespace {

// ::open is variadic; a plain function gives the table a fixed signature.
int open_file(const char* path, int flags, mode_t mode) { return ::open(path, flags, mode); }

}  // namespace

file_system_calls system_file_calls() noexcept {
    return {&open_file, &::write, &::fsync, &::ftruncate, &::rename, &::unlink};
}

file_system_calls& file_calls() noexcept {
    static file_system_calls calls = system_file_calls();
    return calls;
}

}  // namespace talentray::cli
