// Destructive commands (sourcing delete, keys revoke): --yes in scripts, a y/N question on a
// terminal (a pseudo-terminal here), a refusal that sends nothing when there is neither.
#include "cli_fixture.hpp"

#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

using namespace cli_test;

namespace {

struct terminal_outcome {
    int exit_status = -1;
    std::string screen;  // everything the terminal showed: the question, the echoed answer, messages
};

// Runs talentray on a pseudo-terminal (stdin, stdout and stderr), types `answer` once the
// question `[y/N] ` is on the screen, and collects the screen until the program exits.
terminal_outcome run_on_terminal(const cli_fixture& f, const std::vector<std::string>& arguments,
                                 const std::string& answer) {
    std::vector<std::string> all{talentray_program()};
    const std::vector<std::string> connection = f.connection_args();
    all.insert(all.end(), connection.begin(), connection.end());
    all.insert(all.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::string key_variable = "TALENTRAY_API_KEY=" + f.server.keys().employer.key;
    char* envp[] = {key_variable.data(), nullptr};

    int terminal = -1;
    const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::execve(argv[0], argv.data(), envp);
        ::_exit(127);
    }
    terminal_outcome result;
    bool answered = false;
    for (;;) {
        pollfd ready{terminal, POLLIN, 0};
        if (::poll(&ready, 1, 30'000) != 1) break;  // a hung child: the checks below fail
        char buffer[512];
        const ssize_t n = ::read(terminal, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EIO: the child closed its side
        result.screen.append(buffer, static_cast<std::size_t>(n));
        if (!answered && result.screen.find("[y/N] ") != std::string::npos) {
            const std::string line = answer + "\n";
            REQUIRE(::write(terminal, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
            answered = true;
        }
    }
    ::kill(pid, SIGKILL);  // harmless when it has exited; ends it when it hung
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(terminal);
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    return result;
}

std::string create_lead(const cli_fixture& f) {
    const outcome created = f.as_employer({"sourcing", "create", "--full-name", "Ada", "--organization-id", "org_acme"});
    REQUIRE(created.exit_status == 0);
    const auto start = created.out.find("\"id\": \"");
    REQUIRE(start != std::string::npos);
    return created.out.substr(start + 7, created.out.find('"', start + 7) - start - 7);
}

}  // namespace

TEST_CASE("destructive: sourcing delete without a terminal and without --yes is refused and sends nothing") {
    const cli_fixture f;
    const std::string id = create_lead(f);
    const std::uint64_t before = f.server.stats().requests;
    const outcome refused = f.as_employer({"sourcing", "delete", id});
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains("sourcing delete: will not delete potential candidate " + id));
    CHECK_THAT(refused.err, Catch::Contains("pass --yes"));
    CHECK(f.server.stats().requests == before);
    CHECK(f.as_employer({"sourcing", "get", id}).exit_status == 0);
}

TEST_CASE("destructive: keys revoke without a terminal and without --yes is refused and sends nothing") {
    const cli_fixture f;
    const std::uint64_t before = f.server.stats().requests;
    const outcome refused =
        f.talentray({"keys", "revoke", f.server.keys().employer.id}, f.server.keys().admin.key);
    CHECK(refused.exit_status == 2);
    CHECK_THAT(refused.err, Catch::Contains("keys revoke: will not revoke API key " + f.server.keys().employer.id));
    CHECK_THAT(refused.err, Catch::Contains("pass --yes"));
    CHECK(f.server.stats().requests == before);
    CHECK(f.as_employer({"me"}).exit_status == 0);
}

TEST_CASE("destructive: on a terminal, answering n to the question deletes nothing") {
    const cli_fixture f;
    const std::string id = create_lead(f);
    const std::uint64_t before = f.server.stats().requests;
    const terminal_outcome declined = run_on_terminal(f, {"sourcing", "delete", id}, "n");
    INFO(declined.screen);
    CHECK_THAT(declined.screen, Catch::Contains("Delete potential candidate " + id + "? [y/N] "));
    CHECK(declined.exit_status == 2);
    CHECK_THAT(declined.screen, Catch::Contains("not confirmed; nothing was changed"));
    CHECK(f.server.stats().requests == before);
    CHECK(f.as_employer({"sourcing", "get", id}).exit_status == 0);
}

TEST_CASE("destructive: on a terminal, answering y to the question deletes the lead") {
    const cli_fixture f;
    const std::string id = create_lead(f);
    const terminal_outcome confirmed = run_on_terminal(f, {"sourcing", "delete", id}, "y");
    INFO(confirmed.screen);
    CHECK_THAT(confirmed.screen, Catch::Contains("Delete potential candidate " + id + "? [y/N] "));
    CHECK(confirmed.exit_status == 0);
    CHECK_THAT(confirmed.screen, Catch::Contains("deleted potential candidate " + id));
    CHECK(f.as_employer({"sourcing", "get", id}).exit_status == 6);
}

TEST_CASE("destructive: --quiet --yes deletes without the note on stderr") {
    const cli_fixture f;
    const std::string id = create_lead(f);
    const outcome removed = f.as_employer({"--quiet", "sourcing", "delete", id, "--yes"});
    CHECK(removed.exit_status == 0);
    CHECK(removed.err.empty());
    CHECK(f.as_employer({"sourcing", "get", id}).exit_status == 6);
}
