#include "child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <iterator>
#include <stdexcept>
#include <utility>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace talentray::bench {

child_process::child_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);

    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<char*> env;
    for (char** e = environ; *e; ++e) env.push_back(*e);
    for (const auto& e : extra_env) env.push_back(const_cast<char*>(e.c_str()));
    env.push_back(nullptr);

    const int spawned = ::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(spawned));
    }
    stdout_fd_ = fds[0];
}

child_process::~child_process() {
    if (!reaped_ && pid_ > 0) stop();
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

std::string child_process::read_line() {
    for (;;) {
        if (auto newline = pending_.find('\n'); newline != std::string::npos) {
            std::string line = pending_.substr(0, newline);
            pending_.erase(0, newline + 1);
            return line;
        }
        char chunk[4096];
        const ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::exchange(pending_, {});
        pending_.append(chunk, static_cast<std::size_t>(n));
    }
}

std::string child_process::read_all() {
    char chunk[4096];
    for (;;) {
        const ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pending_.append(chunk, static_cast<std::size_t>(n));
    }
    return std::exchange(pending_, {});
}

child_process::exit_report child_process::wait() {
    exit_report out;
    int status = 0;
    rusage usage{};
    while (::wait4(pid_, &status, 0, &usage) < 0)
        if (errno != EINTR) throw std::runtime_error("wait4: " + std::string(std::strerror(errno)));
    reaped_ = true;
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    out.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                      static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    out.peak_rss_kib = usage.ru_maxrss;
    return out;
}

child_process::exit_report child_process::stop() {
    if (reaped_) return {};
    ::kill(pid_, SIGTERM);
    return wait();
}

double child_process::cpu_seconds_so_far() const {
    std::ifstream stat{"/proc/" + std::to_string(pid_) + "/stat"};
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the command name, which is in parentheses and may contain spaces.
    const auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields{text.substr(close + 2)};
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {  // field 3 is the state
        if (i == 14) utime = std::stoull(field);
        if (i == 15) {
            stime = std::stoull(field);
            break;
        }
    }
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace talentray::bench
