// bench_pager_export: how fast, and in how much memory, a pager exports a large list.
//
// Each configuration runs in a child process of its own (this program with --single), so that
// its peak RSS is its own. The child starts an in-process mock (plain HTTP on 127.0.0.1, no rate
// limit, optional latency per response), exports every candidate through pager<candidate> and
// checks each row arrived once and in order. The parent prints the markdown table.
//
// The churn runs (--churn-rows) make the list change while it is read: the mock inserts and
// deletes candidates at random positions (--churn-inserts-per-s, --churn-deletes-per-s) in a list
// sorted oldest first; each row is checked to come after the previous one (strictly increasing
// createdAt), so no row is repeated, and the pager's reconciliation reads are counted.
//
//   bench_pager_export                                  # N = 10k, 100k, 1M; 20 ms runs and churn runs at N = 10k
//   bench_pager_export --rows 100000 --window 8 --latency-rows 10000,100000
//   bench_pager_export --rows 100000,1000000 --latency-rows '' --churn-rows 10000,100000
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/pager.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

namespace asio = boost::asio;
namespace tr = talentray;

namespace {

struct run_config {
    std::size_t rows = 10'000;
    int window = 1;
    int page_size = 100;
    int latency_ms = 0;
    unsigned server_threads = 1;
    double inserts_per_s = 0;  ///< churn; both 0: the list does not change
    double deletes_per_s = 0;
    bool overlap_reads = false;  ///< pager_options::overlap_reads
    bool churn() const noexcept { return inserts_per_s > 0 || deletes_per_s > 0; }
};

struct run_result {
    std::size_t rows = 0;
    std::uint64_t pages = 0;
    double seconds = 0;
    double pager_cpu_seconds = 0;  // the thread running the pager (the mock serves on its own)
    long peak_rss_kib = 0;
    std::size_t peak_rows_held = 0;  // the pager's own buffer: the page being read and those ahead
    std::uint64_t extra_requests = 0;  // reconciliation reads (0 when the list does not change)
    std::uint64_t requests = 0;        // every page request the pager made
    bool complete = false;
};

/// CPU time of the calling thread, in seconds.
double thread_cpu_seconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

/// The process's peak resident set (VmHWM), in KiB; 0 if unknown.
long peak_rss_kib() {
    std::ifstream status{"/proc/self/status"};
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

struct export_outcome {
    std::size_t rows = 0;
    bool in_order = true;
};

/// Reads every candidate, keeping nothing. An unchanging list must hand out cand_<i+1> as row i;
/// a changing one (sorted oldest first) rows of strictly increasing createdAt: none repeated.
asio::awaitable<export_outcome> export_all(tr::pager<tr::candidate>* p, bool churn) {
    export_outcome out;
    std::string expected;
    std::optional<tr::timestamp> previous;
    for (;;) {
        auto candidate = co_await p->next();
        if (!candidate) break;
        if (churn) {
            if (previous && !(*previous < candidate->created_at)) out.in_order = false;
            previous = candidate->created_at;
        } else {
            expected = "cand_" + std::to_string(out.rows + 1);
            if (candidate->id != expected) out.in_order = false;
        }
        ++out.rows;
    }
    co_return out;
}

run_result run_single(const run_config& config) {
    tr::mock::server_options options;
    options.tls = false;
    options.limit = {0, std::chrono::milliseconds{0}};
    options.candidates = config.rows;
    options.faults.latency = std::chrono::milliseconds{config.latency_ms};
    options.threads = config.server_threads;
    if (config.churn()) {
        options.order = tr::mock::list_order::oldest_first;
        options.churn.list = "candidates";
        options.churn.inserts_per_s = config.inserts_per_s;
        options.churn.deletes_per_s = config.deletes_per_s;
        options.churn.at = tr::mock::churn_position::random;
    }
    tr::mock::server server{options};

    asio::io_context io;
    tr::client_options client_options;
    client_options.base_url = server.base_url();
    client_options.api_key = tr::secret{server.keys().admin.key};
    client_options.pool.max_connections = 16;
    tr::scheduler_options unlimited;  // measure the pager, not the 600/min budget
    unlimited.requests_per_window = 100'000'000;
    unlimited.burst = 10'000'000;
    unlimited.max_in_flight = 64;
    client_options.budget = std::make_shared<tr::rate_budget>(unlimited);
    const tr::client admin{io.get_executor(), std::move(client_options)};

    tr::pager_options pager_options;
    pager_options.window = config.window;
    pager_options.readahead = 1;
    pager_options.overlap_reads = config.overlap_reads;
    tr::request_spec list;
    list.path = "/api/v1/candidates";
    auto p = tr::pager<tr::candidate>::offset(admin, list, config.page_size, pager_options);

    const auto started = std::chrono::steady_clock::now();
    const double cpu_started = thread_cpu_seconds();
    auto done = asio::co_spawn(io, export_all(&p, config.churn()), asio::use_future);
    io.run();
    const double cpu_used = thread_cpu_seconds() - cpu_started;
    const export_outcome outcome = done.get();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;

    run_result result;
    result.rows = outcome.rows;
    result.pages = p.stats().pages;
    result.seconds = elapsed.count();
    result.pager_cpu_seconds = cpu_used;
    result.peak_rss_kib = peak_rss_kib();
    result.peak_rows_held = p.stats().peak_buffered_rows;
    result.extra_requests = p.stats().reconcile_requests;
    result.requests = p.stats().requests;
    // With churn the final count is not known in advance; order (nothing repeated) is checked.
    result.complete = outcome.in_order && (config.churn() || outcome.rows == config.rows);
    return result;
}

std::string self_path() {
    std::vector<char> buffer(4096);
    const ssize_t length = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    if (length <= 0) throw std::runtime_error("cannot find this program's path in /proc/self/exe");
    return std::string(buffer.data(), static_cast<std::size_t>(length));
}

/// Runs one configuration in a child process and reads its result line.
run_result run_isolated(const std::string& self, const run_config& config) {
    std::ostringstream command;
    command << '\'' << self << "' --single --rows " << config.rows << " --window " << config.window << " --page-size "
            << config.page_size << " --latency-ms " << config.latency_ms << " --server-threads " << config.server_threads
            << " --churn-inserts-per-s " << config.inserts_per_s << " --churn-deletes-per-s " << config.deletes_per_s
            << (config.churn() ? " --churn" : "") << (config.overlap_reads ? " --overlap-reads" : "");
    std::unique_ptr<FILE, int (*)(FILE*)> child{::popen(command.str().c_str(), "r"), ::pclose};
    if (!child) throw std::runtime_error("cannot start " + command.str());
    run_result result;
    int complete = 0;
    unsigned long extra = 0, requests = 0;
    if (std::fscanf(child.get(), "%zu %lu %lf %lf %ld %zu %lu %lu %d", &result.rows, &result.pages, &result.seconds,
                    &result.pager_cpu_seconds, &result.peak_rss_kib, &result.peak_rows_held, &extra, &requests,
                    &complete) != 9)
        throw std::runtime_error("no result from " + command.str());
    result.extra_requests = extra;
    result.requests = requests;
    result.complete = complete != 0;
    return result;
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string thousands(double value) {
    const std::string digits = std::to_string(static_cast<long long>(value + 0.5));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Exports candidates from an in-process mock through pager<candidate> and prints a markdown table."};
    std::vector<std::size_t> rows{10'000, 100'000, 1'000'000};
    std::vector<std::size_t> latency_rows{10'000};
    int window = 8;
    int page_size = 100;
    int latency_ms = 20;
    unsigned server_threads = 1;
    std::vector<std::size_t> churn_rows{10'000};
    double inserts_per_s = 200;
    double deletes_per_s = 100;
    bool churn = false;
    bool overlap_reads = false;
    bool single = false;
    run_config config;
    app.add_option("--rows", rows, "list sizes to export without added latency")->delimiter(',');
    app.add_option("--latency-rows", latency_rows, "list sizes to export with --latency-ms per response")->delimiter(',');
    app.add_option("--window", window, "pages in flight in the parallel runs")->check(CLI::Range(1, 64));
    app.add_option("--page-size", page_size, "rows per page")->check(CLI::Range(1, 100));
    app.add_option("--latency-ms", latency_ms, "latency the mock adds to each response in the latency runs");
    app.add_option("--server-threads", server_threads, "threads serving the mock")->check(CLI::Range(1, 64));
    app.add_option("--churn-rows", churn_rows, "list sizes to export while the mock inserts and deletes rows")
        ->delimiter(',');
    app.add_option("--churn-inserts-per-s", inserts_per_s, "rows the churn runs insert per second");
    app.add_option("--churn-deletes-per-s", deletes_per_s, "rows the churn runs delete per second");
    app.add_flag("--churn", churn, "with --single: the list changes while it is read");
    app.add_flag("--overlap-reads", overlap_reads, "with --single: pager_options::overlap_reads");
    app.add_flag("--single", single, "run one configuration (--rows N --window W ...) and print its raw result");
    CLI11_PARSE(app, argc, argv);

    try {
        if (single) {
            config.rows = rows.empty() ? 0 : rows.front();
            config.window = window;
            config.page_size = page_size;
            config.latency_ms = latency_ms;
            config.server_threads = server_threads;
            config.overlap_reads = overlap_reads;
            if (churn) {
                config.inserts_per_s = inserts_per_s;
                config.deletes_per_s = deletes_per_s;
            }
            const run_result r = run_single(config);
            std::printf("%zu %lu %.6f %.6f %ld %zu %lu %lu %d\n", r.rows, static_cast<unsigned long>(r.pages),
                        r.seconds, r.pager_cpu_seconds, r.peak_rss_kib, r.peak_rows_held,
                        static_cast<unsigned long>(r.extra_requests), static_cast<unsigned long>(r.requests),
                        r.complete ? 1 : 0);
            return r.complete ? 0 : 1;
        }

        std::vector<run_config> plan;
        for (std::size_t n : rows)
            for (int w : {1, window}) plan.push_back({n, w, page_size, 0, server_threads});
        for (std::size_t n : latency_rows)
            for (int w : {1, window}) plan.push_back({n, w, page_size, latency_ms, server_threads});
        for (std::size_t n : churn_rows)
            for (int w : {1, window})
                plan.push_back({n, w, page_size, latency_ms, server_threads, inserts_per_s, deletes_per_s});
        // The price of overlap_reads: the same lists, unchanging and changing, every read overlapping.
        for (std::size_t n : churn_rows)
            for (int w : {1, window}) {
                plan.push_back({n, w, page_size, latency_ms, server_threads, 0, 0, true});
                plan.push_back({n, w, page_size, latency_ms, server_threads, inserts_per_s, deletes_per_s, true});
            }

        const std::string self = self_path();
        std::cout << "| rows | latency | window | churn | rows/s | pages/s | seconds | pager CPU per 1,000 rows | peak RSS "
                     "| peak rows held | requests | extra requests |\n"
                  << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
        bool all_complete = true;
        for (const run_config& c : plan) {
            const run_result r = run_isolated(self, c);
            all_complete = all_complete && r.complete;
            std::cout << "| " << thousands(static_cast<double>(c.rows)) << " | " << c.latency_ms << " ms | "
                      << (c.window == 1 ? std::string("1 (sequential)") : std::to_string(c.window)) << " | "
                      << (c.churn() ? "+" + fixed(c.inserts_per_s, 0) + "/-" + fixed(c.deletes_per_s, 0) + " per s"
                                    : std::string("none"))
                      << (c.overlap_reads ? ", overlap reads" : "") << " | "
                      << thousands(static_cast<double>(r.rows) / r.seconds) << " | "
                      << thousands(static_cast<double>(r.pages) / r.seconds) << " | " << fixed(r.seconds, 2) << " | "
                      << fixed(r.pager_cpu_seconds * 1e6 / static_cast<double>(std::max<std::size_t>(r.rows, 1)), 1)
                      << " ms | "
                      << fixed(static_cast<double>(r.peak_rss_kib) / 1024.0, 1) << " MiB | " << r.peak_rows_held
                      << " | " << r.requests << " | " << r.extra_requests << (r.complete ? "" : " INCOMPLETE") << " |" << std::endl;
        }
        std::cout << "\nEach row: one child process; pager<candidate> with readahead 1, page size " << page_size
                  << ", an in-process mock (" << server_threads
                  << " server thread(s), no rate limit, plain HTTP on 127.0.0.1); every row checked in order. "
                     "Churn rows: the list's size at the start, sorted oldest first, the mock inserting and deleting "
                     "at random positions while it is read; each row checked to come strictly after the previous "
                     "one (none repeated); extra requests are the pager's reconciliation reads. \"overlap reads\": "
                     "pager_options::overlap_reads, every read holding a row already passed (compare its requests "
                     "with the same list's run without it).\n"
                  << "Peak RSS is the whole process, mock included (the mock logs every request it serves); "
                     "peak rows held is the pager's own buffer; pager CPU is the thread running the pager "
                     "(user + system), the mock serving on threads of its own.\n";
        return all_complete ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "bench_pager_export: " << e.what() << '\n';
        return 1;
    }
}
