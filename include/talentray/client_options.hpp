// talentray/client_options.hpp — everything a client can be configured with, and its defaults.
#pragma once

#include <talentray/connection_options.hpp>
#include <talentray/header_field.hpp>
#include <talentray/log.hpp>
#include <talentray/request_event.hpp>
#include <talentray/scheduler/options.hpp>
#include <talentray/secret.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace talentray {

class rate_budget;

/// How the key travels. Both are documented; Bearer is preferred. The key is never put in a URL.
enum class auth_scheme {
    bearer,     ///< `Authorization: Bearer tr_...`
    x_api_key,  ///< `x-api-key: tr_...`
};

/// Client configuration. Construct it directly or with `client_options::from_env()`.
struct client_options {
    /// `https://app.talent-ray.com` (shared platform), a dedicated instance URL such as
    /// `https://acme.talent-ray.com`, or just the instance name (`acme`). `http://` is accepted
    /// only for loopback hosts unless `allow_insecure_http` is set.
    std::string base_url = "https://app.talent-ray.com";

    /// The API key (`tr_` + 64 characters). Empty is allowed only for a client that calls the
    /// public career-portal endpoints alone; an authenticated call then fails with `unauthorized`
    /// before sending anything.
    secret api_key;
    auth_scheme auth = auth_scheme::bearer;
    std::string user_agent = "talentray-cpp/0.1.0";
    /// Extra header fields sent with every request of this client (see `header_field` for what
    /// is allowed; the client's constructor throws `errc::invalid_argument` naming a field that
    /// is not). A call's `request_spec::headers` replace fields of the same name.
    header_fields headers;

    tls_options tls;
    pool_options pool;
    timeout_options timeouts;

    /// Largest response body accepted; a larger one fails with `errc::body_too_large` without
    /// being read into memory. A gzip response is held to it twice: on the wire, and as it is
    /// inflated (it fails as soon as its decoded size passes the limit).
    std::size_t max_body_size = 64 * 1024 * 1024;

    /// Asks for gzip-compressed responses (`Accept-Encoding: gzip`) on GET requests, whose responses
    /// (list pages above all) are the large ones; a JSON page shrinks about tenfold. The response
    /// is inflated as it arrives and `max_body_size` bounds both its size on the wire and its
    /// decoded size. False: no Accept-Encoding is sent. A build without zlib
    /// (`TALENTRAY_WITH_ZLIB=OFF`) never asks. Whatever this says, a gzip response is decoded when
    /// the build has zlib; a response in a coding the client cannot decode (`br`, `deflate`, or
    /// corrupt or truncated gzip) fails with `errc::invalid_response`, not retried.
    bool compression = true;

    /// Allows `http://` to hosts other than loopback. The key then crosses the network in clear.
    bool allow_insecure_http = false;

    /// The HTTP proxy `https://` requests tunnel through with `CONNECT`:
    /// `http://[user[:password]@]host[:port]` (port 1080 when absent, as curl; user and password
    /// percent-decoded and sent as `Proxy-Authorization: Basic`). Empty: direct connections.
    /// A secret, like the key: the credentials appear in no log line, error or diagnostic. TLS
    /// runs end to end with the API host (SNI and certificate checks name it, not the proxy).
    /// `http://` base URLs (loopback tests) never use it. A malformed URL makes the client's
    /// constructor throw `errc::invalid_proxy_url`.
    secret proxy;
    /// Hosts reached directly even when `proxy` is set, as curl reads `NO_PROXY`: entries
    /// separated by commas or spaces; `*` alone for every host; a name matches itself and its
    /// subdomains (a leading dot is optional); IP literals match the same address, or a range
    /// written `10.0.0.0/8`; `host:port` matches that port only.
    std::string no_proxy;

    /// The rate budget of the key, used when `budget` is empty: all clients of one key in the
    /// process then share one budget, configured by the first of them.
    scheduler_options scheduler;
    /// An explicit budget to share (e.g. between clients of several keys' owners that must
    /// stay under one limit); empty: the process-wide budget of `api_key`.
    std::shared_ptr<rate_budget> budget;
    /// How failed requests are retried; overridable per call in `request_spec::retry`.
    retry_options retry;

    /// Receives the client's log lines (requests, retries, warnings). Empty: no logging.
    log_handler logger;

    /// Called once per attempt with what it did (`request_event`): the operation, route
    /// template, status, error, retry cause, timings and bytes. Empty (the default): nothing is
    /// timed or built for it.
    ///
    /// It is called on the thread that completes the attempt, before the call goes on (to its
    /// result, its backoff or its next attempt), and may be called concurrently from several
    /// threads when the client's executor runs on several, or when clients share it: it must be
    /// thread-safe, and it must not block, since the call waits for it. It should not throw: an
    /// exception it throws is caught and dropped, the call goes on as if it had returned, and
    /// the client logs a warning (through `logger`) saying that the observer threw.
    /// Requests refused before any attempt (no key, invalid arguments) produce no event.
    request_observer observer;

    /// Reads `TALENTRAY_API_KEY`, `TALENTRAY_BASE_URL`, `TALENTRAY_CA_FILE` and
    /// `TALENTRAY_SHARED_BUDGET` (into `scheduler.shared_budget`), and the proxy as
    /// curl does: `https_proxy`, else `HTTPS_PROXY`, into `proxy`; `no_proxy`, else `NO_PROXY`,
    /// into `no_proxy`. Variables that are unset or empty leave the defaults. Throws nothing;
    /// validation happens when a client is built.
    static client_options from_env();
};

}  // namespace talentray
