#include "console.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

namespace talentray::cli {
namespace {

constexpr std::string_view erase_line = "\r\033[K";

}  // namespace

console& console::standard_error() {
    static console instance{STDERR_FILENO, ::isatty(STDERR_FILENO) == 1};
    return instance;
}

void console::write_raw(std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd_, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return;  // stderr is gone: nothing sensible is left to report the failure to
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void console::write_line(std::string_view line) {
    const std::lock_guard lock{mutex_};
    std::string text;
    if (!transient_.empty()) text += erase_line;
    text += line;
    text += '\n';
    text += transient_;
    write_raw(text);
}

void console::write_prompt(std::string_view text) {
    const std::lock_guard lock{mutex_};
    std::string all;
    if (!transient_.empty()) all += erase_line;
    transient_.clear();
    all += text;
    write_raw(all);
}

void console::show_transient(std::string_view line) {
    if (!terminal_) return;
    const std::lock_guard lock{mutex_};
    transient_ = line;
    std::string text{erase_line};
    text += line;
    write_raw(text);
}

void console::clear_transient() {
    const std::lock_guard lock{mutex_};
    if (transient_.empty()) return;
    transient_.clear();
    write_raw(erase_line);
}

std::size_t console::width() const {
    winsize size{};
    if (terminal_ && ::ioctl(fd_, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

}  // namespace talentray::cli
