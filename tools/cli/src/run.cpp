#include "run.hpp"

#include "command_line.hpp"
#include "confirmation.hpp"
#include "console.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "standard_streams.hpp"
#include "usage_error.hpp"

#include <talentray/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <cstdlib>
#include <exception>
#include <iostream>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

int fail(console& err, exit_code code, const std::string& message) {
    err.clear_transient();
    err.write_line("talentray: " + message);
    return to_int(code);
}

std::string without_final_newline(std::string text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

// Runs the command's coroutine until it finishes, or ends the process on SIGINT/SIGTERM: an export
// loses nothing by that (its checkpoint is always consistent with its file), and it is the only
// way to leave a request that waits out a long 429 pause at once.
void run_command(const command_entry& entry, client_options options, console& err, const global_options& globals) {
    asio::io_context io{1};
    session s;
    s.client = std::make_shared<const talentray::client>(io.get_executor(), std::move(options));
    s.out = &std::cout;
    s.err = &err;
    s.interrupt_hint = std::make_shared<std::string>();
    s.verbose = globals.verbose;
    s.quiet = globals.quiet;

    asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([s](const boost::system::error_code& ec, int) {
        if (ec) return;
        std::cout.flush();
        s.err->clear_transient();
        const std::string& hint = *s.interrupt_hint;
        s.err->write_line("talentray: interrupted" + (hint.empty() ? std::string() : "; " + hint));
        std::_Exit(to_int(exit_code::interrupted));
    });

    std::exception_ptr failure;
    asio::co_spawn(io, entry.run(s), [&failure, &signals](std::exception_ptr e) {
        failure = e;
        signals.cancel();
    });
    io.run();
    std::cout.flush();
    if (failure) std::rethrow_exception(failure);
    if (!std::cout) {
        if (standard_output_closed()) throw output_closed{};
        throw local_failure("cannot write to standard output");
    }
}

}  // namespace

int run(int argc, const char* const* argv) {
    console& err = console::standard_error();
    try {
        command_line cli;
        const command_entry* entry = nullptr;
        try {
            entry = &cli.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == 0) return cli.app().exit(e);  // --help
            fail(err, exit_code::usage, e.what());
            err.write_line("Run 'talentray --help' or 'talentray COMMAND --help' for the options.");
            return to_int(exit_code::usage);
        }

        client_options options = make_client_options(cli.globals(), err);
        if (entry->needs_key && options.api_key.empty())
            return fail(err, exit_code::unauthorized,
                        "no API key: set TALENTRAY_API_KEY or pass --api-key-file FILE");

        // Asked before any request starts, while Ctrl-C still ends the process at once.
        if (entry->destructive_action)
            confirm_destructive(entry->command->get_parent()->get_name() + " " + entry->command->get_name(),
                                entry->destructive_action(), *entry->yes);

        run_command(*entry, std::move(options), err, cli.globals());
        return 0;
    } catch (const output_closed&) {
        // The reader (| head) has what it wanted: nothing is wrong that a message could explain.
        return to_int(exit_code::output_closed);
    } catch (const talentray::error& e) {
        err.clear_transient();
        err.write_line(without_final_newline(format_error(e.code(), e.diag())));
        return to_int(exit_code_for(e.code()));
    } catch (const usage_error& e) {
        return fail(err, exit_code::usage, e.what());
    } catch (const local_failure& e) {
        return fail(err, exit_code::other, e.what());
    } catch (const boost::system::system_error& e) {
        err.clear_transient();
        err.write_line(without_final_newline(format_error(e.code(), {})));
        return to_int(exit_code_for(e.code()));
    } catch (const std::exception& e) {
        return fail(err, exit_code::other, e.what());
    }
}

}  // namespace talentray::cli
