// talentray/error.hpp — the SDK's one error type, its error codes and their diagnostics.
#pragma once

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace talentray {

/// Every failure the SDK reports. HTTP statuses map to the codes below; transport failures keep
/// Asio's or OpenSSL's own codes inside `error::code()` when they come from there.
enum class errc {
    // Raised before any byte is sent.
    invalid_argument = 1,    ///< a parameter failed client-side validation (names the field)
    invalid_api_key,         ///< the key is empty or contains whitespace/control characters
    insecure_url_refused,    ///< http:// to a non-loopback host without explicit opt-in
    invalid_base_url,        ///< the base URL cannot be parsed or has an unsupported scheme

    // Transport.
    connect_timeout,         ///< TCP connect did not finish within `timeout_options::connect`
    handshake_timeout,       ///< TLS handshake did not finish within `timeout_options::handshake`
    io_timeout,              ///< a single read or write step exceeded `timeout_options::io`
    deadline_exceeded,       ///< the whole request exceeded its deadline
    tls_verification_failed, ///< the server's certificate was rejected (reason in diagnostics)
    body_too_large,          ///< response body (or a gzip body's decoded size) exceeded `client_options::max_body_size`
    redirect_not_followed,   ///< a 3xx response; `diagnostics::location` names where it pointed
    connection_failed,       ///< the connection broke; the underlying cause is in diagnostics

    // Server responses.
    invalid_response,        ///< the body is not JSON or not of the documented shape, or its
                             ///< Content-Encoding is not gzip, or its gzip is corrupt or truncated
    bad_request,             ///< 400
    unauthorized,            ///< 401
    forbidden,               ///< 403 (owner lacks authority; legacy "not admin" too)
    insufficient_scope,      ///< 403 insufficient_scope: see required/granted scopes
    not_found,               ///< 404 (also: exists but invisible to this key)
    rate_limited,            ///< 429 that could not be retried within the request's deadline
    server_error,            ///< 5xx
    unexpected_status,       ///< any other non-2xx status

    // Scheduler and pager.
    admission_deadline,      ///< the request could not be admitted before its deadline
    retry_budget_exhausted,  ///< retries were stopped to protect a failing server
    pagination_stalled,      ///< a cursor did not advance; following it would loop forever
    concurrent_next,         ///< next() was called while another next() was pending
    list_changed,            ///< an offset list's totalCount changed mid-walk; calling again continues
    tie_wider_than_page,     ///< more rows of a cursor list share one timestamp than the largest page holds

    // Proxy (numbered after the rest, so that existing codes keep their values).
    invalid_proxy_url,       ///< `client_options::proxy` cannot be parsed or is not an http:// proxy
    /// The proxy did not open the tunnel to the API: it refused CONNECT (407, 403, 502, ...),
    /// answered something that is not HTTP, or closed the connection. The message names the
    /// proxy (host:port, never its credentials) and its status; the API was not reached, so
    /// `diagnostics::http_status` stays 0. Never retried.
    proxy_refused,

    // Lifecycle.
    /// The client was closed (`client::close()`): a call started afterwards, one still queued
    /// for admission or waiting to retry when it began, and one still in flight when its drain
    /// deadline passed. A call that fails with it after a first attempt keeps that attempt's
    /// diagnostics; nothing is sent after the close began.
    client_closed,
};

/// The category of `errc`; its name is "talentray".
const boost::system::error_category& error_category() noexcept;

/// Makes an error_code in the talentray category (found by ADL, so `errc` converts implicitly).
inline boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// What is known about a failure beyond its code. Every field is optional: transport failures
/// have no HTTP status, legacy API errors have no machine code, and so on.
struct diagnostics {
    int http_status = 0;                              ///< 0 when no response was received
    std::string api_code;                             ///< v1 machine code, e.g. "not_found"
    std::string api_message;                          ///< v1 `message` or the legacy `error` text
    std::vector<std::string> details;                 ///< v1 `details` (400)
    std::vector<std::string> required_scopes;         ///< v1 `requiredScopes` (403)
    std::vector<std::string> granted_scopes;          ///< v1 `grantedScopes` (403)
    std::optional<std::chrono::seconds> retry_after;  ///< parsed `Retry-After`, if sent
    std::string method;                               ///< e.g. "GET"
    std::string path;                                 ///< request path, no query and never a key
    std::string location;                             ///< `Location` of a 3xx response
    std::string client_message;                       ///< the SDK's own explanation

    /// One line for logs and `what()`: method, path, status, code, messages, scopes.
    /// Never contains the API key: the client redacts every field (the key, its `Bearer ` form
    /// and any run of 16 or more of its characters become "[redacted]") before it reports them.
    std::string to_string() const;
};

/// A code plus its diagnostics: the error half of `result<T>`.
struct error_info {
    boost::system::error_code code;
    talentray::diagnostics diag;
};

/// Writes the code's message and the diagnostics line (e.g. for test output and logs).
std::ostream& operator<<(std::ostream& os, const error_info& info);

/// The exception every throwing SDK call raises. `code()` is the `errc` (or the Asio/OpenSSL
/// code of a transport failure); `diag()` carries the rest; `what()` is `diag().to_string()`.
class error : public boost::system::system_error {
public:
    error(boost::system::error_code code, talentray::diagnostics diag);
    explicit error(error_info info) : error(info.code, std::move(info.diag)) {}

    /// The diagnostics of the failure.
    const talentray::diagnostics& diag() const noexcept { return diag_; }

    /// Code and diagnostics together (e.g. to store in a `result`).
    error_info info() const { return {code(), diag_}; }

private:
    talentray::diagnostics diag_;
};

/// Non-throwing results: `has_value()`, `value()` (throws `talentray::error`), `error()`.
template <class T>
using result = boost::system::result<T, error_info>;

/// Called by `result<T>::value()` on failure; throws `talentray::error`.
[[noreturn]] void throw_exception_from_error(const error_info& e, const boost::source_location& loc);

/// Shorthand for building a failed result or exception with an SDK-side message.
error_info make_error_info(errc code, std::string client_message);

/// Throws `talentray::error{code, {.client_message = message}}`.
[[noreturn]] void throw_error(errc code, std::string client_message);

/// Maps an HTTP status to the code the SDK reports for it (`not_found` for 404, ...).
/// `api_code` disambiguates 403 (`insufficient_scope` vs `forbidden`).
errc errc_from_status(int http_status, std::string_view api_code) noexcept;

}  // namespace talentray

template <>
struct boost::system::is_error_code_enum<talentray::errc> : std::true_type {};
