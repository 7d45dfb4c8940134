// A real redis-server for the tests: started on a free port and a unix socket in a scratch
// directory, persistence off, stopped by its PID.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace redis_test {

/// Where redis-server is, or empty when it is not installed (tests then skip, saying so).
std::string redis_server_program();

/// The message a test prints when it skips for want of redis-server.
inline constexpr const char* skip_reason = "redis-server is not installed (apt-get install redis-server): skipped";

/// True when redis-server is installed. Otherwise the calling test is told it skips, with
/// `skip_reason` (a Catch WARN), and the result is false.
bool have_redis();

class redis_server {
public:
    /// Starts redis-server and returns once it accepts connections. `extra` arguments are
    /// passed on (e.g. {"--requirepass", "pw"}). Throws std::runtime_error if it cannot start.
    explicit redis_server(std::vector<std::string> extra = {});
    ~redis_server();
    redis_server(const redis_server&) = delete;
    redis_server& operator=(const redis_server&) = delete;

    /// Kills the server (SIGKILL: as a crash) and reaps it.
    void kill();
    /// Starts it again on the same port and socket.
    void restart();

    std::uint16_t port() const noexcept { return port_; }
    std::string socket_path() const { return (dir_ / "redis.sock").string(); }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }
    std::string unix_url() const { return "redis+unix://" + socket_path(); }

private:
    void start();

    std::filesystem::path dir_;
    std::uint16_t port_ = 0;
    std::vector<std::string> extra_;
    pid_t pid_ = -1;
};

/// A TCP port on 127.0.0.1 that nothing listens on at the time of the call.
std::uint16_t free_port();

}  // namespace redis_test
