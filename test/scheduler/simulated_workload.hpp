// A workload of clients against a simulated server, in virtual time: each client loops admit ->
// request (taking a latency) -> response -> release -> admit again, as an export's parallel
// window or a pool of workers does. The server decides when a request arrives, half the latency
// after its admission. Shared by the scheduler's simulation tests.
#pragma once

#include "scheduler/admission_controller.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace talentray::testing {

/// The server's response to one request: its status and, for a 429, its Retry-After.
struct server_verdict {
    int status = 200;
    std::optional<std::chrono::seconds> retry_after;
};

/// Decides for a request arriving at the given time.
using server_model = std::function<server_verdict(detail::time_point arrival)>;

/// How long a request admitted at a given time takes until its response.
using latency_model = std::function<detail::duration(detail::time_point admitted_at)>;

class simulated_workload {
public:
    /// `clients` loops start at `start`, all queued at once.
    simulated_workload(const scheduler_options& options, server_model server, int clients, latency_model latency,
                       detail::time_point start);

    /// Runs every event before `end`.
    void run_until(detail::time_point end);

    /// The controller's counters as of the last event.
    scheduler_counters counters() const;

    std::size_t accepted() const noexcept { return accepted_; }
    std::size_t refused() const noexcept { return refused_; }
    /// Refusals of requests admitted at or after `from`.
    std::size_t refused_since(detail::time_point from) const;

private:
    struct request {
        int client;
        detail::waiter_status admission;
    };

    void start_waiting(int client);
    void mark_due(const detail::wake_list& wake);
    void poll(int client);
    void respond(const request& sent);

    detail::admission_controller controller_;
    server_model server_;
    latency_model latency_;
    detail::time_point now_;
    std::map<int, detail::waiter_id> waiting_;
    std::map<int, detail::time_point> wake_at_;
    std::multimap<detail::time_point, request> in_flight_;
    std::multiset<detail::time_point> refusals_;  ///< admission times of the refused requests
    std::size_t accepted_ = 0;
    std::size_t refused_ = 0;
};

}  // namespace talentray::testing
