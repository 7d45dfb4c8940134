// talentray-mock: serves the Talent-Ray API locally until SIGINT or SIGTERM.
//
//   talentray-mock --port 8443 --ca-out ca.pem --keys-out keys.json
//   curl --cacert ca.pem -H "Authorization: Bearer $(jq -r .employer.key keys.json)"
//        https://127.0.0.1:8443/api/v1/me     (one command line)
//
// Exit status: 0 after a signal, 1 when the server cannot start, 2 for bad options.
#include <talentray/mock/server.hpp>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

namespace mock = talentray::mock;

namespace {

/// A command-line problem: reported with the usage hint, exit status 2.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string read_file(const std::string& path, std::string_view option) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw usage_error(std::string(option) + ": cannot read " + path);
    return text.str();
}

void write_file(const std::string& path, std::string_view option, const std::string& content) {
    std::ofstream out{path, std::ios::binary | std::ios::trunc};
    out << content;
    out.flush();
    if (!out) throw usage_error(std::string(option) + ": cannot write " + path);
}

boost::json::object describe(const mock::seeded_key& key) {
    boost::json::array scopes;
    for (const std::string& scope : key.scopes) scopes.emplace_back(scope);
    return {{"id", key.id}, {"key", key.key}, {"scopes", std::move(scopes)}, {"owner", key.owner_user_id}};
}

std::string keys_document(const mock::seeded_keys& keys) {
    const boost::json::object document{{"admin", describe(keys.admin)},
                                       {"employer", describe(keys.employer)},
                                       {"hiring_manager", describe(keys.hiring_manager)},
                                       {"no_scopes", describe(keys.no_scopes)},
                                       {"read_only", describe(keys.read_only)},
                                       {"expired", describe(keys.expired)}};
    return boost::json::serialize(document) + "\n";
}

// Blocks until SIGINT or SIGTERM. The signals are blocked in every thread (the mask is set before
// the server starts its threads), so sigwait is the only place they are delivered.
void wait_for_termination(const sigset_t& signals) {
    int received = 0;
    sigwait(&signals, &received);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"talentray-mock: a local Talent-Ray API server (TLS by default)", "talentray-mock"};
    mock::server_options options;
    std::string rate_limit_text = "600/60s";
    std::string rate_limit_shape_text = "sliding";
    std::string usage_resolution_text = "1ms";
    std::size_t rate_limit_burst = 1;
    std::string tls_cert_file, tls_key_file, ca_out, keys_out;
    bool plain = false;
    long long latency_ms = 0, idle_ms = 0;
    long long too_many_requests_retry_after_s = 2;
    std::string list_order_text = "natural", churn_at_text = "random";

    app.add_option("--host", options.host, "address to listen on")->capture_default_str();
    app.add_option("--port", options.port, "port to listen on; 0 picks a free one")->capture_default_str();
    app.add_option("--seed", options.seed, "seed of all generated data and fault decisions")->capture_default_str();
    app.add_option("--candidates", options.candidates, "number of generated candidates")->capture_default_str();
    app.add_option("--potential-candidates", options.potential_candidates, "number of sourcing leads (>= 60)")
        ->capture_default_str();
    app.add_option("--usage-rows", options.seeded_usage_rows, "usage-log rows pre-recorded on the employer key")
        ->capture_default_str();
    app.add_option("--usage-rows-per-second", options.usage_rows_per_second,
                   "seeded usage rows come in bursts of 1..N rows within one second (1..1000)")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    app.add_option("--usage-timestamp-resolution", usage_resolution_text,
                   "usage-log timestamps: 1ms (distinct, with a fraction) or 1s (whole seconds, ties)")
        ->check(CLI::IsMember(std::vector<std::string>{"1ms", "1s"}))
        ->capture_default_str();
    app.add_option("--rate-limit", rate_limit_text, "per-key limit N/DURATION (600/60s, 5/1s, 100/500ms) or 0")
        ->capture_default_str();
    app.add_option("--rate-limit-shape", rate_limit_shape_text,
                   "how the limit counts: sliding (any window-long interval), fixed (aligned windows) or bucket "
                   "(a token bucket of --rate-limit-burst)")
        ->capture_default_str();
    app.add_option("--rate-limit-burst", rate_limit_burst,
                   "bucket shape: requests that may arrive back to back (the bucket's capacity)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_flag("--rate-limit-headers", options.rate_limit_headers,
                 "also send IETF-draft RateLimit-Policy and RateLimit headers");
    bool no_gzip = false;
    app.add_flag("--no-gzip", no_gzip,
                 "never compress responses (by default JSON responses of 1 KiB or more are gzipped when the "
                 "request's Accept-Encoding allows it)");
    app.add_flag("--plain", plain, "serve HTTP instead of HTTPS");
    auto* cert_option = app.add_option("--tls-cert", tls_cert_file, "PEM certificate (chain) to serve")
                            ->check(CLI::ExistingFile);
    auto* key_option =
        app.add_option("--tls-key", tls_key_file, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
    cert_option->needs(key_option);
    key_option->needs(cert_option);
    app.add_option("--ca-out", ca_out, "write the certificate clients must trust to FILE");
    app.add_option("--keys-out", keys_out, "write the seeded API keys as JSON to FILE");
    app.add_option("--latency", latency_ms, "milliseconds added before each response")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--server-error-rate", options.faults.server_error_rate, "fraction answered 500")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--drop-before-header-rate", options.faults.drop_before_header_rate,
                   "fraction closed without a response")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--drop-after-header-rate", options.faults.drop_after_header_rate,
                   "fraction closed after the response header")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--truncate-body-rate", options.faults.truncate_body_rate,
                   "fraction whose body is cut short")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--close-after-requests", options.faults.close_after_requests,
                   "close keep-alive connections after N responses (0 = never)");
    app.add_option("--close-when-idle", idle_ms, "close connections idle this many milliseconds (0 = never)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--too-many-requests-at", options.faults.too_many_requests_at,
                   "answer the Nth request of each key 429, whatever the limit says (0 = never)");
    app.add_option("--too-many-requests-retry-after", too_many_requests_retry_after_s,
                   "the Retry-After, in seconds, of that 429")
        ->check(CLI::Range(1LL, 86'400LL))
        ->capture_default_str();
    app.add_option("--arrival-log", options.arrival_log_capacity,
                   "authenticated requests the stats route's arrival log keeps (the last N; 0 = none)")
        ->capture_default_str();
    app.add_option("--threads", options.threads, "server threads")->capture_default_str();
    app.add_option("--list-order", list_order_text,
                   "order of the offset lists: natural, newest-first or oldest-first (by a unique createdAt)")
        ->capture_default_str();
    app.add_option("--churn-list", options.churn.list,
                   "list that changes while it is read: candidates, roles, tests or sourcing");
    app.add_option("--churn-inserts-per-s", options.churn.inserts_per_s, "rows the churn list gains per second");
    app.add_option("--churn-deletes-per-s", options.churn.deletes_per_s, "rows the churn list loses per second");
    app.add_option("--churn-at", churn_at_text, "where churn inserts and deletes: front, back or random")
        ->capture_default_str();

    try {
        app.parse(argc, argv);
        options.usage_timestamp_resolution =
            usage_resolution_text == "1s" ? std::chrono::milliseconds{1000} : std::chrono::milliseconds{1};
        options.limit = mock::parse_rate_limit(rate_limit_text);
        options.limit.shape = mock::parse_limit_shape(rate_limit_shape_text);
        options.limit.burst = rate_limit_burst;
        if (app.count("--rate-limit-burst") > 0 && options.limit.shape != mock::limit_shape::bucket)
            throw usage_error("--rate-limit-burst applies to --rate-limit-shape bucket only");
        options.tls = !plain;
        options.gzip = !no_gzip;
        if (plain && !tls_cert_file.empty()) throw usage_error("--plain cannot be combined with --tls-cert/--tls-key");
        if (plain && !ca_out.empty()) throw usage_error("--plain serves no certificate; --ca-out makes no sense");
        if (!tls_cert_file.empty()) {
            options.tls_certificate_pem = read_file(tls_cert_file, "--tls-cert");
            options.tls_private_key_pem = read_file(tls_key_file, "--tls-key");
        }
        options.order = mock::parse_list_order(list_order_text);
        options.churn.at = mock::parse_churn_position(churn_at_text);
        if (options.churn.list.empty() && (app.count("--churn-inserts-per-s") + app.count("--churn-deletes-per-s") +
                                           app.count("--churn-at")) > 0)
            throw usage_error("--churn-inserts-per-s, --churn-deletes-per-s and --churn-at need --churn-list");
        options.faults.latency = std::chrono::milliseconds{latency_ms};
        options.faults.close_when_idle = std::chrono::milliseconds{idle_ms};
        options.faults.too_many_requests_retry_after = std::chrono::seconds{too_many_requests_retry_after_s};
        mock::validate(options);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help
        std::cerr << "talentray-mock: " << e.what() << "\nRun with --help for the options.\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "talentray-mock: " << e.what() << "\nRun with --help for the options.\n";
        return 2;
    }

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    try {
        mock::server server{options};
        if (!ca_out.empty()) write_file(ca_out, "--ca-out", server.ca_certificate_pem());
        if (!keys_out.empty()) write_file(keys_out, "--keys-out", keys_document(server.keys()));
        std::cout << "listening on " << server.base_url() << std::endl;
        wait_for_termination(signals);
        server.stop();
    } catch (const usage_error& e) {
        std::cerr << "talentray-mock: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "talentray-mock: cannot start: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
