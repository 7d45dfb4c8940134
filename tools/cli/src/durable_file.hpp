// Files that survive a crash or kill -9 in a known state: appended data made durable on request,
// and small files replaced atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace talentray::cli {

/// Replaces `path` with `content` so that after a crash at any moment the file holds either its
/// old content or the new one, never a mix: writes `path.tmp` (created afresh, mode 0600, never
/// through a symbolic link; a leftover `path.tmp` is removed first), fsyncs it, renames it over
/// `path` and fsyncs the directory. Throws `local_failure` naming the file and the system's
/// reason; `path` is then unchanged and `path.tmp` removed.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Whether `read_file_if_exists` may read through a symbolic link.
enum class symlinks { follow, refuse };

/// The whole content of `path`, or nothing when it does not exist. Throws `local_failure` when it
/// exists but cannot be read, or is a symbolic link and `links` is `refuse`.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path, symlinks links = symlinks::follow);

/// Renames `from` to `to` and fsyncs the directory, so the rename itself is durable.
/// Throws `local_failure`.
void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);

/// Removes `path` if it exists. Throws `local_failure` when it exists and cannot be removed.
void remove_if_exists(const std::filesystem::path& path);

/// Removes `path` if it exists and fsyncs its directory, so that the removal survives a crash.
/// Throws `local_failure` when it cannot be removed or the directory cannot be synced.
void remove_durably(const std::filesystem::path& path);

/// A file written at its end through a buffer, whose length on disk is known after `sync()`.
///
/// After any failed write, fsync or cut the file is unusable: every later `append`, `sync`,
/// `cut_to` or `close` throws `local_failure` repeating the first failure. A write that failed
/// half way leaves an unknown tail, and an fsync that failed may have dropped data the kernel
/// will not write again, so a retry that "succeeds" would be a lie.
///
/// Not copyable; closes the file when destroyed (without syncing: an unsynced tail is exactly
/// what a crash may lose, and the checkpoint never counts it).
class append_file {
public:
    /// Opens `path` for writing, creating it when missing (mode 0600; an existing file is set to
    /// 0600 too), never through a symbolic link, and takes an exclusive lock on it, held until the
    /// object goes away, so that two exports cannot write one file. Call `cut_to` before
    /// appending. Throws `usage_error` when another process holds the lock (nothing was changed),
    /// `local_failure` when the file cannot be opened or `path` is a symbolic link.
    explicit append_file(std::filesystem::path path);
    ~append_file();
    append_file(const append_file&) = delete;
    append_file& operator=(const append_file&) = delete;

    /// Cuts the file to `length` bytes (0: empty), durably, and appends after them from now on.
    /// Throws `local_failure` when the file is shorter than `length` (then the data a checkpoint
    /// counted is gone and the export cannot continue from it), or cannot be cut.
    void cut_to(std::uint64_t length);

    /// Adds `data` after everything appended so far (in memory until the buffer fills).
    /// Throws `local_failure` when the buffer's write fails, or failed before.
    void append(std::string_view data);

    /// Writes the buffer and fsyncs: on return, `length()` bytes are on disk. Throws
    /// `local_failure` naming the file and the system's reason (then `synced_length()` is all
    /// that is known to be on disk, and the file is unusable).
    void sync();

    /// Bytes appended so far (synced or not).
    std::uint64_t length() const noexcept { return written_ + buffer_.size(); }

    /// Bytes known to be on disk: the length at the last successful `sync()` or `cut_to()`.
    std::uint64_t synced_length() const noexcept { return synced_; }

    /// True after a failed write, fsync or cut: the file takes no more data.
    bool failed() const noexcept { return !failure_.empty(); }

    const std::filesystem::path& path() const noexcept { return path_; }

    /// Closes the file after a final `sync()`. Throws `local_failure`.
    void close();

    /// Closes the file, which must have been synced since the last `append` (releases the lock).
    void close_synced();

private:
    void write_buffer();
    void check_usable() const;
    [[noreturn]] void fail_for_good(std::string_view what, int error);

    std::filesystem::path path_;
    int fd_ = -1;
    std::string buffer_;
    std::uint64_t written_ = 0;  // bytes write(2) accepted
    std::uint64_t synced_ = 0;   // bytes on disk as of the last successful fsync
    std::string failure_;        // the first failure; non-empty makes the file unusable
};

}  // namespace talentray::cli
