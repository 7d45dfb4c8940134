// What every connection of one server shares: the API, the counters and the live fault settings.
#pragma once

#include "api_service.hpp"
#include "fault_plan.hpp"
#include "gzip_encoding.hpp"
#include "stats_counters.hpp"

#include <atomic>
#include <mutex>

namespace talentray::mock::detail {

class server_core {
public:
    server_core(const server_options& options, timestamp started_at)
        : seed(options.seed),
          max_body_bytes(options.max_body_bytes),
          gzip_min_bytes(options.gzip && gzip_available() ? options.gzip_min_bytes : SIZE_MAX),
          stats(options.arrival_log_capacity),
          service(options, stats, started_at),
          faults_(options.faults) {}

    /// A copy of the fault settings in force now.
    fault_options faults() const {
        std::lock_guard lock{faults_mutex_};
        return faults_;
    }
    void set_faults(const fault_options& faults) {
        std::lock_guard lock{faults_mutex_};
        faults_ = faults;
    }
    /// The sequence number of the next faultable request (0, 1, 2, ...).
    std::uint64_t next_sequence() { return sequence_.fetch_add(1, std::memory_order_relaxed); }

    const std::uint64_t seed;
    const std::size_t max_body_bytes;
    const std::size_t gzip_min_bytes;  ///< SIZE_MAX: never compress
    stats_counters stats;  // before `service`, which refers to it
    api_service service;

private:
    mutable std::mutex faults_mutex_;
    fault_options faults_;
    std::atomic<std::uint64_t> sequence_{0};
};

}  // namespace talentray::mock::detail
