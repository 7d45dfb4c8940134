#include "durable_file.hpp"

#include "file_system_calls.hpp"
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

// Export files hold customer data: readable by their owner only.
constexpr mode_t private_mode = 0600;

std::string describe_failure(const std::filesystem::path& path, std::string_view what, int error) {
    if (error == ELOOP)
        return path.string() + " is a symbolic link; talentray writes its export files itself and does not follow links";
    return std::string(what) + " " + path.string() + ": " + std::strerror(error);
}

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, int error) {
    throw local_failure(describe_failure(path, what, error));
}

// Writes all of `data`; returns 0, or the errno of the write that failed (`done` then counts the
// bytes that were accepted before it).
int write_all(int fd, std::string_view data, std::size_t& done) {
    done = 0;
    while (done < data.size()) {
        const ssize_t n = file_calls().write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        if (n == 0) return EIO;  // a regular file that takes nothing would loop for ever
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

void sync_directory_of(const std::filesystem::path& path) {
    std::filesystem::path directory = path.parent_path();
    if (directory.empty()) directory = ".";
    const int fd = file_calls().open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (fd < 0) fail(directory, "cannot open directory", errno);
    const int synced = file_calls().fsync(fd);
    const int error = errno;
    ::close(fd);
    if (synced != 0) fail(directory, "cannot sync directory", error);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    // O_EXCL after removing a leftover: whatever was at path.tmp (a crash's remains, a planted
    // link) is never written through.
    remove_if_exists(temporary);
    const int fd =
        file_calls().open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, private_mode);
    if (fd < 0) fail(temporary, "cannot create", errno);
    std::size_t done = 0;
    int error = write_all(fd, content, done);
    std::string_view what = "cannot write";
    if (error == 0 && file_calls().fsync(fd) != 0) {
        error = errno;
        what = "cannot sync";
    }
    if (::close(fd) != 0 && error == 0) {
        error = errno;
        what = "cannot close";
    }
    if (error != 0) {
        file_calls().unlink(temporary.c_str());
        fail(temporary, what, error);
    }
    try {
        rename_durably(temporary, path);
    } catch (...) {
        file_calls().unlink(temporary.c_str());
        throw;
    }
}

std::optional<std::string> read_file_if_exists(const std::filesystem::path& path, symlinks links) {
    const int flags = O_RDONLY | O_CLOEXEC | (links == symlinks::refuse ? O_NOFOLLOW : 0);
    const int fd = ::open(path.c_str(), flags);
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
    if (file_calls().rename(from.c_str(), to.c_str()) != 0)
        throw local_failure("cannot rename " + from.string() + " to " + to.string() + ": " + std::strerror(errno));
    sync_directory_of(to);
}

void remove_if_exists(const std::filesystem::path& path) {
    if (file_calls().unlink(path.c_str()) != 0 && errno != ENOENT) fail(path, "cannot remove", errno);
}

void remove_durably(const std::filesystem::path& path) {
    if (file_calls().unlink(path.c_str()) != 0) {
        if (errno == ENOENT) return;
        fail(path, "cannot remove", errno);
    }
    sync_directory_of(path);
}

append_file::append_file(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = file_calls().open(path_.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, private_mode);
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
    // A file left by an older version may be readable by others; it is about to hold more rows.
    if (::fchmod(fd_, private_mode) != 0) {
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        fail(path_, "cannot restrict the permissions of", error);
    }
    buffer_.reserve(buffer_limit);
}

void append_file::check_usable() const {
    if (failed()) throw local_failure(path_.string() + " takes no more data after an earlier failure: " + failure_);
}

void append_file::fail_for_good(std::string_view what, int error) {
    failure_ = describe_failure(path_, what, error);
    throw local_failure(failure_);
}

void append_file::cut_to(std::uint64_t length) {
    check_usable();
    buffer_.clear();
    struct stat status {};
    if (::fstat(fd_, &status) != 0) fail(path_, "cannot inspect", errno);
    if (static_cast<std::uint64_t>(status.st_size) < length)
        throw local_failure(path_.string() + " holds " + std::to_string(status.st_size) +
                            " bytes but its checkpoint counts " + std::to_string(length) +
                            "; it was changed outside talentray, so the export cannot continue (use --force to start over)");
    if (file_calls().ftruncate(fd_, static_cast<off_t>(length)) != 0 ||
        ::lseek(fd_, static_cast<off_t>(length), SEEK_SET) < 0)
        fail_for_good("cannot cut back", errno);
    // Only the data the checkpoint counts may be on disk from here on: make the cut durable.
    if (file_calls().fsync(fd_) != 0) fail_for_good("cannot sync", errno);
    written_ = synced_ = length;
}

append_file::~append_file() {
    if (fd_ >= 0) ::close(fd_);
}

void append_file::append(std::string_view data) {
    check_usable();
    buffer_ += data;
    if (buffer_.size() >= buffer_limit) write_buffer();
}

void append_file::write_buffer() {
    std::size_t done = 0;
    const int error = write_all(fd_, buffer_, done);
    // Whatever write(2) accepted is in the file now; count it, so that nothing is written twice.
    written_ += done;
    buffer_.erase(0, done);
    if (error != 0) fail_for_good("cannot write", error);
}

void append_file::sync() {
    check_usable();
    write_buffer();
    if (file_calls().fsync(fd_) != 0) fail_for_good("cannot sync", errno);
    synced_ = written_;
}

void append_file::close() {
    sync();
    close_synced();
}

void append_file::close_synced() {
    check_usable();
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(path_, "cannot close", errno);
}

}  // namespace talentray::cli
