// stderr, shared by the progress display and the log lines so they do not garble each other.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

namespace talentray::cli {

/// Writes whole lines to a file descriptor (stderr), and on a terminal keeps one transient line
/// (the progress bar) at the bottom: a permanent line first erases it, then redraws it.
/// Thread-safe.
class console {
public:
    /// `fd`: where to write; `terminal`: whether it is a terminal (`isatty`).
    console(int fd, bool terminal) : fd_(fd), terminal_(terminal) {}

    /// The console on stderr, with `terminal` found by `isatty(2)`.
    static console& standard_error();

    bool is_terminal() const noexcept { return terminal_; }

    /// Writes `line` and a newline, keeping the transient line below it.
    void write_line(std::string_view line);

    /// Writes `text` without a newline (a question whose answer is typed after it).
    void write_prompt(std::string_view text);

    /// Replaces the transient line (terminals only; ignored otherwise).
    void show_transient(std::string_view line);

    /// Erases the transient line, if shown, and forgets it.
    void clear_transient();

    /// The terminal's width in columns (80 when unknown).
    std::size_t width() const;

private:
    void write_raw(std::string_view data);

    std::mutex mutex_;
    int fd_;
    bool terminal_;
    std::string transient_;
};

}  // namespace talentray::cli
