#include "load_plan.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>

namespace talentray::bench {

std::string load_plan::base_url() const { return "https://" + host + ":" + std::to_string(port); }

load_plan parse_plan(int argc, char** argv, const std::string& client_name) {
    load_plan plan;
    std::string workload = "candidate";
    CLI::App app{"bench_client_" + client_name + ": one client of bench_request_cost; prints one JSON result line."};
    app.add_option("--host", plan.host);
    app.add_option("--port", plan.port)->required();
    app.add_option("--ca-file", plan.ca_file)->required();
    app.add_option("--api-key", plan.api_key)->required();
    app.add_option("--workload", workload)->check(CLI::IsMember({"candidate", "page"}));
    app.add_option("--connections", plan.connections)->check(CLI::Range(1, 1024));
    app.add_option("--requests", plan.requests)->check(CLI::Range(1, 100'000'000));
    app.add_option("--rate", plan.rate, "open loop at this total rate (requests/s); 0 = closed loop");
    app.add_option("--id-space", plan.id_space)->check(CLI::Range(1, 100'000'000));
    app.add_option("--page-space", plan.page_space)->check(CLI::Range(1, 1'000'000));
    app.add_option("--tls13-ciphersuite", plan.tls13_ciphersuite);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::exit(app.exit(e));
    }
    plan.workload = workload == "page" ? workload_kind::page : workload_kind::candidate;
    return plan;
}

std::string candidate_id(const load_plan& plan, std::size_t j) { return "cand_" + std::to_string(1 + j % plan.id_space); }

std::int64_t page_number(const load_plan& plan, std::size_t j) { return static_cast<std::int64_t>(j % plan.page_space); }

std::string request_target(const load_plan& plan, std::size_t j) {
    if (plan.workload == workload_kind::candidate) return "/api/v1/candidates/" + candidate_id(plan, j);
    return "/api/v1/candidates?page=" + std::to_string(page_number(plan, j)) + "&pageSize=" + std::to_string(page_size);
}

const char* to_string(workload_kind kind) noexcept {
    return kind == workload_kind::candidate ? "candidate" : "page";
}

std::chrono::steady_clock::time_point due_time(const load_plan& plan, std::chrono::steady_clock::time_point start,
                                               std::size_t j) {
    const std::chrono::duration<double> offset{static_cast<double>(j) / plan.rate};
    return start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(offset);
}

}  // namespace talentray::bench
