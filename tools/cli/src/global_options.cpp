#include "global_options.hpp"

#include "console.hpp"
#include "key_file.hpp"
#include "option_values.hpp"
#include "usage_error.hpp"

#include <algorithm>

namespace talentray::cli {
namespace {

/// True when a proxy or Redis URL carries a password (`user:password@`, or a Redis socket's
/// `password=` parameter), which argv must not hold.
bool has_password(std::string_view url) {
    if (url.find("password=") != std::string_view::npos) return true;
    if (const auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find('/'));
    const auto at = url.rfind('@');
    return at != std::string_view::npos && url.substr(0, at).find(':') != std::string_view::npos;
}

}  // namespace

client_options make_client_options(const global_options& options, console& out) {
    client_options client = client_options::from_env();
    if (options.api_key_file) client.api_key = read_api_key_file(*options.api_key_file);
    if (options.base_url) client.base_url = *options.base_url;
    if (options.ca_file) client.tls.ca_file = *options.ca_file;
    if (options.proxy) {
        if (has_password(*options.proxy))
            throw usage_error("--proxy: a password is never taken from the command line (it would show in the "
                              "process list and the shell history); put user:password in HTTPS_PROXY instead");
        client.proxy = secret{*options.proxy};
    }
    if (options.no_proxy) client.no_proxy = *options.no_proxy;
    if (options.shared_budget) {
        if (has_password(*options.shared_budget))
            throw usage_error("--shared-budget: a password is never taken from the command line (it would show in the "
                              "process list and the shell history); put the URL in TALENTRAY_SHARED_BUDGET instead");
        client.scheduler.shared_budget = *options.shared_budget;
    }
    if (options.user_agent) {
        // The server's usage log shows it: a way to tell one's jobs apart there.
        if (options.user_agent->empty()) throw usage_error("--user-agent: must not be empty");
        if (std::any_of(options.user_agent->begin(), options.user_agent->end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
            throw usage_error("--user-agent: control characters are not allowed in a header");
        client.user_agent = *options.user_agent;
    }
    if (options.rate_limit) {
        const rate_limit limit = parse_rate_limit(*options.rate_limit, "--rate-limit");
        client.scheduler.requests_per_window = limit.requests;
        client.scheduler.window = limit.window;
        // The burst is left to the budget: it opens small and learns what the server takes.
    }
    if (options.max_in_flight) {
        if (*options.max_in_flight == 0) throw usage_error("--max-in-flight: must be at least 1");
        client.scheduler.max_in_flight = *options.max_in_flight;
        client.pool.max_connections = *options.max_in_flight;
    }
    if (options.timeout) {
        // One budget for a whole call: each attempt, the retries and the 429 waits between them.
        const auto limit = parse_duration(*options.timeout, "--timeout");
        client.timeouts.request = limit;
        client.retry.total_timeout = limit;
    }

    // --quiet leaves what explains a failure; warnings (a retry, a slowed budget) are not that.
    const log_level least = options.verbose ? log_level::debug : options.quiet ? log_level::error : log_level::warning;
    client.logger = [&out, least](log_level level, std::string_view message) {
        if (level < least) return;
        std::string line = "talentray: ";
        line += to_string(level);
        line += ": ";
        line += message;
        out.write_line(line);
    };
    return client;
}

}  // namespace talentray::cli
