#include "command_line.hpp"

#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "usage_error.hpp"
#include "version_text.hpp"

#include <algorithm>

namespace talentray::cli {
namespace {

const char* const description =
    "talentray: the Talent-Ray hiring API from the command line.\n"
    "Single objects print as indented JSON, lists as JSON Lines (one object per line).";

std::string footer() {
    return "API key: from the environment variable TALENTRAY_API_KEY, or --api-key-file FILE (a trailing\n"
           "newline is ignored); never from an argument. TALENTRAY_BASE_URL and TALENTRAY_CA_FILE set the\n"
           "defaults of --base-url and --ca-file; https_proxy/HTTPS_PROXY and no_proxy/NO_PROXY those of\n"
           "--proxy and --no-proxy.\n"
           "Fields of create/update commands: --FIELD VALUE sets a field, --clear-FIELD sends null (an empty\n"
           "list for list fields), --body FILE|- takes a JSON object of fields (flags override it).\n\n" +
           exit_code_table();
}

// CLI11 ends the version text with a newline of its own.
std::string without_final_newline(std::string text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

}  // namespace

command_line::command_line() : app_(description, "talentray") {
    app_.require_subcommand(0, 1);
    app_.footer(footer());
    app_.option_defaults()->always_capture_default(false);

    app_.add_option("--base-url", globals_.base_url,
                    "API base URL, e.g. https://acme.talent-ray.com, or just the instance name");
    app_.add_option("--ca-file", globals_.ca_file, "PEM file of CA certificates to trust instead of the system's");
    app_.add_option("--api-key-file", globals_.api_key_file, "read the API key from FILE");
    app_.add_option("--proxy", globals_.proxy,
                    "HTTP proxy for https:// (CONNECT), http://host[:port] (default: https_proxy / HTTPS_PROXY; "
                    "a password only from the environment)")
        ->type_name("URL");
    app_.add_option("--no-proxy", globals_.no_proxy,
                    "hosts reached without the proxy, as curl's NO_PROXY: host suffixes, IPs, host:port, * "
                    "(default: no_proxy / NO_PROXY)")
        ->type_name("LIST");
    app_.add_option("--rate-limit", globals_.rate_limit, "the key's budget as N/DURATION (default 600/60s)")
        ->type_name("N/DURATION");
    app_.add_option("--shared-budget", globals_.shared_budget,
                    "share the key's budget with every process naming this Redis: redis://host:port/db or "
                    "redis+unix:///path (default: TALENTRAY_SHARED_BUDGET; a password only from the environment)")
        ->type_name("URL");
    app_.add_option("--user-agent", globals_.user_agent,
                    "the User-Agent header, e.g. to tell jobs apart in the key's usage log (default: the SDK's)")
        ->type_name("TEXT");
    app_.add_option("--max-in-flight", globals_.max_in_flight, "most requests in flight at once (default 16)");
    app_.add_option("--timeout", globals_.timeout, "give up on a call after this long, retries and 429 waits included, e.g. 30s "
                    "(default: 60s per attempt, retries until 120s)")
        ->type_name("DURATION");
    CLI::Option* verbose =
        app_.add_flag("-v,--verbose", globals_.verbose, "log every request and retry on stderr (never the key)");
    app_.add_flag("-q,--quiet", globals_.quiet,
                  "print nothing on stderr but errors: no progress, summary, notes or warnings; the exit status "
                  "is unchanged (not with --verbose)")
        ->excludes(verbose);
    app_.set_version_flag(
        "--version", [] { return without_final_newline(version_text()); },
        "print the versions of talentray, its library, Boost, OpenSSL and zlib, and exit");
    // Accepted only to refuse it with an explanation: a key in argv leaks through ps and shell history.
    app_.add_option("--api-key", refused_key_)->group("");

    add_me_command(*this);
    add_candidates_commands(*this);
    add_roles_commands(*this);
    add_tests_commands(*this);
    add_sourcing_commands(*this);
    add_cv_screening_commands(*this);
    add_keys_commands(*this);
    add_portal_commands(*this);
    add_export_command(*this);
    add_bench_commands(*this);
}

void command_line::add(CLI::App* command, talentray::operation op, command_action run) {
    command->fallthrough();
    entries_.push_back({command, std::move(run), describe(op).auth != auth_kind::none, op});
}

void command_line::add(CLI::App* command, command_action run) {
    command->fallthrough();
    entries_.push_back({command, std::move(run)});
}

void command_line::add_destructive(CLI::App* command, talentray::operation op, command_action run,
                                   std::function<std::string()> action) {
    auto yes = std::make_shared<bool>(false);
    command->add_flag("-y,--yes", *yes, "go ahead without asking (needed when stdin or stderr is not a terminal)");
    add(command, op, std::move(run));
    entries_.back().destructive_action = std::move(action);
    entries_.back().yes = std::move(yes);
}

const command_entry& command_line::parse(int argc, const char* const* argv) {
    app_.parse(argc, argv);
    if (app_.get_option("--api-key")->count() > 0)
        throw usage_error("--api-key: the API key is never taken from the command line (it would show in the "
                          "process list and the shell history); set TALENTRAY_API_KEY or use --api-key-file FILE");
    const auto chosen = std::find_if(entries_.begin(), entries_.end(),
                                     [](const command_entry& entry) { return entry.command->parsed(); });
    if (chosen != entries_.end()) return *chosen;

    // A group without its command, or nothing at all: say what could follow.
    const CLI::App* deepest = &app_;
    for (bool deeper = true; deeper;) {
        deeper = false;
        for (const CLI::App* sub : deepest->get_subcommands({}))
            if (sub->parsed()) {
                deepest = sub;
                deeper = true;
                break;
            }
    }
    std::string choices;
    for (const CLI::App* sub : deepest->get_subcommands({})) choices += (choices.empty() ? "" : ", ") + sub->get_name();
    const std::string where = deepest == &app_ ? "talentray" : "talentray " + deepest->get_name();
    throw usage_error(where + ": give a command: " + choices + " (see '" + where + " --help')");
}

}  // namespace talentray::cli
