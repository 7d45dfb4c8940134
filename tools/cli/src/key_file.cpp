#include "key_file.hpp"

#include "usage_error.hpp"

#include <openssl/crypto.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace talentray::cli {
namespace {

[[noreturn]] void refuse(const std::string& what) {
    throw usage_error("--api-key-file: " + what + " (the path is not repeated: it may be the key itself)");
}

/// Closes the file and wipes the buffer however the read ends.
struct key_file_reader {
    int fd = -1;
    std::array<char, max_key_file_size + 1> buffer{};  // one byte more, to tell a file too large
    ~key_file_reader() {
        OPENSSL_cleanse(buffer.data(), buffer.size());
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

secret read_api_key_file(const std::string& path) {
    key_file_reader reader;
    // O_NONBLOCK: opening a FIFO must not wait for a writer before the type check refuses it.
    reader.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (reader.fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR) refuse("no such file");
        refuse(std::string("cannot open the file: ") + std::strerror(error));
    }
    struct stat status {};
    if (::fstat(reader.fd, &status) != 0) refuse(std::string("cannot read the file: ") + std::strerror(errno));
    if (!S_ISREG(status.st_mode)) refuse("not a regular file (a directory, device or pipe?)");

    std::size_t size = 0;
    while (size < reader.buffer.size()) {
        const ssize_t n = ::read(reader.fd, reader.buffer.data() + size, reader.buffer.size() - size);
        if (n < 0) {
            if (errno == EINTR) continue;
            refuse(std::string("cannot read the file: ") + std::strerror(errno));
        }
        if (n == 0) break;
        size += static_cast<std::size_t>(n);
    }
    if (size > max_key_file_size) refuse("the file is larger than 4 KiB, which no key file is");
    while (size > 0 && (reader.buffer[size - 1] == '\n' || reader.buffer[size - 1] == '\r')) --size;
    if (size == 0) refuse("the file holds no key");
    // On the heap even when short (past the small-string buffer), so the moves into the secret
    // hand over the block instead of copying bytes into buffers nobody wipes.
    std::string key;
    key.reserve(std::max<std::size_t>(size, 32));
    key.assign(reader.buffer.data(), size);
    return secret{std::move(key)};
}

}  // namespace talentray::cli
