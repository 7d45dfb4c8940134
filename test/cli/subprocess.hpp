// Running the talentray executable as a child process, with its stdin, stdout and stderr on pipes.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cli_test {

/// How a finished child ended and what it wrote.
struct outcome {
    int exit_status = -1;  ///< the exit status; -1 when it died by a signal
    int signal = 0;        ///< the signal that killed it, if any
    std::string out;       ///< everything written to stdout
    std::string err;       ///< everything written to stderr
};

/// How a child's standard output and error are set up: by default each is a pipe the test reads.
enum class stream_setup {
    pipe,           ///< a pipe whose output `wait()` collects
    reader_closed,  ///< a pipe whose reading end the test closes at once: writes get EPIPE/SIGPIPE
    closed,         ///< no such descriptor at all in the child
    first_line,     ///< a pipe read up to its first newline and then closed, as `| head -1` does
};

struct child_streams {
    stream_setup out = stream_setup::pipe;
    stream_setup err = stream_setup::pipe;
};

/// A child process running `program` with `arguments` and exactly the environment `environment`.
/// Its output is collected in the background of `wait()`; the destructor kills and reaps it if it
/// is still running.
class child {
public:
    child(const std::string& program, const std::vector<std::string>& arguments,
          const std::map<std::string, std::string>& environment, const std::optional<std::string>& input = {},
          child_streams streams = {});
    ~child();
    child(const child&) = delete;
    child& operator=(const child&) = delete;

    /// Sends `signal` to the child.
    void kill_with(int signal);

    /// Collects the output until the child exits (killing it after `limit`), and returns it.
    outcome wait(std::chrono::milliseconds limit = std::chrono::seconds{60});

private:
    pid_t pid_ = -1;
    int out_ = -1;
    int err_ = -1;
    bool out_first_line_ = false;
};

/// Runs `program` to completion (see `child`).
outcome run(const std::string& program, const std::vector<std::string>& arguments,
            const std::map<std::string, std::string>& environment, const std::optional<std::string>& input = {},
            child_streams streams = {});

}  // namespace cli_test
