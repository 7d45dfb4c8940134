// A real nginx `limit_req` in front of an HTTP upstream (a talentray-mock), for the tests and
// benchmarks that must meet a rate limiter nobody here wrote: a GCRA bucket with a small burst
// that answers 429 with `Retry-After`, as production gateways do.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

namespace talentray::nginx {

/// What the limiter allows, per API key (the `Authorization` header is the zone's key).
struct limit_req_options {
    double rate_per_second = 20;  ///< nginx `rate=`; whole requests per second
    unsigned burst = 5;           ///< nginx `burst=` with `nodelay`: 1 + burst at once
    unsigned retry_after_seconds = 1;  ///< the `Retry-After` sent with each 429
    std::uint16_t upstream_port = 0;   ///< plain HTTP on 127.0.0.1
};

/// The nginx binary: $TALENTRAY_NGINX, else /usr/sbin/nginx; nothing when neither exists.
std::optional<std::filesystem::path> find_nginx();

/// One nginx process in the foreground (no daemon, no master), configured in a temporary
/// directory of its own, listening on a free port of 127.0.0.1. Stopped by its PID on
/// destruction, and its directory removed.
class limit_req_proxy {
public:
    /// Starts nginx and waits until it accepts connections. Throws std::runtime_error naming
    /// what failed: no nginx binary, a config nginx rejected (with its error log), or no response
    /// within 10 seconds.
    explicit limit_req_proxy(const limit_req_options& options);
    ~limit_req_proxy();
    limit_req_proxy(const limit_req_proxy&) = delete;
    limit_req_proxy& operator=(const limit_req_proxy&) = delete;

    std::uint16_t port() const noexcept { return port_; }
    /// "http://127.0.0.1:PORT".
    std::string base_url() const;

    /// Responses with this status nginx has logged so far (its access log is flushed per
    /// request): 429 for the requests its limiter refused.
    std::uint64_t responses_with_status(int status) const;

private:
    void stop() noexcept;

    std::filesystem::path directory_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace talentray::nginx
