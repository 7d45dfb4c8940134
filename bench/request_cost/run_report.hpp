// What a client process measures about itself, printed as one JSON line for the driver.
//
// CPU is the process's own user + system time (getrusage(RUSAGE_SELF), every thread), taken
// around the warm-up and around the steady phase separately, so connection set-up does not
// blur the per-request cost. Latency of a steady request runs from its scheduled send time to
// the moment its response has been decoded.
#pragma once

#include "load_plan.hpp"

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace talentray::bench {

using bench_clock = std::chrono::steady_clock;

struct cpu_seconds {
    double user = 0;
    double sys = 0;
    static cpu_seconds of_this_process();
};

class run_report {
public:
    run_report(const load_plan& plan, std::string client);

    /// The warm-up opens every connection with one request each (connect, TLS handshake, first
    /// exchange); `first_request` is that request's time on one connection.
    void start_warmup();
    void connection_ready(bench_clock::duration first_request);

    /// Marks the start of the steady phase and returns it (the open loop's time origin).
    bench_clock::time_point start_steady();
    void record(bench_clock::duration latency, std::size_t rows);
    void record_failure(const std::string& what);
    void finish_steady();

    /// The negotiated (or, where it cannot be read, the configured) TLS version and suite.
    void set_tls(std::string description) { tls_ = std::move(description); }

    bool failed() const noexcept { return failures_ != 0; }
    /// One JSON object on one line.
    void print(std::ostream& out) const;

private:
    const load_plan& plan_;
    std::string client_;
    std::string tls_ = "unknown";
    cpu_seconds warmup_cpu_start_, steady_cpu_start_, steady_cpu_end_;
    bench_clock::time_point warmup_start_{}, steady_start_{}, steady_end_{};
    std::vector<std::int64_t> handshake_ns_;
    std::vector<std::int64_t> latency_ns_;
    std::size_t rows_ = 0;
    std::size_t failures_ = 0;
    std::string first_failure_;
};

}  // namespace talentray::bench
