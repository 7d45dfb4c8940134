// An export's rows on standard output (`--output -`): buffered writes to a descriptor that may
// be a pipe whose reader goes away.
#pragma once

#include <string>
#include <string_view>

namespace talentray::cli {

/// Appends bytes to a descriptor through a buffer. Not copyable; does not own the descriptor.
class stream_output {
public:
    explicit stream_output(int fd) : fd_(fd) {}
    stream_output(const stream_output&) = delete;
    stream_output& operator=(const stream_output&) = delete;

    /// Adds `data`; writes the buffer once it is large. Throws as `flush`.
    void append(std::string_view data);

    /// Writes everything buffered. Throws `output_closed` when the reader went away (EPIPE:
    /// SIGPIPE is ignored, see standard_streams.hpp), `local_failure` for any other failure.
    void flush();

private:
    int fd_;
    std::string buffer_;
};

}  // namespace talentray::cli
