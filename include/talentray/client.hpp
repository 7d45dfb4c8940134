// talentray/client.hpp — the one front door to the Talent-Ray API.
#pragma once

#include <talentray/client_options.hpp>
#include <talentray/counters.hpp>
#include <talentray/error.hpp>
#include <talentray/request.hpp>
#include <talentray/response.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>

namespace talentray {

namespace detail {
class client_impl;
}

/// A Talent-Ray API client: credentials, the connection pool, timeouts, error decoding.
///
/// Thread safety: one client may be used concurrently by any number of coroutines, including
/// coroutines running on several threads of the same `io_context`; the pool and the counters are
/// internally synchronised. Moving a client while calls are in flight is not allowed.
///
/// Lifetime: calls that are in flight keep the client's internals alive, so destroying the
/// client object while they run is safe; they complete normally.
///
/// Cancellation: every awaitable honours terminal per-operation cancellation (for example
/// `asio::experimental::awaitable_operators` or `asio::bind_cancellation_slot`): the wait for a
/// connection, connect, handshake, write and read are aborted and the connection is closed. A
/// cancelled call fails with `asio::error::operation_aborted`.
class client {
public:
    using executor_type = boost::asio::any_io_executor;

    /// Validates the options and prepares the pool; opens no connection yet.
    /// Throws `talentray::error`: `invalid_api_key` (whitespace or control characters; the key
    /// is never quoted), `invalid_base_url`, `insecure_url_refused` (http:// to a non-loopback
    /// host), `invalid_argument` (unreadable CA file, control characters in the user agent).
    /// Logs a warning when the key does not look like a Talent-Ray key (`tr_` + 64 characters)
    /// and when TLS verification is disabled.
    client(executor_type executor, client_options options);
    ~client();
    client(client&&) noexcept;
    client& operator=(client&&) noexcept;

    executor_type get_executor() const noexcept;

    /// Sends any request (the raw escape hatch) and returns the 2xx response with its headers
    /// and body (`response::json()` parses it). Throws `talentray::error`: a non-2xx status is
    /// decoded into `diag()` (status, API code and message, details, scopes, retry-after); a
    /// transport failure carries its cause; client-side validation failures are raised before
    /// any byte is sent.
    boost::asio::awaitable<response> send(request_spec request);

    /// As `send`, without exceptions: the error half holds the same code and diagnostics.
    boost::asio::awaitable<result<response>> try_send(request_spec request);

    /// A snapshot of the request counters and the pool statistics.
    client_counters counters() const;

    /// The origin requests go to, e.g. "https://app.talent-ray.com:443".
    std::string origin() const;

    /// For the typed endpoint groups and the pager; not part of the stable API.
    detail::client_impl& impl() const noexcept { return *impl_; }

private:
    std::shared_ptr<detail::client_impl> impl_;
};

}  // namespace talentray
