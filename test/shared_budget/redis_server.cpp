#include "redis_server.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace redis_test {

bool have_redis() {
    if (!redis_server_program().empty()) return true;
    WARN(skip_reason);
    return false;
}

std::string redis_server_program() {
    for (const char* candidate : {"/usr/bin/redis-server", "/usr/local/bin/redis-server"})
        if (::access(candidate, X_OK) == 0) return candidate;
    return {};
}

std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t length = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0)
        throw std::runtime_error("free_port: no port");
    ::close(fd);
    return ntohs(addr.sin_port);
}

redis_server::redis_server(std::vector<std::string> extra) : extra_(std::move(extra)) {
    std::string pattern = (std::filesystem::temp_directory_path() / "talentray-redis-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("redis_server: no scratch directory");
    dir_ = pattern;
    port_ = free_port();
    start();
}

redis_server::~redis_server() {
    kill();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void redis_server::start() {
    const std::string program = redis_server_program();
    if (program.empty()) throw std::runtime_error(skip_reason);
    std::vector<std::string> args = {program,         "--port",       std::to_string(port_), "--bind", "127.0.0.1",
                                     "--save",        "",             "--appendonly",        "no",     "--dir",
                                     dir_.string(),   "--unixsocket", socket_path(),         "--unixsocketperm",
                                     "700",           "--daemonize",  "no",                  "--loglevel", "notice"};
    args.insert(args.end(), extra_.begin(), extra_.end());
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("redis_server: no pipe");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("redis_server: fork failed");
    if (pid_ == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    // Ready when it says so on its log (stdout): no guessing how long a start takes.
    std::string log;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{20};
    char buffer[4096];
    while (log.find("Ready to accept connections") == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
        pollfd p{out[0], POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, int(left.count())) <= 0) break;
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n <= 0) break;
        log.append(buffer, std::size_t(n));
    }
    ::close(out[0]);  // later log lines go nowhere (the server ignores SIGPIPE)
    if (log.find("Ready to accept connections") == std::string::npos) {
        kill();
        throw std::runtime_error("redis-server did not start: " + log);
    }
}

void redis_server::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    ::unlink(socket_path().c_str());
}

void redis_server::restart() {
    kill();
    start();
}

}  // namespace redis_test
