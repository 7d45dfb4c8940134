// Asking before a command that cannot be undone (delete, revoke): on a terminal a y/N question,
// elsewhere a refusal unless --yes says the caller meant it.
#pragma once

#include <string>
#include <string_view>

namespace talentray::cli {

/// What to do before a destructive command.
enum class confirmation_step {
    proceed,  ///< --yes was given: no question
    ask,      ///< stdin and stderr are terminals: ask there
    refuse,   ///< no terminal to ask on, and no --yes: refuse without sending anything
};

/// The decision, from `--yes` and whether stdin and stderr are terminals (a question needs both:
/// one to be seen, one to be answered).
confirmation_step decide_confirmation(bool yes, bool stdin_terminal, bool stderr_terminal) noexcept;

/// True for an answer that means yes: "y" or "yes" in any case, blanks around it ignored.
/// Anything else, the empty answer included, means no (the default the question shows).
bool is_yes_answer(std::string_view answer) noexcept;

/// Before `command` (e.g. "sourcing delete") does `action` (e.g. "Delete potential candidate
/// pc_1"): returns when it may go ahead; asks `action? [y/N] ` on stderr and reads one line from
/// stdin when both are terminals and `yes` is false. Throws `usage_error` when there is no
/// terminal and no `--yes` (saying to pass it), or when the answer is not yes. Blocks while the
/// user thinks; call it before any request is started, while SIGINT still ends the process.
void confirm_destructive(std::string_view command, std::string_view action, bool yes);

}  // namespace talentray::cli
