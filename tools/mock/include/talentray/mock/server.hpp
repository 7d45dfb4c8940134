// talentray/mock/server.hpp — an in-process Talent-Ray API server for tests and benchmarks.
//
//   talentray::mock::server mock{{.tls = false}};
//   // mock.base_url() == "http://127.0.0.1:41234"; mock.keys().employer.key is a valid key.
#pragma once

#include <talentray/mock/options.hpp>
#include <talentray/mock/stats.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace talentray::mock {

/// One API key the server creates at start-up. `key` is the plaintext a client sends.
struct seeded_key {
    std::string id;             ///< e.g. "apikey_employer"
    std::string key;            ///< "tr_" + 64 characters of [A-Za-z0-9], derived from the seed
    std::string owner_user_id;  ///< e.g. "user_employer"
    std::vector<std::string> scopes;
};

/// The keys every server starts with (see tools/mock/README.md for their owners' reach).
struct seeded_keys {
    seeded_key admin;           ///< platform admin, every scope
    seeded_key employer;        ///< owner of org_acme, every scope; carries the seeded usage log
    seeded_key hiring_manager;  ///< hiring manager in org_acme (3 assigned roles), every scope
    seeded_key no_scopes;       ///< owner of org_acme, no scopes at all
    seeded_key read_only;       ///< owner of org_acme, the six ":read" scopes
    seeded_key expired;         ///< owner of org_acme, every scope, expired a day before start-up
};

/// A running mock server. It owns an io_context served by `options.threads` threads of its own,
/// so it works the same next to a client on any executor, or none.
///
/// Thread safety: every member function may be called from any thread.
class server {
public:
    /// Generates the data, binds `options.host:options.port` and starts serving before returning.
    /// Throws std::invalid_argument for unusable options, boost::system::system_error when the
    /// address cannot be bound, and std::runtime_error when the TLS material cannot be used.
    explicit server(server_options options);

    /// Stops serving and joins the threads (see stop()).
    ~server();

    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// "https://127.0.0.1:43121", or "http://..." for a plain server. IPv6 hosts are bracketed.
    std::string base_url() const;
    /// The bound port (the chosen one when options.port was 0).
    std::uint16_t port() const;
    /// The PEM certificate a client must trust: the server certificate itself (self-signed or
    /// given). Empty for a plain server.
    std::string ca_certificate_pem() const;
    /// The keys created at start-up; valid for the server's lifetime.
    const seeded_keys& keys() const;

    /// Replaces the fault settings for requests read from now on. Throws std::invalid_argument
    /// (and changes nothing) when `faults` is invalid.
    void set_faults(fault_options faults);
    /// Replaces the per-key limit. Every key's window starts afresh.
    void set_rate_limit(mock::rate_limit limit);

    /// A consistent copy of the counters.
    stats_snapshot stats() const;

    /// Closes the listening socket and every connection, then joins the server's threads.
    /// Requests in progress are abandoned. Idempotent; must not be called from a server thread.
    void stop();

private:
    class impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace talentray::mock
