// Parsing the command line (no command runs, nothing is sent), exit codes and error reports.
#include "command_line.hpp"
#include "console.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "export_resource.hpp"
#include "global_options.hpp"
#include "key_file.hpp"
#include "usage_error.hpp"

#include <boost/asio/error.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

using namespace talentray::cli;
namespace tr = talentray;

namespace {

// Parses argv on a fresh command line; returns the chosen command's full name ("candidates list").
struct parsed {
    std::string command;
    global_options globals;
};

parsed parse(std::vector<std::string> words) {
    words.insert(words.begin(), "talentray");
    std::vector<const char*> argv;
    for (const std::string& word : words) argv.push_back(word.c_str());
    command_line cli;
    const command_entry& entry = cli.parse(static_cast<int>(argv.size()), argv.data());
    std::string name = entry.command->get_name();
    for (const CLI::App* parent = entry.command->get_parent(); parent && parent->get_parent();
         parent = parent->get_parent())
        name = parent->get_name() + " " + name;
    return {name, cli.globals()};
}

std::string parse_error(std::vector<std::string> words) {
    try {
        parse(std::move(words));
    } catch (const CLI::ParseError& e) {
        return e.what();
    } catch (const usage_error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("command line: all 25 operations and export have a command") {
    const std::vector<std::vector<std::string>> commands{
        {"me"},
        {"candidates", "list"}, {"candidates", "get", "cand_1"}, {"candidates", "update", "cand_1", "--status", "Active"},
        {"candidates", "steps", "cand_1"},
        {"roles", "list"}, {"roles", "get", "r"}, {"roles", "update", "r", "--name", "n"}, {"roles", "steps", "r"},
        {"tests", "list"}, {"tests", "get", "t"}, {"tests", "update", "t", "--duration", "30"},
        {"sourcing", "list"}, {"sourcing", "get", "pc_1"}, {"sourcing", "create", "--full-name", "A", "--organization-id", "o"},
        {"sourcing", "update", "pc_1", "--clear-phone"}, {"sourcing", "delete", "pc_1"},
        {"cv-screening", "batch", "b"},
        {"keys", "create", "--name", "n", "--user-id", "u"}, {"keys", "list"}, {"keys", "revoke", "k"}, {"keys", "usage", "k"},
        {"portal", "get", "acme"}, {"portal", "job", "acme", "r"}, {"portal", "apply", "acme", "--role-id", "r"},
        {"export", "candidates", "--output", "x"}, {"export", "roles", "--output", "x"}, {"export", "tests", "--output", "x"},
        {"export", "sourcing", "--output", "x"}, {"export", "cv-screening-batch", "b", "--output", "x"},
        {"export", "key-usage", "k", "--output", "x"},
    };
    std::set<std::string> names;
    for (const auto& words : commands) {
        INFO(words.front());
        const parsed result = parse(words);
        names.insert(result.command);
        CHECK(words.front() == result.command.substr(0, result.command.find(' ')));
    }
    CHECK(names.size() == commands.size());
}

TEST_CASE("export resources: only the usage log is cursor-paged, by its operation's pagination style") {
    for (const talentray::cli::export_resource& resource : talentray::cli::export_resources()) {
        CAPTURE(resource.name);
        CHECK(talentray::cli::is_cursor_paged(resource) == (resource.name == "key-usage"));
    }
}

TEST_CASE("command line: global options go before or after the command") {
    const parsed before = parse({"--base-url", "https://acme.talent-ray.com", "--timeout", "5s", "-v", "me"});
    CHECK(before.command == "me");
    CHECK(before.globals.base_url == "https://acme.talent-ray.com");
    CHECK(before.globals.timeout == "5s");
    CHECK(before.globals.verbose);
    const parsed after = parse({"candidates", "get", "cand_1", "--ca-file", "ca.pem", "--rate-limit", "600/60s",
                                "--max-in-flight", "4", "--api-key-file", "key.txt"});
    CHECK(after.command == "candidates get");
    CHECK(after.globals.ca_file == "ca.pem");
    CHECK(after.globals.rate_limit == "600/60s");
    CHECK(after.globals.max_in_flight == 4u);
    CHECK(after.globals.api_key_file == "key.txt");
}

TEST_CASE("command line: the key is refused as an argument, without repeating it") {
    const std::string message = parse_error({"--api-key", "tr_secretsecret", "me"});
    CHECK_THAT(message, Catch::Contains("never taken from the command line"));
    CHECK_THAT(message, Catch::Contains("TALENTRAY_API_KEY"));
    CHECK(message.find("tr_secretsecret") == std::string::npos);
}

TEST_CASE("command line: bad commands and values are named in the message") {
    CHECK(parse_error({}) == "talentray: give a command: me, candidates, roles, tests, sourcing, cv-screening, keys, "
                             "portal, export, bench (see 'talentray --help')");
    CHECK(parse_error({"candidates"}) ==
          "talentray candidates: give a command: list, get, update, steps (see 'talentray candidates --help')");
    CHECK_THAT(parse_error({"candidates", "get"}), Catch::Contains("ID"));
    CHECK_THAT(parse_error({"candidates", "list", "--page-size", "0"}), Catch::Contains("--page-size"));
    CHECK_THAT(parse_error({"candidates", "list", "--page-size", "101"}), Catch::Contains("--page-size"));
    CHECK_THAT(parse_error({"candidates", "list", "--all", "--page", "2"}), Catch::Contains("--page"));
    CHECK_THAT(parse_error({"candidates", "list", "--count", "--all"}), Catch::Contains("--all"));
    CHECK_THAT(parse_error({"candidates", "frobnicate"}), Catch::Contains("frobnicate"));
    CHECK_THAT(parse_error({"export", "candidates"}), Catch::Contains("--output"));
    CHECK_THAT(parse_error({"export", "candidates", "--output", "x", "--resume", "--force"}), Catch::Contains("--force"));
    CHECK_THAT(parse_error({"export", "candidates", "--output", "x", "--language", "en"}), Catch::Contains("--language"));
    CHECK_THAT(parse_error({"export", "cv-screening-batch", "--output", "x"}), Catch::Contains("ID"));
    CHECK_THAT(parse_error({"keys", "usage", "k", "--limit", "501"}), Catch::Contains("--limit"));
    CHECK_THAT(parse_error({"roles", "update", "r", "--salary-min"}), Catch::Contains("--salary-min"));
}

TEST_CASE("command line: --help lists the exit codes and how the key is read") {
    command_line cli;
    const std::string help = cli.app().help();
    CHECK_THAT(help, Catch::Contains("TALENTRAY_API_KEY"));
    CHECK_THAT(help, Catch::Contains("Exit status:"));
    for (const char* code : {"  0 ", "  2 ", "  4 ", "  5 ", "  6 ", "  7 ", "  8 ", "  9 ", "  130 "})
        CHECK_THAT(help, Catch::Contains(code));
}

TEST_CASE("exit codes: one per kind of failure") {
    CHECK(exit_code_for({}) == exit_code::ok);
    CHECK(exit_code_for(tr::errc::invalid_argument) == exit_code::usage);
    CHECK(exit_code_for(tr::errc::invalid_base_url) == exit_code::usage);
    CHECK(exit_code_for(tr::errc::bad_request) == exit_code::bad_request);
    CHECK(exit_code_for(tr::errc::unauthorized) == exit_code::unauthorized);
    CHECK(exit_code_for(tr::errc::invalid_api_key) == exit_code::unauthorized);
    CHECK(exit_code_for(tr::errc::forbidden) == exit_code::forbidden);
    CHECK(exit_code_for(tr::errc::insufficient_scope) == exit_code::forbidden);
    CHECK(exit_code_for(tr::errc::not_found) == exit_code::not_found);
    CHECK(exit_code_for(tr::errc::rate_limited) == exit_code::rate_limited);
    CHECK(exit_code_for(tr::errc::admission_deadline) == exit_code::rate_limited);
    CHECK(exit_code_for(tr::errc::tls_verification_failed) == exit_code::network);
    CHECK(exit_code_for(tr::errc::connect_timeout) == exit_code::network);
    CHECK(exit_code_for(tr::errc::proxy_refused) == exit_code::network);
    CHECK(exit_code_for(tr::errc::client_closed) == exit_code::interrupted);
    CHECK(exit_code_for(tr::errc::invalid_proxy_url) == exit_code::usage);
    CHECK(exit_code_for(boost::asio::error::connection_refused) == exit_code::network);
    CHECK(exit_code_for(boost::asio::error::host_not_found) == exit_code::network);
    CHECK(exit_code_for(tr::errc::server_error) == exit_code::server_error);
    CHECK(exit_code_for(tr::errc::tie_wider_than_page) == exit_code::other);
    CHECK(exit_code_for(tr::errc::invalid_response) == exit_code::other);
    std::set<int> distinct;
    for (exit_code code : {exit_code::ok, exit_code::other, exit_code::usage, exit_code::bad_request,
                           exit_code::unauthorized, exit_code::forbidden, exit_code::not_found, exit_code::rate_limited,
                           exit_code::network, exit_code::server_error, exit_code::output_closed,
                           exit_code::interrupted})
        distinct.insert(to_int(code));
    CHECK(distinct.size() == 12);
}

TEST_CASE("error report: a scope refusal lists the missing and the granted scopes") {
    tr::diagnostics diag;
    diag.http_status = 403;
    diag.api_code = "insufficient_scope";
    diag.api_message = "This API key is missing required scope(s): candidates:read.";
    diag.required_scopes = {"candidates:read", "roles:read"};
    diag.granted_scopes = {"roles:read"};
    diag.method = "GET";
    diag.path = "/api/v1/candidates";
    const std::string report = format_error(tr::errc::insufficient_scope, diag);
    CHECK_THAT(report, Catch::StartsWith("talentray: API key lacks a required scope (403)\n"));
    CHECK_THAT(report, Catch::Contains("  GET /api/v1/candidates: HTTP 403 insufficient_scope"));
    CHECK_THAT(report, Catch::Contains("  missing scopes: candidates:read\n"));
    CHECK_THAT(report, Catch::Contains("  granted scopes: roles:read\n"));
    diag.granted_scopes.clear();
    CHECK_THAT(format_error(tr::errc::insufficient_scope, diag), Catch::Contains("  granted scopes: (none)\n"));
    CHECK(missing_scopes({"a", "b", "c"}, {"b"}) == std::vector<std::string>{"a", "c"});
    CHECK_THAT(format_error(boost::asio::error::connection_refused, {}),
               Catch::StartsWith("talentray: network or TLS failure: Connection refused"));
}

TEST_CASE("global options: the key file is trimmed of its line end; flags override the environment") {
    const auto file = std::filesystem::temp_directory_path() / ("talentray-key-" + std::to_string(::getpid()));
    const std::string key = "tr_" + std::string(64, 'k');
    {
        std::ofstream out{file};
        out << key << "\r\n";
    }
    CHECK(read_api_key_file(file.string()).reveal() == key);
    ::setenv("TALENTRAY_API_KEY", ("tr_" + std::string(64, 'e')).c_str(), 1);
    ::setenv("TALENTRAY_BASE_URL", "https://env.talent-ray.com", 1);
    console quiet{-1, false};
    global_options options;
    options.api_key_file = file.string();
    options.rate_limit = "20/1s";
    options.max_in_flight = 3;
    options.timeout = "1500ms";
    const tr::client_options client = make_client_options(options, quiet);
    CHECK(client.api_key.reveal() == key);
    CHECK(client.base_url == "https://env.talent-ray.com");
    CHECK(client.scheduler.requests_per_window == 20);
    CHECK(client.scheduler.window == std::chrono::seconds{1});
    CHECK_FALSE(client.scheduler.burst);  // learned by the budget, from a small opening burst
    CHECK(client.scheduler.max_in_flight == 3);
    CHECK(client.pool.max_connections == 3);
    CHECK(client.timeouts.request == std::chrono::milliseconds{1500});
    CHECK(client.retry.total_timeout == std::chrono::milliseconds{1500});
    options.base_url = "https://flag.talent-ray.com";
    CHECK(make_client_options(options, quiet).base_url == "https://flag.talent-ray.com");
    ::unsetenv("TALENTRAY_API_KEY");
    ::unsetenv("TALENTRAY_BASE_URL");

    std::ofstream{file} << "\n";
    CHECK_THROWS_WITH(read_api_key_file(file.string()), Catch::Contains("holds no key"));
    std::filesystem::remove(file);
    CHECK_THROWS_WITH(read_api_key_file(file.string()), Catch::Contains("no such file"));
    options.api_key_file.reset();
    options.max_in_flight = 0;
    CHECK_THROWS_WITH(make_client_options(options, quiet), Catch::Contains("--max-in-flight"));
}

TEST_CASE("global options: --proxy and --no-proxy override the proxy variables; a password in --proxy is refused") {
    ::setenv("https_proxy", "http://alice:env-pa55word@env-proxy.corp:3128", 1);
    ::setenv("no_proxy", ".env.corp", 1);
    console quiet{-1, false};
    global_options options;
    const tr::client_options from_env = make_client_options(options, quiet);
    CHECK(from_env.proxy.reveal() == "http://alice:env-pa55word@env-proxy.corp:3128");
    CHECK(from_env.no_proxy == ".env.corp");

    const auto flags = parse({"--proxy", "http://flag-proxy.corp:8080", "--no-proxy", "localhost,.corp", "me"});
    const tr::client_options client = make_client_options(flags.globals, quiet);
    ::unsetenv("https_proxy");
    ::unsetenv("no_proxy");
    CHECK(client.proxy.reveal() == "http://flag-proxy.corp:8080");
    CHECK(client.no_proxy == "localhost,.corp");

    options.proxy = "http://alice:flag-pa55word@proxy.corp:3128";
    CHECK_THROWS_WITH(make_client_options(options, quiet),
                      Catch::Contains("--proxy") && Catch::Contains("HTTPS_PROXY") && !Catch::Contains("flag-pa55word"));
    options.proxy = "alice@proxy.corp:3128";  // a user name alone is no secret
    CHECK(make_client_options(options, quiet).proxy.reveal() == "alice@proxy.corp:3128");
}
