// Starting the server and the client processes of bench_request_cost, reading what they print,
// and what the kernel says about their CPU and memory.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace talentray::bench {

/// A process started with its stdout on a pipe.
class child_process {
public:
    /// Starts `argv[0]` with `argv`, adding `extra_env` ("NAME=value") to this process's
    /// environment. Throws std::runtime_error when it cannot be started.
    child_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    pid_t pid() const noexcept { return pid_; }
    /// One line of its stdout, without the newline; empty at end of output.
    std::string read_line();
    /// Everything left on its stdout.
    std::string read_all();

    struct exit_report {
        int status = -1;  ///< exit status, or -1 when killed by a signal
        double cpu_seconds = 0;
        long peak_rss_kib = 0;
    };
    /// Waits for it to exit (wait4: its own CPU and peak RSS, from the kernel).
    exit_report wait();
    /// Sends SIGTERM and waits.
    exit_report stop();

    /// User + system CPU seconds so far, from /proc/<pid>/stat (clock-tick resolution).
    double cpu_seconds_so_far() const;

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::string pending_;
    bool reaped_ = false;
};

}  // namespace talentray::bench
