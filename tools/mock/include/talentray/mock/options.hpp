// talentray/mock/options.hpp — everything a talentray-mock server can be configured with.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace talentray::mock {

/// How the per-key limit counts. Real servers count in different ways; each shape lets tests
/// and benchmarks face one of them.
enum class limit_shape {
    sliding,  ///< at most `requests` in any `window`-long interval (a sliding-window log)
    fixed,    ///< at most `requests` per window, the windows aligned to the first request seen
    bucket,   ///< a token bucket (GCRA, as nginx `limit_req ... burst=B nodelay`): `burst`
              ///< requests back to back, then one per window / requests
};

/// The per-key request budget.
struct rate_limit {
    std::size_t requests = 600;                 ///< 0: unlimited
    std::chrono::milliseconds window{60'000};  ///< must be positive when requests > 0
    limit_shape shape = limit_shape::sliding;
    std::size_t burst = 1;  ///< `bucket` only: the bucket's capacity; at least 1
};

/// Parses a limit shape's name: "sliding", "fixed" or "bucket". Throws std::invalid_argument
/// naming the text and the accepted names.
limit_shape parse_limit_shape(std::string_view text);

/// The name `parse_limit_shape` reads.
std::string_view to_string(limit_shape shape) noexcept;

/// Parses the command-line form of a rate limit: "600/60s", "5/1s", "100/500ms", "10/2m", or
/// "0" for unlimited. Returns the limit; throws std::invalid_argument naming what is wrong.
rate_limit parse_rate_limit(std::string_view text);

/// Faults the server injects. Which request gets which fault is a pure function of the seed and
/// the request's sequence number, so a run with the same seed and request order repeats exactly.
/// The four rates are probabilities of disjoint outcomes; their sum must not exceed 1.
struct fault_options {
    std::chrono::milliseconds latency{0};  ///< added before each response
    double server_error_rate = 0;          ///< answered 500 internal_error; the request is NOT executed
    double drop_before_header_rate = 0;    ///< executed, then the connection closes without a response
    double drop_after_header_rate = 0;     ///< executed, the header is sent, then the connection closes
    double truncate_body_rate = 0;         ///< executed, Content-Length says N, fewer bytes follow, close
    std::size_t close_after_requests = 0;  ///< close keep-alive connections silently after N responses (0 = never)
    std::chrono::milliseconds close_when_idle{0};  ///< close connections idle this long (0 = never)
    /// Answer the Nth request of each key (counted from 1 as `requests_by_key` counts them, 429s
    /// included) 429 `rate_limited` with `Retry-After: too_many_requests_retry_after`, whatever
    /// the limit says; not executed, and the limit does not count it. 0: never. One refusal at a
    /// known place, so a test can see what the clients do with it.
    std::uint64_t too_many_requests_at = 0;
    std::chrono::seconds too_many_requests_retry_after{2};  ///< at least 1 s when the 429 is injected
};

/// The order of the offset lists (candidates, roles, tests, sourcing leads). The contract does
/// not say which order the server uses, so clients must cope with either.
enum class list_order {
    natural,       ///< creation order, `createdAt` as generated (not sorted): the order cannot be inferred
    newest_first,  ///< descending `createdAt`, which becomes unique and millisecond-precise
    oldest_first,  ///< ascending `createdAt`, unique and millisecond-precise
};

/// Where churn inserts and deletes rows, in the list's order.
enum class churn_position { front, back, random };

/// A list that changes on its own while it is read (see README "Live lists").
struct churn_options {
    std::string list;           ///< "candidates", "roles", "tests" or "sourcing"; empty: no churn
    double inserts_per_s = 0;   ///< rows inserted per second of the mock's clock
    double deletes_per_s = 0;   ///< rows deleted per second of the mock's clock
    churn_position at = churn_position::random;
};

/// Parses "natural", "newest-first" or "oldest-first"; throws std::invalid_argument naming the text.
list_order parse_list_order(std::string_view text);
std::string_view to_string(list_order order) noexcept;
/// Parses "front", "back" or "random"; throws std::invalid_argument naming the text.
churn_position parse_churn_position(std::string_view text);
std::string_view to_string(churn_position at) noexcept;
/// Checks a churn configuration; throws std::invalid_argument naming the option.
void validate(const churn_options& churn);

/// How the server is started. The defaults give a TLS server on a free loopback port with a
/// freshly generated self-signed certificate and the documented 600/min/key limit.
struct server_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  ///< 0: the OS picks a free port (see server::port())
    std::uint64_t seed = 1;  ///< all generated data and fault decisions derive from it

    std::size_t candidates = 1000;           ///< generated on demand from index and seed; up to 10^9
    std::size_t potential_candidates = 500;  ///< sourcing leads (at least 60: the CV batches use the first 55)
    std::size_t seeded_usage_rows = 3000;    ///< usage-log rows pre-recorded on the employer key
    std::size_t usage_log_capacity = 200'000;  ///< per key; the oldest rows are dropped beyond it
    /// Resolution of usage-log timestamps: 1 ms (a key's rows get distinct times, written with a
    /// fraction) or 1 s (rows of one second share a timestamp, written without a fraction, as in
    /// the API's examples). Nothing else is accepted.
    std::chrono::milliseconds usage_timestamp_resolution{1};
    /// The seeded rows come in bursts of 1..N rows (seeded at random) within one second; 1: one
    /// row per burst, as before. At 1 s resolution a burst is a tie. Up to 1000.
    std::size_t usage_rows_per_second = 1;
    unsigned batch_polls_to_complete = 4;    ///< reads after which the processing CV batch is complete

    mock::rate_limit limit{};
    bool rate_limit_headers = false;  ///< also send IETF-draft RateLimit-Policy / RateLimit headers

    bool tls = true;
    std::string tls_certificate_pem;  ///< empty (with the key empty): generate a self-signed one
    std::string tls_private_key_pem;

    fault_options faults{};
    mock::list_order order = mock::list_order::natural;
    churn_options churn{};
    unsigned threads = 1;                      ///< threads running the server's io_context
    std::size_t max_body_bytes = 1024 * 1024;  ///< larger request bodies get 413
    /// Compress JSON responses of at least `gzip_min_bytes` with gzip when the request's
    /// Accept-Encoding allows it (`gzip;q=0` does not). Ignored by a mock built without zlib.
    bool gzip = true;
    std::size_t gzip_min_bytes = 1024;  ///< smaller responses gain too little to be worth it
    /// The arrival log (`stats_snapshot::arrivals`) keeps the last this many authenticated
    /// requests; older ones are dropped and counted. 0: no log.
    std::size_t arrival_log_capacity = 4096;
};

/// Checks options for values the server cannot honour. Throws std::invalid_argument naming the
/// option (e.g. "faults.server_error_rate must be within [0, 1], got 1.5").
void validate(const server_options& options);

/// Checks fault options alone (what server::set_faults accepts). Throws std::invalid_argument.
void validate(const fault_options& faults);

}  // namespace talentray::mock
