// One client process's result, as bench_request_cost tabulates it.
#pragma once

#include <string>

namespace talentray::bench {

struct client_run {
    std::string client;    ///< sdk, curl, beast
    std::string workload;  ///< candidate, page
    std::size_t connections = 0;
    bool open_loop = false;
    double rate = 0;  ///< open loop: scheduled requests/s
    std::size_t requests = 0;
    std::size_t rows = 0;
    std::size_t failures = 0;
    std::string first_failure;
    double seconds = 0;
    double cpu_seconds = 0;  ///< steady phase, user + sys
    double p50_us = 0, p99_us = 0, p999_us = 0, max_us = 0;
    double handshake_mean_ms = 0, handshake_max_ms = 0;
    double warmup_cpu_s = 0;
    long peak_rss_kib = 0;
    std::string tls;
    double server_cpu_percent = 0;  ///< of one core, over the client process's lifetime
    double server_cpu_per_1000 = 0;

    double requests_per_second() const { return seconds > 0 ? static_cast<double>(requests) / seconds : 0; }
    double cpu_per_1000() const { return requests ? cpu_seconds * 1000.0 / static_cast<double>(requests) : 0; }
};

/// Parses the JSON line a client prints; throws std::runtime_error when it is not one.
client_run parse_client_line(const std::string& line);

}  // namespace talentray::bench
