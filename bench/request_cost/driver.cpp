// bench_request_cost: the cost of one request over keep-alive TLS, this SDK side by side with a
// libcurl multi program and a minimal Beast client, against one talentray-mock process.
//
// For each workload (GET one candidate; GET a 100-row page) and each connection count C:
//   1. closed loop: each client sends N requests over C warm connections as fast as responses
//      come back -> requests/s, client CPU per 1,000 requests, peak RSS;
//   2. open loop: each client sends at the same fixed rate (--open-fraction of the slowest
//      client's closed-loop rate), request j due at start + j / rate on connection j % C, and
//      latency runs from that due time, so a stall delays every request scheduled behind it
//      instead of hiding them -> p50 / p99 / p99.9.
// Every client is its own process: its CPU (getrusage inside it, around the steady phase) and
// peak RSS are its own. The server's CPU is read from /proc/<pid>/stat around each client run.
// TLS 1.3 with one suite is pinned for all three (the SDK through OPENSSL_CONF, see README).
//
//   bench_request_cost                                   # everything, 3 runs per row: about 3 minutes
//   bench_request_cost --connections 8 --workloads page --repeat 3
#include "child_process.hpp"
#include "client_run.hpp"
#include "tables.hpp"

#include <CLI/CLI.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

namespace bench = talentray::bench;
namespace fs = std::filesystem;

namespace {

struct driver_options {
    fs::path bin_dir;
    fs::path mock;
    std::vector<std::size_t> connections{1, 8, 64};
    std::vector<std::string> workloads{"candidate", "page"};
    std::vector<std::string> clients{"sdk", "curl", "beast"};
    std::size_t candidate_requests = 4000;
    std::size_t page_requests = 600;
    double open_fraction = 0.5;
    double open_seconds = 2.0;
    unsigned server_threads = 1;
    int repeat = 3;
    std::string ciphersuite = "TLS_AES_128_GCM_SHA256";
    std::string raw_out;
};

struct server_info {
    std::uint16_t port = 0;
    std::string ca_file;
    std::string api_key;
    std::string openssl_conf;
};

std::string load_average() {
    std::ifstream in{"/proc/loadavg"};
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

/// Pins TLS 1.3 and one suite for every OpenSSL context the client processes create, which is
/// the only way to reach the SDK's context without an SDK option for it.
std::string write_openssl_conf(const fs::path& dir, const std::string& suite) {
    const fs::path file = dir / "openssl-bench.cnf";
    std::ofstream out{file};
    out << "openssl_conf = openssl_init\n\n[openssl_init]\nssl_conf = ssl_module\n\n[ssl_module]\n"
           "system_default = tls_pinning\n\n[tls_pinning]\nMinProtocol = TLSv1.3\nCiphersuites = "
        << suite << "\n";
    return file.string();
}

bench::client_run run_client(const driver_options& options, const server_info& server,
                             bench::child_process& mock, const std::string& client, const std::string& workload,
                             std::size_t connections, std::size_t requests, double rate) {
    const std::vector<std::string> argv{(options.bin_dir / ("bench_client_" + client)).string(),
                                        "--port", std::to_string(server.port),
                                        "--ca-file", server.ca_file,
                                        "--api-key", server.api_key,
                                        "--workload", workload,
                                        "--connections", std::to_string(connections),
                                        "--requests", std::to_string(requests),
                                        "--rate", std::to_string(rate),
                                        "--tls13-ciphersuite", options.ciphersuite};
    const double server_cpu_before = mock.cpu_seconds_so_far();
    const auto started = std::chrono::steady_clock::now();
    bench::child_process process{argv, {"OPENSSL_CONF=" + server.openssl_conf}};
    const std::string output = process.read_all();
    const auto exit = process.wait();
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;
    const double server_cpu = mock.cpu_seconds_so_far() - server_cpu_before;

    const auto last_line_start = output.find_last_of('\n', output.size() >= 2 ? output.size() - 2 : 0);
    const std::string line = last_line_start == std::string::npos ? output : output.substr(last_line_start + 1);
    bench::client_run run = bench::parse_client_line(line);
    if (exit.status != 0 && run.failures == 0) {
        run.failures = 1;
        run.first_failure = "exit status " + std::to_string(exit.status);
    }
    run.server_cpu_percent = 100.0 * server_cpu / wall.count();
    run.server_cpu_per_1000 = server_cpu * 1000.0 / static_cast<double>(std::max<std::size_t>(1, requests));
    std::cerr << client << " " << workload << " C=" << connections << (rate > 0 ? " open " : " closed ")
              << static_cast<long>(run.requests_per_second()) << " req/s, "
              << run.cpu_per_1000() << " CPU s/1000, p99 " << run.p99_us / 1000.0 << " ms, server "
              << static_cast<int>(run.server_cpu_percent) << " %"
              << (run.failures ? ", FAILED: " + run.first_failure : "") << "\n";
    return run;
}

/// Of several runs of one configuration, the one with the median of `key`.
template <class Key>
bench::client_run median_run(std::vector<bench::client_run> runs, Key key) {
    std::sort(runs.begin(), runs.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    return runs[(runs.size() - 1) / 2];
}

}  // namespace

int main(int argc, char** argv) {
    driver_options options;
    CLI::App app{"Per-request cost over keep-alive TLS: the SDK, libcurl multi and a minimal Beast client."};
    app.add_option("--bin-dir", options.bin_dir, "where the bench_client_* programs are (default: beside this one)");
    app.add_option("--mock", options.mock, "the talentray-mock program (default: <bin-dir>/../../tools/mock/talentray-mock)");
    app.add_option("--connections", options.connections, "connection counts C")->delimiter(',');
    app.add_option("--workloads", options.workloads, "candidate, page")->delimiter(',');
    app.add_option("--clients", options.clients, "sdk, curl, beast")->delimiter(',');
    app.add_option("--candidate-requests", options.candidate_requests, "closed-loop requests per run, one candidate");
    app.add_option("--page-requests", options.page_requests, "closed-loop requests per run, 100-row pages");
    app.add_option("--open-fraction", options.open_fraction,
                   "open-loop rate as a fraction of the slowest client's closed-loop rate")
        ->check(CLI::Range(0.01, 1.0));
    app.add_option("--open-seconds", options.open_seconds, "length of each open-loop run");
    app.add_option("--server-threads", options.server_threads)->check(CLI::Range(1, 64));
    app.add_option("--repeat", options.repeat, "runs per configuration; the tables show the median")
        ->check(CLI::Range(1, 9));
    app.add_option("--tls13-ciphersuite", options.ciphersuite);
    app.add_option("--raw-out", options.raw_out, "also write every run's result line here");
    CLI11_PARSE(app, argc, argv);

    try {
        if (options.bin_dir.empty()) options.bin_dir = fs::canonical("/proc/self/exe").parent_path();
        if (options.mock.empty()) options.mock = options.bin_dir / ".." / ".." / "tools" / "mock" / "talentray-mock";
        std::vector<std::string> clients;
        for (const auto& c : options.clients) {
            if (fs::exists(options.bin_dir / ("bench_client_" + c)))
                clients.push_back(c);
            else
                std::cerr << "bench_client_" << c << " is not built; skipped\n";
        }

        char dir_template[] = "/tmp/bench_request_cost.XXXXXX";
        if (!::mkdtemp(dir_template)) throw std::runtime_error("cannot create a temporary directory");
        const fs::path dir{dir_template};
        server_info server;
        server.ca_file = (dir / "ca.pem").string();
        server.openssl_conf = write_openssl_conf(dir, options.ciphersuite);
        const std::string keys_file = (dir / "keys.json").string();
        bench::child_process mock{{options.mock.string(), "--rate-limit", "0", "--candidates", "10000",
                                   "--threads", std::to_string(options.server_threads), "--ca-out", server.ca_file,
                                   "--keys-out", keys_file}};
        const std::string listening = mock.read_line();
        const auto colon = listening.rfind(':');
        if (listening.rfind("listening on https://", 0) != 0 || colon == std::string::npos)
            throw std::runtime_error("talentray-mock did not start: '" + listening + "'");
        server.port = static_cast<std::uint16_t>(std::stoi(listening.substr(colon + 1)));
        {
            std::ifstream keys{keys_file};
            std::stringstream text;
            text << keys.rdbuf();
            server.api_key = boost::json::parse(text.str()).at("admin").at("key").as_string().c_str();
        }

        const std::string load_before = load_average();
        const auto started = std::chrono::steady_clock::now();
        std::vector<bench::client_run> closed, open, raw;
        for (const auto& workload : options.workloads) {
            const std::size_t requests = workload == "page" ? options.page_requests : options.candidate_requests;
            for (std::size_t c : options.connections) {
                const std::size_t n = std::max(requests, 4 * c);
                double slowest = 0;
                for (const auto& client : clients) {
                    std::vector<bench::client_run> repeats;
                    for (int i = 0; i < options.repeat; ++i)
                        repeats.push_back(run_client(options, server, mock, client, workload, c, n, 0));
                    raw.insert(raw.end(), repeats.begin(), repeats.end());
                    closed.push_back(median_run(repeats, [](const auto& r) { return r.cpu_per_1000(); }));
                    const double rps = closed.back().requests_per_second();
                    slowest = slowest == 0 ? rps : std::min(slowest, rps);
                }
                const double rate = std::max(1.0, slowest * options.open_fraction);
                const auto open_n = std::max<std::size_t>(4 * c, static_cast<std::size_t>(rate * options.open_seconds));
                for (const auto& client : clients) {
                    std::vector<bench::client_run> repeats;
                    for (int i = 0; i < options.repeat; ++i)
                        repeats.push_back(run_client(options, server, mock, client, workload, c, open_n, rate));
                    raw.insert(raw.end(), repeats.begin(), repeats.end());
                    open.push_back(median_run(repeats, [](const auto& r) { return r.p99_us; }));
                }
            }
        }
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        mock.stop();
        fs::remove_all(dir);

        std::cout << "Server: talentray-mock, " << options.server_threads
                  << " thread(s), TLS on 127.0.0.1, rate limit off, 10,000 candidates. Load average before "
                  << load_before << ", after " << load_average() << "; " << static_cast<int>(elapsed.count())
                  << " s of runs; " << options.repeat << " run(s) per row (median shown).\n\n";
        std::cout << "TLS negotiated (libcurl, Beast: read from the connection; SDK: the suites its process "
                     "offers):\n\n";
        bench::print_tls_lines(std::cout, closed);
        std::cout << "\n#### Steady state, closed loop (C warm connections, each sends its next request when "
                     "the previous response is decoded)\n\n";
        bench::print_steady_table(std::cout, closed);
        std::cout << "\n#### Latency from the scheduled send time, open loop at a common rate ("
                  << options.open_fraction << " of the slowest client's closed-loop rate)\n\n";
        bench::print_latency_table(std::cout, open);
        std::cout << "\n#### Connection set-up (the warm-up of the closed-loop runs: one request per new "
                     "connection, all C at once), excluded from the tables above\n\n";
        bench::print_handshake_table(std::cout, closed);

        if (!options.raw_out.empty()) {
            std::ofstream out{options.raw_out};
            for (const auto& r : raw)
                out << r.client << ' ' << r.workload << ' ' << r.connections << ' ' << (r.open_loop ? "open" : "closed")
                    << ' ' << r.requests_per_second() << ' ' << r.cpu_per_1000() << ' ' << r.p50_us << ' ' << r.p99_us
                    << ' ' << r.p999_us << ' ' << r.peak_rss_kib << ' ' << r.server_cpu_percent << '\n';
        }
        bool failed = false;
        for (const auto& r : raw) failed = failed || r.failures != 0;
        return failed ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_request_cost: " << e.what() << '\n';
        return 1;
    }
}
