// A real HTTP proxy for tests: Debian's tinyproxy, started on a free port of 127.0.0.1 with a
// generated configuration that allows CONNECT to one port only, logging every request to a file
// the test reads; stopped by its PID when the object goes.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

namespace talentray::testing {

class tinyproxy {
public:
    /// The tinyproxy executable on PATH (or /usr/bin, /usr/sbin); empty when it is not installed.
    static std::string find_executable();

    /// Starts `executable` allowing CONNECT to `connect_port` only, and returns once it accepts
    /// connections. Throws std::runtime_error (with its output) if it exits or is not listening
    /// within `ready_within`.
    tinyproxy(const std::string& executable, std::uint16_t connect_port,
              std::chrono::seconds ready_within = std::chrono::seconds{10});
    ~tinyproxy();
    tinyproxy(const tinyproxy&) = delete;
    tinyproxy& operator=(const tinyproxy&) = delete;

    std::uint16_t port() const noexcept { return port_; }
    /// "http://127.0.0.1:<port>"
    std::string url() const;
    /// How many requests tinyproxy logged whose request line starts with `request_line_start`
    /// (e.g. "CONNECT 127.0.0.1:443 ").
    std::size_t logged_requests(const std::string& request_line_start) const;

private:
    std::filesystem::path directory_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace talentray::testing
