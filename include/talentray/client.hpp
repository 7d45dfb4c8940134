// talentray/client.hpp — the one front door to the Talent-Ray API.
#pragma once

#include <talentray/client_options.hpp>
#include <talentray/counters.hpp>
#include <talentray/error.hpp>
#include <talentray/request.hpp>
#include <talentray/response.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>

namespace talentray {

namespace detail {
class client_impl;
struct client_access;
}

struct me;
class candidates_api;
class roles_api;
class tests_api;
class sourcing_api;
class cv_screening_api;
class api_keys_api;
class career_portal_api;

/// A Talent-Ray API client: credentials, the connection pool, timeouts, error decoding.
///
/// Thread safety: one client may be used concurrently by any number of coroutines, including
/// coroutines running on several threads of the same `io_context`; the pool and the counters are
/// internally synchronised. Moving a client while calls are in flight is not allowed.
///
/// Lifetime: every call holds the client's internals (options, pool, counters) from the moment
/// it is made (`c.me()`, `c.try_send(...)`, `c.candidates().get(id)`, ...), not from when it is
/// awaited, until it completes. Destroying the client object while calls are made or in flight
/// is therefore safe: they run to completion as if it still existed, bounded only by their own
/// timeouts, and the pooled connections are closed (without TLS close_notify) when the last of
/// them ends, after which `io_context::run()` can return. Pagers hold the internals too and may
/// outlive the client; endpoint handles (`c.candidates()`) refer to the client object and must
/// not be used after it is gone. For a bounded, orderly end use `close()`.
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

    /// How long `close()` lets calls in flight finish, by default.
    static constexpr std::chrono::milliseconds default_drain{5000};

    /// Shuts the client down in order. From the moment it is called:
    /// - a call started afterwards fails at once with `errc::client_closed` and sends nothing;
    /// - a call still queued for admission by the rate budget (or admitted but not yet sending)
    ///   fails with `errc::client_closed`; only this client's calls leave the queue, other
    ///   clients sharing its `rate_budget` are untouched;
    /// - a call waiting to retry fails with `errc::client_closed` (its diagnostics are those of
    ///   the attempt it would have retried), and no call begins another attempt;
    /// - a call whose attempt is on the wire may finish within `drain`; one still running then is
    ///   cancelled and fails with `errc::client_closed` (not `operation_aborted`, so that it can
    ///   be told from the caller's own cancellation). Its connection is closed, not reused.
    /// When every call has ended, the idle pooled connections are closed in order: TLS
    /// close_notify, waiting at most 1 s for the server's (all connections at once). Then no
    /// timer or socket of the client remains, so `io_context::run()` returns once the caller's
    /// own work is done.
    ///
    /// Returns when the shutdown is complete: at most `drain` + 1 s after the call, plus the
    /// moment cancelled calls take to end. Calling it again, or concurrently from another
    /// thread, waits for the first shutdown and returns when it completes (its `drain` is
    /// ignored). Throws nothing but `std::bad_alloc`.
    ///
    /// Cancellation (terminal, e.g. racing it with a timer): the drain ends at once, as if its
    /// deadline had passed, and `close()` returns; the rest of the shutdown (cancelled calls
    /// ending, close_notify) completes on the executor, and `run()` returns after it.
    ///
    /// Thread safety: may be called from any thread running the client's executor, while other
    /// coroutines on other threads make calls. Not on a moved-from client.
    boost::asio::awaitable<void> close(std::chrono::milliseconds drain = default_drain) const;

    /// Sends any request (the raw escape hatch) and returns the 2xx response with its headers
    /// and body (`response::json()` parses it). Throws `talentray::error`: a non-2xx status is
    /// decoded into `diag()` (status, API code and message, details, scopes, retry-after); a
    /// transport failure carries its cause; client-side validation failures are raised before
    /// any byte is sent.
    boost::asio::awaitable<response> send(request_spec request) const;

    /// As `send`, without exceptions: the error half holds the same code and diagnostics.
    boost::asio::awaitable<result<response>> try_send(request_spec request) const;

    /// The typed endpoint groups (include <talentray/talentray.hpp> or the group's header).
    /// Each is a cheap handle that refers to this client; it must not outlive it.
    candidates_api candidates() const;
    roles_api roles() const;
    tests_api tests() const;
    sourcing_api sourcing() const;
    cv_screening_api cv_screening() const;
    api_keys_api api_keys() const;
    career_portal_api career_portal() const;

    /// `GET /api/v1/me`: the key's owner and scopes. Needs no scope. Throws `talentray::error`
    /// (`unauthorized` for a missing, revoked or expired key).
    boost::asio::awaitable<talentray::me> me() const;
    /// As `me()`, without exceptions.
    boost::asio::awaitable<result<talentray::me>> try_me() const;

    /// A snapshot of the request counters, the pool statistics and the key's rate budget.
    client_counters counters() const;

    /// The origin requests go to, e.g. "https://app.talent-ray.com:443".
    std::string origin() const;

private:
    // The typed endpoint groups and the pagers reach the internals through it (src/client).
    friend struct detail::client_access;

    std::shared_ptr<detail::client_impl> impl_;
};

}  // namespace talentray
