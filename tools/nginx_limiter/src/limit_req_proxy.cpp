#include <talentray/nginx/limit_req_proxy.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace talentray::nginx {

namespace {

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in{path};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A port that was free a moment ago: bound, read back, closed.
std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("nginx limiter: socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("nginx limiter: no free port on 127.0.0.1");
    return ntohs(address.sin_port);
}

bool accepts_connections(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

std::string config_for(const limit_req_options& o, std::uint16_t port, const std::filesystem::path& dir) {
    const std::string d = dir.string();
    std::ostringstream c;
    // Foreground, one process, every path inside `dir`: nothing of the machine's nginx is used.
    c << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << d << "/nginx.pid;\n"
      << "error_log " << d << "/error.log warn;\n"
      << "events { worker_connections 512; }\n"
      << "http {\n"
      << "  client_body_temp_path " << d << "/body;\n  proxy_temp_path " << d << "/proxy;\n"
      << "  fastcgi_temp_path " << d << "/fastcgi;\n  uwsgi_temp_path " << d << "/uwsgi;\n"
      << "  scgi_temp_path " << d << "/scgi;\n"
      << "  log_format statuses '$status';\n"
      << "  access_log " << d << "/access.log statuses;\n"
      // One bucket per API key, as the platform documents its limit.
      << "  limit_req_zone $http_authorization zone=per_key:1m rate=" << static_cast<unsigned>(o.rate_per_second)
      << "r/s;\n"
      << "  upstream api { server 127.0.0.1:" << o.upstream_port << "; keepalive 32; }\n"
      << "  server {\n"
      << "    listen 127.0.0.1:" << port << ";\n"
      << "    keepalive_requests 100000;\n"
      << "    location / {\n"
      << "      limit_req zone=per_key burst=" << o.burst << " nodelay;\n"
      << "      limit_req_status 429;\n"
      << "      error_page 429 = @refused;\n"
      << "      proxy_http_version 1.1;\n"
      << "      proxy_set_header Connection \"\";\n"
      << "      proxy_pass http://api;\n"
      << "    }\n"
      << "    location @refused {\n"
      << "      add_header Retry-After " << o.retry_after_seconds << " always;\n"
      << "      default_type application/json;\n"
      << "      return 429 '{\"error\":\"rate_limited\",\"message\":\"Too many requests\"}';\n"
      << "    }\n"
      << "  }\n"
      << "}\n";
    return c.str();
}

}  // namespace

std::optional<std::filesystem::path> find_nginx() {
    if (const char* configured = std::getenv("TALENTRAY_NGINX"); configured && *configured) {
        if (std::filesystem::exists(configured)) return std::filesystem::path{configured};
        return std::nullopt;
    }
    const std::filesystem::path standard{"/usr/sbin/nginx"};
    if (std::filesystem::exists(standard)) return standard;
    return std::nullopt;
}

limit_req_proxy::limit_req_proxy(const limit_req_options& options) {
    const auto binary = find_nginx();
    if (!binary) throw std::runtime_error("nginx limiter: nginx is not installed (scripts/install-deps.sh installs it)");
    char pattern[] = "/tmp/talentray-nginx-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("nginx limiter: cannot create a temporary directory");
    directory_ = pattern;
    port_ = free_port();
    std::ofstream{directory_ / "nginx.conf"} << config_for(options, port_, directory_);

    const std::string program = binary->string();
    const std::string prefix = directory_.string() + "/";
    const std::string config = (directory_ / "nginx.conf").string();
    const std::string error_log = (directory_ / "error.log").string();
    std::vector<std::string> args{program, "-p", prefix, "-c", config, "-e", error_log};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
        std::filesystem::remove_all(directory_);
        throw std::runtime_error("nginx limiter: cannot start " + program);
    }
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!accepts_connections(port_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            const std::string log = read_all(error_log);
            std::filesystem::remove_all(directory_);
            throw std::runtime_error("nginx limiter: nginx exited at start-up: " + log);
        }
        if (std::chrono::steady_clock::now() > give_up) {
            stop();
            throw std::runtime_error("nginx limiter: nginx did not accept connections within 10 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
}

limit_req_proxy::~limit_req_proxy() { stop(); }

void limit_req_proxy::stop() noexcept {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    std::error_code ignored;
    if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
    directory_.clear();
}

std::string limit_req_proxy::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::uint64_t limit_req_proxy::responses_with_status(int status) const {
    std::ifstream in{directory_ / "access.log"};
    const std::string wanted = std::to_string(status);
    std::uint64_t count = 0;
    for (std::string line; std::getline(in, line);)
        if (line == wanted) ++count;
    return count;
}

}  // namespace talentray::nginx
