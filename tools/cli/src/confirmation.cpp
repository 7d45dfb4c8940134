#include "confirmation.hpp"

#include "console.hpp"
#include "usage_error.hpp"

#include <unistd.h>

#include <cctype>
#include <cerrno>

namespace talentray::cli {
namespace {

// One line from stdin, read byte by byte so that nothing after it is taken from the terminal.
// End of input (Ctrl-D) gives what was typed so far.
std::string read_answer_line() {
    std::string line;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || c == '\n') return line;
        line += c;
    }
}

}  // namespace

confirmation_step decide_confirmation(bool yes, bool stdin_terminal, bool stderr_terminal) noexcept {
    if (yes) return confirmation_step::proceed;
    return stdin_terminal && stderr_terminal ? confirmation_step::ask : confirmation_step::refuse;
}

bool is_yes_answer(std::string_view answer) noexcept {
    while (!answer.empty() && std::isspace(static_cast<unsigned char>(answer.front()))) answer.remove_prefix(1);
    while (!answer.empty() && std::isspace(static_cast<unsigned char>(answer.back()))) answer.remove_suffix(1);
    if (answer.size() != 1 && answer.size() != 3) return false;
    std::string lower;
    for (const char c : answer) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "y" || lower == "yes";
}

void confirm_destructive(std::string_view command, std::string_view action, bool yes) {
    const confirmation_step step =
        decide_confirmation(yes, ::isatty(STDIN_FILENO) == 1, console::standard_error().is_terminal());
    if (step == confirmation_step::proceed) return;
    std::string lowered{action};
    if (!lowered.empty())
        lowered.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(lowered.front())));
    if (step == confirmation_step::refuse)
        throw usage_error(std::string(command) + ": will not " + lowered +
                          " without confirmation, and there is no terminal to ask on; pass --yes to go ahead");
    console::standard_error().write_prompt(std::string(action) + "? [y/N] ");
    if (!is_yes_answer(read_answer_line()))
        throw usage_error(std::string(command) + ": not confirmed; nothing was changed");
}

}  // namespace talentray::cli
