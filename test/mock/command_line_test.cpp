// The talentray-mock executable: its one "listening on" line, the files it writes, clean exit on
// SIGTERM/SIGINT, and exit status 2 with a clear message for bad options.
#include "raw_client.hpp"

#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace {

namespace json = boost::json;

// A child process with its stdout and stderr on pipes. Killed and reaped if the test leaves early.
class child_process {
public:
    explicit child_process(std::vector<std::string> arguments) {
        int out[2], err[2];
        REQUIRE(pipe(out) == 0);
        REQUIRE(pipe(err) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addclose(&actions, err[0]);
        arguments.insert(arguments.begin(), TALENTRAY_MOCK_EXECUTABLE);
        std::vector<char*> argv;
        for (std::string& argument : arguments) argv.push_back(argument.data());
        argv.push_back(nullptr);
        const int spawned = posix_spawn(&pid_, TALENTRAY_MOCK_EXECUTABLE, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        close(err[1]);
        stdout_ = out[0];
        stderr_ = err[0];
        REQUIRE(spawned == 0);
    }
    ~child_process() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(stdout_);
        close(stderr_);
    }

    /// The first line on stdout (without the newline); "" if none comes within 20 s.
    std::string first_line() {
        std::string line;
        char c = 0;
        pollfd ready{stdout_, POLLIN, 0};
        while (poll(&ready, 1, 20'000) == 1 && read(stdout_, &c, 1) == 1 && c != '\n') line += c;
        return line;
    }
    /// Everything the process wrote to stderr (after it exited).
    std::string error_output() {
        std::string text;
        std::array<char, 512> chunk{};
        ssize_t n = 0;
        while ((n = read(stderr_, chunk.data(), chunk.size())) > 0) text.append(chunk.data(), static_cast<std::size_t>(n));
        return text;
    }
    void signal(int number) { kill(pid_, number); }
    /// Waits for the exit and returns the exit status (-1 if it died by a signal).
    int exit_status() {
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
    int stdout_ = -1;
    int stderr_ = -1;
};

std::uint16_t port_of(const std::string& url) { return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1))); }

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in{path};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path scratch_file(const std::string& name) {
    return std::filesystem::temp_directory_path() / (name + "." + std::to_string(getpid()));
}

}  // namespace

TEST_CASE("cli: prints one listening line, writes the keys, serves, exits 0 on SIGTERM") {
    const auto keys_file = scratch_file("mock-keys.json");
    child_process mock{{"--plain", "--port", "0", "--candidates", "50", "--seed", "3", "--keys-out", keys_file.string()}};
    const std::string line = mock.first_line();
    REQUIRE(line.rfind("listening on http://127.0.0.1:", 0) == 0);

    const json::value keys = json::parse(slurp(keys_file));
    std::filesystem::remove(keys_file);
    for (const char* name : {"admin", "employer", "hiring_manager", "no_scopes", "read_only", "expired"}) {
        const json::value& key = keys.at(name);
        CHECK(key.at("key").as_string().size() == 67);
        CHECK(key.at("id").is_string());
        CHECK(key.at("owner").is_string());
        CHECK(key.at("scopes").is_array());
    }
    CHECK(keys.at("admin").at("owner") == "user_admin");

    mock_test::raw_client client{port_of(line), ""};
    mock_test::request_options options;
    options.key = std::string(keys.at("employer").at("key").as_string());
    const mock_test::reply candidates = client.checked(mock_test::http::verb::get, "/api/v1/candidates", options);
    CHECK(candidates.status == 200);
    CHECK(candidates.json().at("pagination").at("totalCount").as_int64() < 50);

    mock.signal(SIGTERM);
    CHECK(mock.exit_status() == 0);
}

TEST_CASE("cli: TLS by default; --ca-out writes the certificate to trust; SIGINT exits 0") {
    const auto ca_file = scratch_file("mock-ca.pem");
    child_process mock{{"--ca-out", ca_file.string(), "--rate-limit", "0"}};
    const std::string line = mock.first_line();
    REQUIRE(line.rfind("listening on https://127.0.0.1:", 0) == 0);
    const std::string ca = slurp(ca_file);
    std::filesystem::remove(ca_file);
    mock_test::raw_client client{port_of(line), ca};
    CHECK(client.send(mock_test::http::verb::get, "/api/public/portal/acme").status == 200);
    mock.signal(SIGINT);
    CHECK(mock.exit_status() == 0);
}

TEST_CASE("cli: bad options exit 2 with a message naming the problem") {
    struct bad_invocation {
        std::vector<std::string> arguments;
        std::string mentions;
    };
    for (const bad_invocation& bad : std::vector<bad_invocation>{
             {{"--rate-limit", "600"}, "rate limit '600'"},
             {{"--rate-limit", "10/3days"}, "unknown window unit"},
             {{"--rate-limit-shape", "leaky"}, "rate limit shape 'leaky' is unknown"},
             {{"--rate-limit-burst", "5"}, "--rate-limit-burst applies to --rate-limit-shape bucket only"},
             {{"--rate-limit-shape", "bucket", "--rate-limit-burst", "0"}, "--rate-limit-burst"},
             {{"--server-error-rate", "1.5"}, "--server-error-rate"},
             {{"--server-error-rate", "0.6", "--truncate-body-rate", "0.6"}, "add up to"},
             {{"--threads", "0"}, "threads"},
             {{"--usage-timestamp-resolution", "1us"}, "--usage-timestamp-resolution"},
             {{"--usage-rows-per-second", "0"}, "--usage-rows-per-second"},
             {{"--potential-candidates", "10"}, "potential_candidates"},
             {{"--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"}, "--tls-cert"},
             {{"--plain", "--ca-out", "/tmp/x.pem"}, "--ca-out"},
             {{"--list-order", "sideways"}, "list order 'sideways' is unknown"},
             {{"--churn-list", "usage"}, "churn.list 'usage'"},
             {{"--churn-list", "roles", "--churn-at", "middle"}, "churn position 'middle' is unknown"},
             {{"--churn-inserts-per-s", "5"}, "need --churn-list"},
             {{"--churn-list", "roles", "--churn-deletes-per-s", "-1"}, "churn.deletes_per_s"},
             {{"--too-many-requests-at", "3", "--too-many-requests-retry-after", "0"}, "--too-many-requests-retry-after"},
             {{"--arrival-log", "many"}, "--arrival-log"},
             {{"--no-such-option"}, "no-such-option"},
             {{"--port", "http"}, "--port"}}) {
        child_process mock{bad.arguments};
        INFO(bad.arguments.front());
        CHECK(mock.exit_status() == 2);
        CHECK_THAT(mock.error_output(), Catch::Contains(bad.mentions));
    }
}

TEST_CASE("cli: a port that is taken is a start-up failure, exit 1") {
    child_process first{{"--plain"}};
    const std::string line = first.first_line();
    REQUIRE_FALSE(line.empty());
    child_process second{{"--plain", "--port", std::to_string(port_of(line))}};
    CHECK(second.exit_status() == 1);
    CHECK_THAT(second.error_output(), Catch::Contains("cannot start"));
    first.signal(SIGTERM);
    CHECK(first.exit_status() == 0);
}
