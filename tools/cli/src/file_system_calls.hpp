// The system calls the export's files go through, replaceable so that tests can make a write
// fail half way, a disk fill up or an fsync report an error at an exact moment.
#pragma once

#include <sys/types.h>

#include <cstddef>

namespace talentray::cli {

/// One pointer per call, with the signature and the errno behaviour of the POSIX call.
struct file_system_calls {
    int (*open)(const char* path, int flags, mode_t mode);
    ssize_t (*write)(int fd, const void* data, std::size_t size);
    int (*fsync)(int fd);
    int (*ftruncate)(int fd, off_t length);
    int (*rename)(const char* from, const char* to);
    int (*unlink)(const char* path);
};

/// The real calls.
file_system_calls system_file_calls() noexcept;

/// The calls `durable_file` uses: the real ones unless a test replaced them. Not synchronised:
/// replace them only while no file operation runs.
file_system_calls& file_calls() noexcept;

}  // namespace talentray::cli
