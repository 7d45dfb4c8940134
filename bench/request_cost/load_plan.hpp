// What one client process of bench_request_cost does: which requests, over how many
// connections, on which schedule. Shared by the SDK, libcurl and Beast clients so that all three
// run exactly the same workload.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace talentray::bench {

enum class workload_kind {
    candidate,  ///< GET /api/v1/candidates/{id}, ids cycling through cand_1 .. cand_<id_space>
    page,       ///< GET /api/v1/candidates?page=k&pageSize=100, k cycling through page_space pages
};

struct load_plan {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::string ca_file;  ///< PEM file of the server's CA
    std::string api_key;  ///< sent as `Authorization: Bearer <key>`
    workload_kind workload = workload_kind::candidate;
    std::size_t connections = 1;
    std::size_t requests = 1000;  ///< steady-state requests, after the warm-up
    /// Open loop: the total rate of scheduled sends (request j is due at start + j / rate and is
    /// sent by connection j % connections). 0: closed loop, each connection sends its next
    /// request as soon as its previous response is decoded.
    double rate = 0;
    std::size_t id_space = 1000;
    std::size_t page_space = 50;
    std::string tls13_ciphersuite = "TLS_AES_128_GCM_SHA256";

    bool open_loop() const noexcept { return rate > 0; }
    std::string base_url() const;
};

/// Parses the command line every client shares; exits with a usage message on bad options.
load_plan parse_plan(int argc, char** argv, const std::string& client_name);

/// The candidate id of request j (`cand_<1 + j % id_space>`).
std::string candidate_id(const load_plan& plan, std::size_t j);
/// The page number of request j.
std::int64_t page_number(const load_plan& plan, std::size_t j);
/// The request target of request j, exactly as the SDK forms it (path and query).
std::string request_target(const load_plan& plan, std::size_t j);
/// Rows one response carries when decoded (1 or the page size).
constexpr int page_size = 100;

const char* to_string(workload_kind kind) noexcept;

/// The time request j is due in an open-loop run started at `start`.
std::chrono::steady_clock::time_point due_time(const load_plan& plan, std::chrono::steady_clock::time_point start,
                                               std::size_t j);

}  // namespace talentray::bench
