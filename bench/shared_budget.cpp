// bench_shared_budget: 1, 2, 4 and 8 processes on one key against an in-process mock's limit,
// each process with its own in-process budget (local) or all of them sharing one through Redis
// (shared): achieved rate against the allowed one, and 429s. For the shared runs, how late
// requests reached the server after their permits (each worker's User-Agent names it in the
// mock's usage log) and what the window before the first 429 held. Then the admission latency
// the shared budget adds when nothing has to wait (p50/p99 of one admission, local vs shared).
//
// Each process is this program again (--worker), sending its share of GET /api/v1/me calls
// with 8 in flight. A Redis must be running: bench/run.sh starts one.
//
//   bench_shared_budget --redis redis://127.0.0.1:6390/0
//   bench_shared_budget --redis redis://127.0.0.1:6390/0 --limit 200 --window 2 --windows 3
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/request.hpp>
#include <talentray/scheduler/budget_registry.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include "scheduler/admission_budget.hpp"
#include "shared_budget/shared_admission_budget.hpp"

#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;
using steady = std::chrono::steady_clock;

namespace {

struct settings {
    std::uint32_t limit = 100;
    std::uint32_t window_seconds = 1;
    std::uint32_t windows = 4;  ///< the workload is this many windows' worth of the limit
    std::string redis;
    // Worker mode.
    bool worker = false;
    std::string base_url;
    std::string ca_file;
    std::string shared;
    std::size_t requests = 0;
    int index = 0;  ///< the worker's number: its User-Agent, so the server's log tells workers apart
    std::vector<int> process_counts{1, 2, 4, 8};
};

tr::scheduler_options scheduler_for(const settings& s) {
    tr::scheduler_options o;
    o.requests_per_window = s.limit;
    o.window = std::chrono::seconds{s.window_seconds};
    o.max_in_flight = 8;
    return o;
}

using wall = std::chrono::system_clock;

long long wall_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(wall::now().time_since_epoch()).count();
}

struct worker_progress {
    std::size_t left = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    long long first_response_us = 0;  ///< wall clock of the first successful response
    long long last_response_us = 0;
};

asio::awaitable<void> send_calls(const tr::client* caller, std::shared_ptr<worker_progress> p) {
    while (p->left > 0) {
        --p->left;
        tr::request_spec spec;
        spec.method = tr::http_method::get;
        spec.path = "/api/v1/me";
        spec.priority = tr::priority::bulk;
        auto outcome = co_await caller->try_send(std::move(spec));
        ++(outcome ? p->succeeded : p->failed);
        if (outcome) {
            p->last_response_us = wall_us();
            if (p->first_response_us == 0) p->first_response_us = p->last_response_us;
        }
    }
}

int run_worker(const settings& s) {
    tr::client_options options;
    options.base_url = s.base_url;
    options.tls.ca_file = s.ca_file;
    const char* key = std::getenv("TALENTRAY_API_KEY");
    options.api_key = tr::secret{key ? key : ""};
    options.scheduler = scheduler_for(s);
    options.scheduler.shared_budget = s.shared;
    options.pool.max_connections = 8;
    options.user_agent = "bench-worker-" + std::to_string(s.index);
    asio::io_context io;
    const tr::client caller{io.get_executor(), options};
    auto p = std::make_shared<worker_progress>();
    p->left = s.requests;
    for (int i = 0; i < 8; ++i) asio::co_spawn(io, send_calls(&caller, p), asio::detached);
    io.run();
    const auto c = caller.counters().scheduler;
    // The client's budget, from the registry it came from: the pump's own account of its pacing.
    tr::detail::shared_admission_budget::pacing_diagnostics d;
    if (!s.shared.empty()) {
        const auto budget = tr::shared_rate_budget(options.api_key.reveal(), options.scheduler);
        if (const auto* shared = dynamic_cast<const tr::detail::shared_admission_budget*>(&tr::detail::budget_of(*budget)))
            d = shared->diagnostics();
    }
    std::printf("%zu %zu %llu %llu %lld %lld %llu %llu %llu %lld %lld %llu %lld %lld %llu %llu %lld\n", p->succeeded,
                p->failed,
                static_cast<unsigned long long>(c.rate_limited_responses),
                static_cast<unsigned long long>(c.fallback_episodes), p->first_response_us, p->last_response_us,
                static_cast<unsigned long long>(d.takes), static_cast<unsigned long long>(d.granted),
                static_cast<unsigned long long>(d.denials), static_cast<long long>(d.wait_hint_total.count()),
                static_cast<long long>(d.wait_hint_max.count()), static_cast<unsigned long long>(d.timed_waits),
                static_cast<long long>(d.lateness_total.count()), static_cast<long long>(d.lateness_max.count()),
                static_cast<unsigned long long>(d.stale_permits), static_cast<unsigned long long>(d.stale_given_back),
                static_cast<long long>(d.hand_out_lateness_max.count()));
    // Then when each permit was handed out and each 429 reported (wall clock, microseconds).
    for (const auto* times : {&d.handed_out_at, &d.refused_at}) {
        std::printf("%zu", times->size());
        for (const auto t : *times) std::printf(" %lld", static_cast<long long>(t));
        std::printf("\n");
    }
    return 0;
}

struct run_result {
    double seconds = 0;
    double response_span_seconds = 0;  ///< first successful response of any process to the last
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::uint64_t rate_limited = 0;
    std::uint64_t fallbacks = 0;
    // The shared budget's pumps, summed over the processes.
    unsigned long long takes = 0, granted = 0, denials = 0, timed_waits = 0;
    long long wait_hint_total_us = 0, wait_hint_max_us = 0, lateness_total_us = 0, lateness_max_us = 0;
    // Reservations found stale (due longer ago than the margin) and not handed out; given back.
    unsigned long long stale = 0, stale_given_back = 0;
    long long hand_out_lateness_max_us = 0;  ///< the latest a permit went after its slot
    // Admission against arrival (shared runs): per worker, permits handed out and the server's
    // arrival times of its admitted requests (wall clock, microseconds), and the 429s reported.
    std::vector<std::vector<long long>> handed_out, arrived;
    std::vector<long long> refused;
};

/// A usage-log timestamp ("2026-12-05T17:27:00.123Z") as microseconds since 1970.
long long usage_time_us(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &y, &mo, &d, &h, &mi, &sec, &ms) < 6) return 0;
    const auto day =
        std::chrono::sys_days{std::chrono::year{y} / std::chrono::month(unsigned(mo)) / std::chrono::day(unsigned(d))};
    return std::chrono::duration_cast<std::chrono::microseconds>(day.time_since_epoch()).count() +
           (((h * 60LL + mi) * 60 + sec) * 1000 + ms) * 1000;
}

asio::awaitable<void> read_usage(const tr::client* admin, std::string key_id,
                                 std::vector<std::vector<long long>>* arrived) {
    std::optional<std::string> before;
    for (;;) {
        tr::request_spec request;
        request.path = "/api/admin/api-keys/" + key_id + "/usage";
        request.query = {{"limit", "500"}};
        if (before) request.query.push_back({"before", *before});
        const tr::response res = co_await admin->send(std::move(request));
        const auto json = res.json();
        const auto& data = json.at("data");
        for (const auto& row : data.at("rows").as_array()) {
            const auto& agent = row.at("userAgent");
            if (!agent.is_string()) continue;
            const std::string text(agent.as_string());
            const std::string prefix = "bench-worker-";
            if (text.rfind(prefix, 0) != 0) continue;
            const auto index = std::size_t(std::stoul(text.substr(prefix.size())));
            if (index < arrived->size())
                (*arrived)[index].push_back(usage_time_us(std::string(row.at("timestamp").as_string())));
        }
        if (!data.at("pagination").at("hasMore").as_bool()) break;
        before = std::string(data.at("pagination").at("nextBefore").as_string());
    }
}

/// The server's arrival times of each worker's admitted requests, from its usage log.
std::vector<std::vector<long long>> arrivals(const mock::server& server, const std::string& ca, int processes) {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_file = ca;
    options.api_key = tr::secret{server.keys().admin.key};
    asio::io_context io;
    const tr::client admin{io.get_executor(), options};
    std::vector<std::vector<long long>> arrived(static_cast<std::size_t>(processes));
    auto done = asio::co_spawn(io, read_usage(&admin, server.keys().employer.id, &arrived), asio::use_future);
    io.run();
    done.get();
    for (auto& times : arrived) std::sort(times.begin(), times.end());
    return arrived;
}

run_result run_processes(const settings& s, int processes, bool shared, const std::string& self) {
    mock::server_options server_options;
    server_options.limit = {s.limit, std::chrono::seconds{s.window_seconds}};
    server_options.candidates = 100;
    server_options.seeded_usage_rows = 0;
    mock::server server{server_options};
    const std::string ca = "/tmp/bench_shared_budget_ca_" + std::to_string(::getpid()) + ".pem";
    std::ofstream{ca} << server.ca_certificate_pem();
    ::setenv("TALENTRAY_API_KEY", server.keys().employer.key.c_str(), 1);
    // A fresh key per run in Redis would need a fresh key at the mock: flush instead.
    if (shared) std::system(("redis-cli -u " + s.redis + " FLUSHDB >/dev/null").c_str());

    const std::size_t total = std::size_t(s.limit) * s.windows;
    std::vector<FILE*> workers;
    const auto started = steady::now();
    for (int i = 0; i < processes; ++i) {
        const std::size_t share = total / std::size_t(processes) + (std::size_t(i) < total % std::size_t(processes));
        const std::string command = self + " --worker --base-url " + server.base_url() + " --ca-file " + ca +
                                    " --limit " + std::to_string(s.limit) + " --window " +
                                    std::to_string(s.window_seconds) + " --requests " + std::to_string(share) +
                                    " --index " + std::to_string(i) +
                                    (shared ? " --shared " + s.redis : "");
        workers.push_back(::popen(command.c_str(), "r"));
    }
    run_result r;
    long long first_response = 0, last_response = 0;
    for (FILE* w : workers) {
        std::size_t ok = 0, failed = 0;
        unsigned long long limited = 0, fallbacks = 0, takes = 0, granted = 0, denials = 0, timed = 0;
        long long first = 0, last = 0, hint_total = 0, hint_max = 0, late_total = 0, late_max = 0;
        unsigned long long stale = 0, stale_back = 0;
        long long hand_out_late = 0;
        if (!w || std::fscanf(w, "%zu %zu %llu %llu %lld %lld %llu %llu %llu %lld %lld %llu %lld %lld %llu %llu %lld",
                              &ok, &failed, &limited, &fallbacks, &first, &last, &takes, &granted, &denials,
                              &hint_total, &hint_max, &timed, &late_total, &late_max, &stale, &stale_back,
                              &hand_out_late) != 17)
            ++r.failed;
        r.stale += stale;
        r.stale_given_back += stale_back;
        r.hand_out_lateness_max_us = std::max(r.hand_out_lateness_max_us, hand_out_late);
        r.succeeded += ok;
        r.failed += failed;
        r.fallbacks += fallbacks;
        if (first != 0 && (first_response == 0 || first < first_response)) first_response = first;
        last_response = std::max(last_response, last);
        r.takes += takes;
        r.granted += granted;
        r.denials += denials;
        r.timed_waits += timed;
        r.wait_hint_total_us += hint_total;
        r.wait_hint_max_us = std::max(r.wait_hint_max_us, hint_max);
        r.lateness_total_us += late_total;
        r.lateness_max_us = std::max(r.lateness_max_us, late_max);
        std::vector<long long> handed;
        for (auto* times : {&handed, &r.refused}) {
            std::size_t n = 0;
            if (!w || std::fscanf(w, "%zu", &n) != 1) n = 0;
            for (std::size_t k = 0; k < n; ++k) {
                long long t = 0;
                if (std::fscanf(w, "%lld", &t) == 1) times->push_back(t);
            }
        }
        std::sort(handed.begin(), handed.end());
        r.handed_out.push_back(std::move(handed));
        if (w) ::pclose(w);
    }
    r.seconds = std::chrono::duration<double>(steady::now() - started).count();
    r.response_span_seconds = double(last_response - first_response) / 1e6;
    r.rate_limited = server.stats().rate_limited;
    if (shared) r.arrived = arrivals(server, ca, processes);
    std::sort(r.refused.begin(), r.refused.end());
    std::remove(ca.c_str());
    return r;
}

/// One admission after another on an idle budget: what admission itself costs.
std::pair<double, double> admission_latency_us(const tr::rate_budget& budget, int samples) {
    asio::io_context io;
    std::vector<double> us;
    for (int i = 0; i < samples; ++i) {
        const auto started = steady::now();
        auto future = asio::co_spawn(io, tr::detail::budget_of(budget).admit(tr::priority::interactive, steady::time_point::max()),
                                     asio::use_future);
        io.restart();
        io.run();
        auto permit = future.get();
        if (permit) {
            // Answered at once, as a client reports every attempt (the shared budget holds a
            // process's calls beyond the concurrency answers proved).
            tr::response_feedback answered;
            answered.http_status = 200;
            answered.admitted_at = permit->admitted_at();
            tr::detail::budget_of(budget).on_response(answered);
        }
        us.push_back(std::chrono::duration<double, std::micro>(steady::now() - started).count());
    }
    std::sort(us.begin(), us.end());
    return {us[us.size() / 2], us[us.size() * 99 / 100]};
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

/// Admission against arrival in the shared runs. Per worker, the k-th permit handed out is
/// matched with the k-th request the server admitted from it, up to its first 429 (a 429 is
/// not in the server's log, so the pairs would shift after it); "first 8" are the requests
/// that opened the worker's 8 connections. Then the second of arrivals before the first 429:
/// how many arrived in it, and of those, how many had been admitted before it began.
void print_arrival_table(const std::vector<std::pair<int, run_result>>& runs, const settings& s) {
    const long long window_us = 1'000'000LL * s.window_seconds;
    std::printf("\nAdmission (permit handed out) to arrival (the server's usage log, ms resolution), shared runs, "
                "up to each worker's first 429:\n\n");
    std::printf("| processes | lag, first 8 per worker: p50 / max (ms) | lag, later: p50 / p99 / max (ms) | most "
                "admissions in one window | first 429 (s after the first admission) | arrivals in the window "
                "before it | of them admitted before that window |\n");
    std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (const auto& [processes, r] : runs) {
        const long long first_refusal = r.refused.empty() ? 0 : r.refused.front();
        std::vector<double> cold, warm;
        std::vector<long long> all_handed;
        std::vector<std::pair<long long, long long>> pairs;  // (arrival, admission)
        for (std::size_t w = 0; w < r.handed_out.size() && w < r.arrived.size(); ++w) {
            const auto& h = r.handed_out[w];
            const auto& a = r.arrived[w];
            all_handed.insert(all_handed.end(), h.begin(), h.end());
            for (std::size_t k = 0; k < h.size() && k < a.size(); ++k) {
                if (first_refusal != 0 && h[k] >= first_refusal) break;
                (k < 8 ? cold : warm).push_back(double(a[k] - h[k]) / 1e3);
                pairs.emplace_back(a[k], h[k]);
            }
        }
        std::sort(all_handed.begin(), all_handed.end());
        std::size_t most = 0;
        for (std::size_t i = 0, j = 0; i < all_handed.size(); ++i) {
            while (all_handed[i] - all_handed[j] >= window_us) ++j;
            most = std::max(most, i - j + 1);
        }
        const long long start = all_handed.empty() ? 0 : all_handed.front();
        std::string first = "none", in_window = "-", early = "-";
        if (first_refusal != 0) {
            std::size_t n = 0, before = 0;
            for (const auto& [arrival, admitted] : pairs)
                if (arrival >= first_refusal - window_us && arrival < first_refusal) {
                    ++n;
                    if (admitted < first_refusal - window_us) ++before;
                }
            char text[32];
            std::snprintf(text, sizeof text, "%.3f", double(first_refusal - start) / 1e6);
            first = text;
            in_window = std::to_string(n);
            early = std::to_string(before);
        }
        std::printf("| %d | %.1f / %.1f | %.1f / %.1f / %.1f | %zu | %s | %s | %s |\n", processes,
                    percentile(cold, 0.5), percentile(cold, 1.0), percentile(warm, 0.5), percentile(warm, 0.99),
                    percentile(warm, 1.0), most, first.c_str(), in_window.c_str(), early.c_str());
    }
}

}  // namespace

int main(int argc, char** argv) {
    settings s;
    CLI::App app{"1..8 processes on one key: in-process budgets vs one shared through Redis"};
    app.add_option("--redis", s.redis, "the Redis the shared runs use, e.g. redis://127.0.0.1:6390/0");
    app.add_option("--limit", s.limit, "the mock's limit per window (default 100)");
    app.add_option("--window", s.window_seconds, "the window in seconds (default 1)");
    app.add_option("--windows", s.windows, "the workload, in windows' worth of the limit (default 4)");
    app.add_flag("--worker", s.worker)->group("");
    app.add_option("--base-url", s.base_url)->group("");
    app.add_option("--ca-file", s.ca_file)->group("");
    app.add_option("--shared", s.shared)->group("");
    app.add_option("--requests", s.requests)->group("");
    app.add_option("--index", s.index)->group("");
    app.add_option("--processes", s.process_counts, "the process counts to run (default 1 2 4 8)");
    CLI11_PARSE(app, argc, argv);
    if (s.worker) return run_worker(s);
    if (s.redis.empty()) {
        std::fprintf(stderr, "bench_shared_budget: --redis URL is required (bench/run.sh starts a redis-server)\n");
        return 2;
    }
    const std::string self = "/proc/" + std::to_string(::getpid()) + "/exe";

    std::printf("Mock: sliding window, %u per %u s, the employer key; each run sends %u windows' worth (%u calls) "
                "from N processes, 8 in flight each. allowed = limit / window; achieved = successful calls / wall "
                "time (process start-up included); the responses column divides the calls by the span from the first "
                "successful answer of any process to the last one instead.\n\n",
                s.limit, s.window_seconds, s.windows, s.limit * s.windows);
    std::printf("| processes | budget | achieved / allowed, responses | achieved / allowed, wall | 429s | failed calls | "
                "fallback episodes | wall s |\n");
    std::printf("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    const double allowed = double(s.limit) / s.window_seconds;
    std::vector<std::pair<int, run_result>> shared_runs;
    for (const int processes : s.process_counts) {
        for (const bool shared : {false, true}) {
            const run_result r = run_processes(s, processes, shared, self);
            const double span_ratio =
                r.response_span_seconds > 0 ? double(r.succeeded - 1) / r.response_span_seconds / allowed : 0;
            std::printf("| %d | %s | %.3f | %.3f | %llu | %zu | %llu | %.1f |\n", processes,
                        shared ? "shared (Redis)" : "local", span_ratio, r.succeeded / r.seconds / allowed,
                        static_cast<unsigned long long>(r.rate_limited), r.failed,
                        static_cast<unsigned long long>(r.fallbacks), r.seconds);
            std::fflush(stdout);
            if (shared) shared_runs.emplace_back(processes, r);
        }
    }

    std::printf("\nThe shared runs' pumps, summed over the processes (take = one call of the admission script):\n\n");
    std::printf("| processes | takes | permits granted | takes granting none | mean wait asked (ms) | longest wait "
                "asked (ms) | timed sleeps | mean lateness (ms) | worst lateness (ms) | stale permits (given back) | "
                "latest hand-out after its slot (ms) |\n");
    std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (const auto& [processes, r] : shared_runs)
        std::printf("| %d | %llu | %llu | %llu | %.2f | %.2f | %llu | %.2f | %.2f | %llu (%llu) | %.2f |\n", processes,
                    r.takes, r.granted, r.denials, r.denials ? r.wait_hint_total_us / 1e3 / double(r.denials) : 0.0,
                    r.wait_hint_max_us / 1e3, r.timed_waits,
                    r.timed_waits ? r.lateness_total_us / 1e3 / double(r.timed_waits) : 0.0, r.lateness_max_us / 1e3,
                    r.stale, r.stale_given_back, r.hand_out_lateness_max_us / 1e3);

    print_arrival_table(shared_runs, s);

    tr::scheduler_options idle;
    idle.requests_per_window = 1'000'000;
    idle.window = std::chrono::seconds{1};
    idle.burst = 999'999;
    idle.max_in_flight = 1'000'000;
    const tr::rate_budget local{idle, "bench-local"};
    idle.shared_budget = s.redis;
    const tr::rate_budget shared{idle, "bench-shared"};
    const auto [local_p50, local_p99] = admission_latency_us(local, 2000);
    const auto [shared_p50, shared_p99] = admission_latency_us(shared, 2000);
    std::printf("\nAdmission latency on an idle budget (2000 admissions in a row, nothing to wait for):\n\n");
    std::printf("| budget | p50 µs | p99 µs |\n| --- | ---: | ---: |\n");
    std::printf("| local | %.1f | %.1f |\n| shared (Redis on loopback TCP) | %.1f | %.1f |\n", local_p50, local_p99,
                shared_p50, shared_p99);
    return 0;
}
