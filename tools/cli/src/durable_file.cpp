#include "durable_file.hpp"

#include "usage_error.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace talentray::cli {
namespace {

constexpr std::size_t buffer_limit = 256 * 1024;

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, int error) {
    throw local_failure(std::string(what) + " " + path.string() + ": " + std::strerror(error));
}

void write_all(int fd, std::string_view data, const std::filesystem::path& path) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(path, "cannot write", errno);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void sync_directory_of(const std::filesystem::path& path) {
    std::filesystem::path directory = path.parent_path();
    if (directory.empty()) directory = ".";
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail(directory, "cannot open directory", errno);
    const int synced = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (synced != 0) fail(directory, "cannot sync directory", error);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(temporary, "cannot create", errno);
    try {
        write_all(fd, content, temporary);
        if (::fsync(fd) != 0) fail(temporary, "cannot sync", errno);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) fail(temporary, "cannot close", errno);
    rename_durably(temporary, path);
}

std::optional<std::string> read_file_if_exists(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return std::nullopt;
        fail(path, "cannot open", errno);
    }
    std::string content;
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int error = errno;
            ::close(fd);
            fail(path, "cannot read", error);
        }
        if (n == 0) break;
        content.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return content;
}

void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0)
        throw local_failure("cannot rename " + from.string() + " to " + to.string() + ": " + std::strerror(errno));
    sync_directory_of(to);
}

void remove_if_exists(const std::filesystem::path& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail(path, "cannot remove", errno);
}

append_file::append_file(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) fail(path_, "cannot open", errno);
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        if (error == EWOULDBLOCK)
            throw usage_error("another process is writing " + path_.string() + " (a talentray export of the same file "
                              "still running?); nothing was changed");
        fail(path_, "cannot lock", error);
    }
    buffer_.reserve(buffer_limit);
}

void append_file::cut_to(std::uint64_t length) {
    buffer_.clear();
    struct stat status {};
    if (::fstat(fd_, &status) != 0) fail(path_, "cannot inspect", errno);
    if (static_cast<std::uint64_t>(status.st_size) < length)
        throw local_failure(path_.string() + " holds " + std::to_string(status.st_size) +
                            " bytes but its checkpoint counts " + std::to_string(length) +
                            "; it was changed outside talentray, so the export cannot continue (use --force to start over)");
    if (::ftruncate(fd_, static_cast<off_t>(length)) != 0 || ::lseek(fd_, static_cast<off_t>(length), SEEK_SET) < 0)
        fail(path_, "cannot cut back", errno);
    // Only the data the checkpoint counts may be on disk from here on: make the cut durable.
    if (::fsync(fd_) != 0) fail(path_, "cannot sync", errno);
    written_ = length;
}

append_file::~append_file() {
    if (fd_ >= 0) ::close(fd_);
}

void append_file::append(std::string_view data) {
    buffer_ += data;
    if (buffer_.size() >= buffer_limit) write_buffer();
}

void append_file::write_buffer() {
    write_all(fd_, buffer_, path_);
    written_ += buffer_.size();
    buffer_.clear();
}

void append_file::sync() {
    write_buffer();
    if (::fsync(fd_) != 0) fail(path_, "cannot sync", errno);
}

void append_file::close() {
    sync();
    close_synced();
}

void append_file::close_synced() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(path_, "cannot close", errno);
}

}  // namespace talentray::cli
