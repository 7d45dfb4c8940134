// talentray/mock/stats.hpp — what a running mock server has seen and done, for tests to assert on.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace talentray::mock {

/// How often each fault kind was actually applied.
struct fault_counts {
    std::uint64_t server_error = 0;
    std::uint64_t drop_before_header = 0;
    std::uint64_t drop_after_header = 0;
    std::uint64_t truncate_body = 0;
    std::uint64_t close_after_requests = 0;  ///< connections closed because they reached the limit
    std::uint64_t close_when_idle = 0;       ///< connections closed because they were idle too long
    std::uint64_t delayed = 0;               ///< responses held back by `latency`

    friend bool operator==(const fault_counts&, const fault_counts&) = default;
};

/// What churn did to one live list (see README "Live lists"), so a test can compute the exact set
/// a complete walk must return: every initial row not deleted, plus any subset of the inserted.
struct churn_record {
    std::vector<std::string> initial_ids;  ///< the list's ids, in its order, when churn began
    std::vector<std::string> inserted_ids;  ///< in the order they were inserted
    std::vector<std::string> deleted_ids;   ///< in the order they were deleted (inserted ones included)

    friend bool operator==(const churn_record&, const churn_record&) = default;
};

/// One authenticated request as the server saw it, admitted or refused: what a test needs to
/// check, server-side, when each client's requests arrived around a 429. The key itself is
/// never kept, only its id.
struct arrival_record {
    /// When the server decided on it (the limiter's clock: after the `latency` fault, if any),
    /// since the server started, on its steady clock.
    std::chrono::microseconds at{0};
    std::string key_id;      ///< e.g. "apikey_employer"
    unsigned status = 0;     ///< the response's status as produced (200, 429, 404, ...)
    std::string user_agent;  ///< the request's User-Agent, empty without one

    friend bool operator==(const arrival_record&, const arrival_record&) = default;
};

/// A consistent copy of the server's counters. The /__mock/stats route and its own reads are not
/// counted, so observing a server does not change what it reports.
struct stats_snapshot {
    std::uint64_t requests = 0;              ///< complete HTTP requests read
    std::uint64_t connections_accepted = 0;  ///< TCP connections accepted
    std::uint64_t tls_handshakes_failed = 0;
    std::uint64_t rate_limited = 0;  ///< 429 responses sent
    std::uint64_t gzip_responses = 0;  ///< responses sent with Content-Encoding: gzip
    std::map<std::string, std::uint64_t> requests_by_key;    ///< key id -> authenticated requests (429s included)
    std::map<std::string, std::uint64_t> requests_by_route;  ///< "GET /api/v1/candidates/{id}" -> requests
    std::map<unsigned, std::uint64_t> responses_by_status;   ///< status -> responses produced
    /// "POST /api/v1/sourcing" -> how many times the write's effect was applied. A request that
    /// was rejected (401, 403, 400, 404, 429, injected 500) is not an execution.
    std::map<std::string, std::uint64_t> write_executions;
    fault_counts faults;
    /// Per live list ("candidates", or "candidates?roleId=x" when read with filters, per key owner:
    /// "candidates@user_admin"), what churn did.
    std::map<std::string, churn_record> churn;
    /// The last `server_options::arrival_log_capacity` authenticated requests (those counted in
    /// `requests_by_key`), oldest first, and how many older ones were dropped.
    std::vector<arrival_record> arrivals;
    std::uint64_t arrivals_dropped = 0;

    /// The count for a route, 0 if it was never requested.
    std::uint64_t route(const std::string& name) const {
        const auto it = requests_by_route.find(name);
        return it == requests_by_route.end() ? 0 : it->second;
    }
    /// The count of executions of a write route, 0 if it never ran.
    std::uint64_t executions(const std::string& name) const {
        const auto it = write_executions.find(name);
        return it == write_executions.end() ? 0 : it->second;
    }
};

}  // namespace talentray::mock
