// The talentray command line: global options, one subcommand per operation group, and the
// action each leaf subcommand runs.
#pragma once

#include "global_options.hpp"
#include "session.hpp"

#include <talentray/model/operation.hpp>

#include <CLI/CLI.hpp>

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace talentray::cli {

/// What a leaf subcommand does once the command line is parsed. A plain function that returns
/// the command's coroutine (started with its arguments copied into its frame).
using command_action = std::function<boost::asio::awaitable<void>(session)>;

/// A runnable subcommand.
struct command_entry {
    CLI::App* command = nullptr;
    command_action run;
    bool needs_key = true;  ///< false for the public career-portal commands
    /// The API operation the command performs (its row of the operation table); empty for the
    /// commands that are not one operation (export, bench).
    std::optional<talentray::operation> operation;
    /// For a command that cannot be undone: what it is about to do, e.g. "Delete potential
    /// candidate pc_1", confirmed before it runs (confirmation.hpp). Empty for the others.
    std::function<std::string()> destructive_action;
    std::shared_ptr<bool> yes;  ///< its --yes flag, when destructive
};

/// The whole command line. Building it registers every subcommand; `parse` picks one.
class command_line {
public:
    command_line();
    command_line(const command_line&) = delete;
    command_line& operator=(const command_line&) = delete;

    /// Parses `argv` (argv[0] is the program name). Returns the chosen subcommand.
    /// Throws `CLI::ParseError` for what CLI11 finds (including --help, whose exit code is 0)
    /// and `usage_error` for what it cannot (an API key given as an argument).
    const command_entry& parse(int argc, const char* const* argv);

    const global_options& globals() const noexcept { return globals_; }
    CLI::App& app() noexcept { return app_; }

    /// For the command groups: registers `command`, which performs the API operation `op`, as
    /// runnable. It needs an API key unless the operation table says `op` is public.
    void add(CLI::App* command, talentray::operation op, command_action run);

    /// For the command groups: registers `command`, which is not one API operation (export,
    /// bench), as runnable; it needs an API key.
    void add(CLI::App* command, command_action run);

    /// For the command groups: registers `command`, which deletes or revokes through `op`, as
    /// runnable, with a `-y,--yes` flag; `action` tells what it is about to do, once its
    /// arguments are parsed.
    void add_destructive(CLI::App* command, talentray::operation op, command_action run,
                         std::function<std::string()> action);

    /// Every runnable subcommand, in the order the groups registered them.
    std::span<const command_entry> commands() const noexcept { return entries_; }

private:
    CLI::App app_;
    global_options globals_;
    std::string refused_key_;  // catches --api-key so that it can be refused with an explanation
    std::vector<command_entry> entries_;
};

}  // namespace talentray::cli
