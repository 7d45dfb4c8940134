// The server's counters, updated from every connection and read as one consistent snapshot.
#pragma once

#include "fault_plan.hpp"

#include <talentray/mock/stats.hpp>

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::mock::detail {

/// What a connection did instead of (or on top of) a plain response.
enum class connection_fault { close_after_requests, close_when_idle, delayed };

/// Thread-safe: every member may be called from any thread.
class stats_counters {
public:
    /// Keeps the last `arrival_capacity` arrivals; their times count from now.
    explicit stats_counters(std::size_t arrival_capacity = 0);

    void count_request();
    void count_connection();
    void count_tls_handshake_failure();
    void count_route(std::string_view route);
    void count_key(std::string_view key_id);
    void count_status(unsigned status);
    void count_rate_limited();
    void count_gzip_response();
    void count_write(std::string_view route);
    void count_fault(fault_kind kind);
    void count_fault(connection_fault kind);
    /// A live list began changing; `initial_ids` in its order.
    void start_churn(const std::string& list, std::vector<std::string> initial_ids);
    /// A churn event of a live list.
    void count_churn(const std::string& list, bool inserted, std::string id);

    /// An authenticated request decided at `at` with `status`; the oldest arrival goes beyond
    /// the capacity.
    void record_arrival(std::chrono::steady_clock::time_point at, std::string_view key_id, unsigned status,
                        std::string_view user_agent);

    stats_snapshot snapshot() const;

private:
    mutable std::mutex mutex_;
    stats_snapshot data_;  // its `arrivals` stay empty: the ring below holds them
    std::chrono::steady_clock::time_point origin_;
    std::size_t arrival_capacity_;
    std::deque<arrival_record> arrivals_;
};

}  // namespace talentray::mock::detail
