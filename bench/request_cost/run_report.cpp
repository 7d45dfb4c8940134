#include "run_report.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <numeric>

#include <sys/resource.h>

namespace talentray::bench {

namespace {

double seconds_of(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

/// Nearest-rank percentile of sorted samples, in microseconds.
double percentile_us(const std::vector<std::int64_t>& sorted, double p) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size()) + 0.999999);
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return static_cast<double>(sorted[rank - 1]) / 1e3;
}

double mean_ms(const std::vector<std::int64_t>& samples) {
    if (samples.empty()) return 0;
    return static_cast<double>(std::accumulate(samples.begin(), samples.end(), std::int64_t{0})) /
           static_cast<double>(samples.size()) / 1e6;
}

}  // namespace

cpu_seconds cpu_seconds::of_this_process() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return {seconds_of(usage.ru_utime), seconds_of(usage.ru_stime)};
}

run_report::run_report(const load_plan& plan, std::string client) : plan_(plan), client_(std::move(client)) {
    handshake_ns_.reserve(plan.connections);
    latency_ns_.reserve(plan.requests);
}

void run_report::start_warmup() {
    warmup_cpu_start_ = cpu_seconds::of_this_process();
    warmup_start_ = bench_clock::now();
}

void run_report::connection_ready(bench_clock::duration first_request) {
    handshake_ns_.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(first_request).count());
}

bench_clock::time_point run_report::start_steady() {
    steady_cpu_start_ = cpu_seconds::of_this_process();
    steady_start_ = bench_clock::now();
    return steady_start_;
}

void run_report::record(bench_clock::duration latency, std::size_t rows) {
    latency_ns_.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count());
    rows_ += rows;
}

void run_report::record_failure(const std::string& what) {
    if (failures_++ == 0) first_failure_ = what;
}

void run_report::finish_steady() {
    steady_end_ = bench_clock::now();
    steady_cpu_end_ = cpu_seconds::of_this_process();
}

void run_report::print(std::ostream& out) const {
    std::vector<std::int64_t> sorted = latency_ns_;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::int64_t> handshakes = handshake_ns_;
    std::sort(handshakes.begin(), handshakes.end());

    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const double warmup_cpu =
        steady_cpu_start_.user + steady_cpu_start_.sys - warmup_cpu_start_.user - warmup_cpu_start_.sys;

    boost::json::object line;
    line["client"] = client_;
    line["workload"] = to_string(plan_.workload);
    line["connections"] = plan_.connections;
    line["mode"] = plan_.open_loop() ? "open" : "closed";
    line["rate"] = plan_.rate;
    line["requests"] = latency_ns_.size();
    line["rows"] = rows_;
    line["failures"] = failures_;
    line["first_failure"] = first_failure_;
    line["seconds"] = std::chrono::duration<double>(steady_end_ - steady_start_).count();
    line["cpu_user"] = steady_cpu_end_.user - steady_cpu_start_.user;
    line["cpu_sys"] = steady_cpu_end_.sys - steady_cpu_start_.sys;
    line["p50_us"] = percentile_us(sorted, 50);
    line["p99_us"] = percentile_us(sorted, 99);
    line["p999_us"] = percentile_us(sorted, 99.9);
    line["max_us"] = sorted.empty() ? 0.0 : static_cast<double>(sorted.back()) / 1e3;
    line["handshake_mean_ms"] = mean_ms(handshakes);
    line["handshake_max_ms"] = handshakes.empty() ? 0.0 : static_cast<double>(handshakes.back()) / 1e6;
    line["warmup_cpu_s"] = warmup_cpu;
    line["warmup_seconds"] = std::chrono::duration<double>(steady_start_ - warmup_start_).count();
    line["peak_rss_kib"] = usage.ru_maxrss;
    line["tls"] = tls_;
    out << boost::json::serialize(line) << std::endl;
}

}  // namespace talentray::bench
