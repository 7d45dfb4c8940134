// The API itself, independent of sockets: one HTTP request in, one HTTP response out. It applies
// the contract's check order — route, authentication (401), rate limit (429), admin role or
// scope (403), then the operation's own validation, lookup and authority — and keeps the usage
// log and counters. Thread-safe: requests are serialised on one mutex.
#pragma once

#include "api_state.hpp"
#include "rate_limiter.hpp"
#include "replies.hpp"
#include "request_fields.hpp"
#include "router.hpp"
#include "stats_counters.hpp"

#include <talentray/mock/options.hpp>
#include <talentray/mock/server.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace talentray::mock::detail {

/// What the connection knows about a request besides its bytes.
struct request_metadata {
    std::string remote_ip;
    timestamp received_at;                               ///< wall clock, for the data's timestamps
    std::chrono::steady_clock::time_point monotonic_at;  ///< for the rate limit
};

class api_service {
public:
    /// Generates the data. Throws std::invalid_argument for unusable options.
    api_service(const server_options& options, stats_counters& stats, timestamp started_at);

    /// Answers one request. With `inject_server_error` the request is routed and counted but not
    /// executed, and answered 500 internal_error in its family's dialect. `faults` says which
    /// request of a key gets an injected 429 (`too_many_requests_at`).
    http_response handle(const http_request& request, const request_metadata& metadata, bool inject_server_error,
                         const fault_options& faults = {});

    /// True for the mock's own routes (/__mock/*), which are never delayed, faulted or counted.
    static bool is_control_request(const http_request& request);

    const seeded_keys& keys() const { return seeded_; }
    void set_rate_limit(rate_limit limit);

private:
    http_response authenticated(const http_request& request, const request_metadata& metadata, const route& matched,
                                const std::vector<std::string>& params, const query_params& query,
                                const fault_options& faults);
    /// The 429 of a refusal, with its Retry-After in whole seconds.
    static http_response too_many_requests(api_family family, std::chrono::seconds retry_after);
    void add_rate_limit_headers(http_response& response, const rate_limiter::decision& decision) const;

    std::mutex mutex_;
    stats_counters& stats_;
    api_state state_;
    rate_limiter limiter_;
    bool rate_limit_headers_;
    seeded_keys seeded_;
    std::unordered_map<std::string, std::uint64_t> requests_of_key_;  // for `too_many_requests_at`
};

}  // namespace talentray::mock::detail
