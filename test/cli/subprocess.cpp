#include "subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>

namespace cli_test {
namespace {

void must(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string(what) + " failed: errno " + std::to_string(errno));
}

// Drains fd into text; returns false at end of file.
bool drain(int fd, std::string& text) {
    std::array<char, 65536> chunk{};
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n > 0) {
        text.append(chunk.data(), static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && errno == EINTR;
}

}  // namespace

child::child(const std::string& program, const std::vector<std::string>& arguments,
             const std::map<std::string, std::string>& environment, const std::optional<std::string>& input,
             child_streams streams) {
    int out[2], err[2], in[2];
    must(::pipe2(out, O_CLOEXEC) == 0, "pipe");
    must(::pipe2(err, O_CLOEXEC) == 0, "pipe");
    must(::pipe2(in, O_CLOEXEC) == 0, "pipe");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    if (streams.out == stream_setup::closed) posix_spawn_file_actions_addclose(&actions, STDOUT_FILENO);
    else posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    if (streams.err == stream_setup::closed) posix_spawn_file_actions_addclose(&actions, STDERR_FILENO);
    else posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);

    std::vector<std::string> argv_storage{program};
    argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& argument : argv_storage) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_storage;
    for (const auto& [name, value] : environment) env_storage.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (std::string& entry : env_storage) envp.push_back(entry.data());
    envp.push_back(nullptr);

    const int spawned = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    ::close(in[0]);
    out_ = out[0];
    err_ = err[0];
    out_first_line_ = streams.out == stream_setup::first_line;
    // Closed before the child can write anything: its first write finds no reader.
    if (streams.out != stream_setup::pipe && streams.out != stream_setup::first_line) {
        ::close(out_);
        out_ = -1;
    }
    if (streams.err != stream_setup::pipe && streams.err != stream_setup::first_line) {
        ::close(err_);
        err_ = -1;
    }
    if (spawned != 0) {
        ::close(in[1]);
        pid_ = -1;
        throw std::runtime_error("cannot start " + program);
    }
    // Small inputs fit the pipe buffer; the child reads them whenever it likes.
    if (input) {
        std::string_view rest = *input;
        while (!rest.empty()) {
            const ssize_t n = ::write(in[1], rest.data(), rest.size());
            if (n <= 0) break;
            rest.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    ::close(in[1]);
}

child::~child() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
    if (err_ >= 0) ::close(err_);
}

void child::kill_with(int signal) {
    if (pid_ > 0) ::kill(pid_, signal);
}

outcome child::wait(std::chrono::milliseconds limit) {
    outcome result;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    bool out_open = out_ >= 0, err_open = err_ >= 0;
    while (out_open || err_open) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid_, SIGKILL);
            break;
        }
        std::array<pollfd, 2> fds{{{out_open ? out_ : -1, POLLIN, 0}, {err_open ? err_ : -1, POLLIN, 0}}};
        if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) break;
        if (out_open && (fds[0].revents & (POLLIN | POLLHUP))) out_open = drain(out_, result.out);
        if (out_open && out_first_line_) {
            if (const auto end = result.out.find('\n'); end != std::string::npos) {
                result.out.resize(end + 1);
                ::close(out_);
                out_ = -1;
                out_open = false;
            }
        }
        if (err_open && (fds[1].revents & (POLLIN | POLLHUP))) err_open = drain(err_, result.err);
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

outcome run(const std::string& program, const std::vector<std::string>& arguments,
            const std::map<std::string, std::string>& environment, const std::optional<std::string>& input,
            child_streams streams) {
    child process{program, arguments, environment, input, streams};
    return process.wait();
}

}  // namespace cli_test
