#include "stream_output.hpp"

#include "standard_streams.hpp"
#include "usage_error.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace talentray::cli {
namespace {

constexpr std::size_t buffer_limit = 64 * 1024;

}  // namespace

void stream_output::append(std::string_view data) {
    buffer_ += data;
    if (buffer_.size() >= buffer_limit) flush();
}

void stream_output::flush() {
    std::string_view rest = buffer_;
    while (!rest.empty()) {
        const ssize_t n = ::write(fd_, rest.data(), rest.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) throw output_closed{};
            throw local_failure(std::string("cannot write to standard output: ") + std::strerror(errno));
        }
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    buffer_.clear();
}

}  // namespace talentray::cli
