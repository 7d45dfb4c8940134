#include "tinyproxy.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace talentray::testing {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::uint16_t free_port() {
    // The port is released before tinyproxy binds it; another process taking it in between is
    // possible but would make tinyproxy fail loudly, not the test pass wrongly.
    asio::io_context io;
    tcp::acceptor probe{io, tcp::endpoint{asio::ip::make_address("127.0.0.1"), 0}};
    return probe.local_endpoint().port();
}

bool accepts_connections(std::uint16_t port) {
    asio::io_context io;
    tcp::socket socket{io};
    boost::system::error_code ec;
    socket.connect(tcp::endpoint{asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in{path};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::string tinyproxy::find_executable() {
    std::vector<std::string> directories;
    if (const char* path = std::getenv("PATH")) {
        std::stringstream list{path};
        for (std::string dir; std::getline(list, dir, ':');)
            if (!dir.empty()) directories.push_back(dir);
    }
    directories.insert(directories.end(), {"/usr/bin", "/usr/sbin"});
    for (const auto& dir : directories) {
        const auto candidate = std::filesystem::path{dir} / "tinyproxy";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

tinyproxy::tinyproxy(const std::string& executable, std::uint16_t connect_port, std::chrono::seconds ready_within) {
    char pattern[] = "/tmp/talentray-tinyproxy-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error{"tinyproxy: cannot create a temporary directory"};
    directory_ = pattern;
    port_ = free_port();
    const auto config = directory_ / "tinyproxy.conf";
    {
        std::ofstream out{config};
        out << "Port " << port_ << "\n"
            << "Listen 127.0.0.1\n"
            << "Timeout 60\n"
            << "Allow 127.0.0.1\n"
            << "ConnectPort " << connect_port << "\n"
            << "MaxClients 20\n"
            << "LogFile \"" << (directory_ / "tinyproxy.log").string() << "\"\n"
            << "LogLevel Connect\n";
    }
    const std::string output = (directory_ / "output").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::string config_path = config.string();
    std::string program = executable;
    std::string foreground = "-d", config_flag = "-c";
    char* argv[] = {program.data(), foreground.data(), config_flag.data(), config_path.data(), nullptr};
    const int spawned = ::posix_spawn(&pid_, executable.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        pid_ = -1;
        throw std::runtime_error{"tinyproxy: cannot start " + executable};
    }

    // Ready means accepting connections; an exit before that is a failure to report.
    const auto give_up = std::chrono::steady_clock::now() + ready_within;
    while (!accepts_connections(port_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error{"tinyproxy exited at start-up: " + read_file(output)};
        }
        if (std::chrono::steady_clock::now() > give_up)
            throw std::runtime_error{"tinyproxy is not listening on port " + std::to_string(port_) + ": " +
                                     read_file(output)};
        std::this_thread::yield();
    }
}

tinyproxy::~tinyproxy() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

std::string tinyproxy::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::size_t tinyproxy::logged_requests(const std::string& request_line_start) const {
    std::ifstream log{directory_ / "tinyproxy.log"};
    std::size_t count = 0;
    const std::string marker = "): " + request_line_start;
    for (std::string line; std::getline(log, line);)
        if (line.find("Request (file descriptor") != std::string::npos && line.find(marker) != std::string::npos)
            ++count;
    return count;
}

}  // namespace talentray::testing
