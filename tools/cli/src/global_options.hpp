// The options every talentray command shares, and the client configuration made from them.
#pragma once

#include <talentray/client_options.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace talentray::cli {

class console;

/// As given on the command line (unset: the environment or the SDK's default applies).
struct global_options {
    std::optional<std::string> base_url;      ///< --base-url (else TALENTRAY_BASE_URL)
    std::optional<std::string> ca_file;       ///< --ca-file (else TALENTRAY_CA_FILE)
    std::optional<std::string> rate_limit;    ///< --rate-limit N/DURATION
    std::optional<std::uint32_t> max_in_flight;  ///< --max-in-flight
    std::optional<std::string> timeout;       ///< --timeout DURATION (a call, retries and waits included)
    std::optional<std::string> api_key_file;  ///< --api-key-file (else TALENTRAY_API_KEY)
    std::optional<std::string> proxy;         ///< --proxy URL (else https_proxy / HTTPS_PROXY)
    std::optional<std::string> no_proxy;      ///< --no-proxy LIST (else no_proxy / NO_PROXY)
    std::optional<std::string> shared_budget; ///< --shared-budget URL (else TALENTRAY_SHARED_BUDGET)
    std::optional<std::string> user_agent;    ///< --user-agent TEXT (else the SDK's)
    bool verbose = false;                     ///< --verbose: log every request
    bool quiet = false;                       ///< --quiet: errors only on stderr (excludes --verbose)
};

/// `client_options::from_env()` (TALENTRAY_API_KEY, TALENTRAY_BASE_URL, TALENTRAY_CA_FILE, the
/// proxy variables) with the options applied on top: the key file replaces the variable;
/// `--proxy` and `--no-proxy` replace the proxy variables (`--proxy` with a password is refused:
/// argv shows in the process list, so proxy credentials come from HTTPS_PROXY only); `--rate-limit` sets the
/// budget's requests and window (the burst is learned);
/// `--max-in-flight` bounds both the admitted requests and the connections; `--timeout` limits
/// each call, its retries and rate-limit waits included (each attempt and the retry deadline);
/// `--shared-budget` replaces TALENTRAY_SHARED_BUDGET (a URL with a password is refused, as for
/// `--proxy`; `--shared-budget ''` turns sharing off); `--user-agent` replaces the SDK's
/// User-Agent (not empty, no control characters). Log lines go to `out`: warnings and errors
/// always, every request with --verbose; with --quiet only errors. Throws `usage_error` naming the
/// option at fault.
client_options make_client_options(const global_options& options, console& out);

}  // namespace talentray::cli
