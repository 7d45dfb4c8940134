// What `talentray bench probe` found, and how it prints it. Pure functions.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace talentray::cli::bench {

/// How the key's quota came back after the first refusal.
enum class quota_shape {
    window,  ///< whole, one window after the first request: a sliding log or a fixed window
    bucket,  ///< gradually: a token bucket, described by its burst and refill rate
};

struct probe_findings {
    quota_shape shape = quota_shape::window;
    bool refused = false;            ///< a 429 came before the request cap
    bool refused_at_once = false;    ///< the very first request was refused: the key was busy
    std::uint64_t limit = 0;         ///< requests accepted before the first 429
    double window_low = 0;           ///< seconds; the window lies in [low, high]
    double window_high = 0;
    std::uint64_t window_probes = 0;  ///< timed single requests that narrowed the window
    std::uint64_t requests = 0;      ///< every request the probe sent
    std::uint64_t rate_limited = 0;  ///< 429s among them
    std::optional<std::uint64_t> advertised_limit;  ///< from rate-limit headers, if any
    std::optional<double> advertised_window;        ///< seconds, from rate-limit headers
    // quota_shape::bucket only (see bucket_search.hpp):
    double bucket_burst = 0;                  ///< the bucket's capacity
    double bucket_rate = 0;                   ///< refill, requests per second
    double bucket_rate_low = 0;
    double bucket_rate_high = 0;
    std::uint64_t bucket_admissions = 0;      ///< admitted between the first and last refusal
    double bucket_seconds = 0;                ///< the time between them

    double window() const noexcept { return (window_low + window_high) / 2; }
    /// Half the interval's width relative to the estimate.
    double window_uncertainty() const noexcept;
    /// The sustained rate, requests per second: limit / window, or the bucket's refill.
    double rate_per_second() const noexcept;
    /// Half the rate's interval relative to it (1 when nothing is known).
    double rate_uncertainty() const noexcept;
};

/// "high", "medium" or "low": how far the figures can be trusted.
std::string confidence(const probe_findings& findings);

/// The lines printed (each ending in a newline).
std::string render_probe(const probe_findings& findings);

boost::json::object probe_json(const probe_findings& findings);

/// Reads `q` (limit) and `w` (window seconds) from a `RateLimit-Policy` value such as
/// `"default";q=600;w=60`, or a bare limit from `X-RateLimit-Limit`. Nothing when absent.
std::optional<std::uint64_t> policy_parameter(std::string_view header, std::string_view name);

}  // namespace talentray::cli::bench
