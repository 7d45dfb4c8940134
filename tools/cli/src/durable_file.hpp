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
/// old content or the new one, never a mix: writes `path.tmp`, fsyncs it, renames it over `path`
/// and fsyncs the directory. Throws `local_failure` naming the file and the system's reason.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// The whole content of `path`, or nothing when it does not exist. Throws `local_failure` when it
/// exists but cannot be read.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

/// Renames `from` to `to` and fsyncs the directory, so the rename itself is durable.
/// Throws `local_failure`.
void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);

/// Removes `path` if it exists. Throws `local_failure` when it exists and cannot be removed.
void remove_if_exists(const std::filesystem::path& path);

/// A file written at its end through a buffer, whose length on disk is known after `sync()`.
///
/// Not copyable; closes the file when destroyed (without syncing: an unsynced tail is exactly
/// what a crash may lose, and the checkpoint never counts it).
class append_file {
public:
    /// Opens `path` for writing, creating it when missing, and takes an exclusive lock on it,
    /// held until the object goes away, so that two exports cannot write one file. Call `cut_to`
    /// before appending. Throws `usage_error` when another process holds the lock (nothing was
    /// changed), `local_failure` when the file cannot be opened.
    explicit append_file(std::filesystem::path path);
    ~append_file();
    append_file(const append_file&) = delete;
    append_file& operator=(const append_file&) = delete;

    /// Cuts the file to `length` bytes (0: empty), durably, and appends after them from now on.
    /// Throws `local_failure` when the file is shorter than `length` (then the data a checkpoint
    /// counted is gone and the export cannot continue from it), or cannot be cut.
    void cut_to(std::uint64_t length);

    /// Adds `data` after everything appended so far (in memory until the buffer fills).
    void append(std::string_view data);

    /// Writes the buffer and fsyncs: on return, `length()` bytes are on disk. Throws `local_failure`.
    void sync();

    /// Bytes appended so far (synced or not).
    std::uint64_t length() const noexcept { return written_ + buffer_.size(); }

    const std::filesystem::path& path() const noexcept { return path_; }

    /// Closes the file after a final `sync()`. Throws `local_failure`.
    void close();

    /// Closes the file, which must have been synced since the last `append` (releases the lock).
    void close_synced();

private:
    void write_buffer();

    std::filesystem::path path_;
    int fd_ = -1;
    std::string buffer_;
    std::uint64_t written_ = 0;  // bytes handed to write(2)
};

}  // namespace talentray::cli
