// The connection pool of one origin: bounded size, keep-alive reuse, idle expiry, FIFO waiters.
#pragma once

#include "transport/connection.hpp"

#include <talentray/connection_options.hpp>
#include <talentray/counters.hpp>

#include <boost/asio/experimental/concurrent_channel.hpp>

#include <deque>
#include <mutex>
#include <optional>

namespace talentray::detail {

/// A connection checked out of the pool. `reused` is true when it served a request before.
struct pool_lease {
    std::unique_ptr<connection> conn;
    bool reused = false;
};

/// Thread-safe: any number of coroutines on any threads may acquire and release concurrently.
/// The pool must outlive every lease (the client keeps it alive while requests run).
class connection_pool {
public:
    /// `proxy`, when set, is the proxy every connection of the pool tunnels through; a pooled
    /// tunnel is reused like a direct connection.
    connection_pool(origin target, std::shared_ptr<boost::asio::ssl::context> tls_ctx, pool_options options,
                    timeout_options timeouts, std::optional<proxy_endpoint> proxy = std::nullopt);
    ~connection_pool();

    /// Returns an idle healthy connection, or opens a new one while under `max_connections`, or
    /// waits (FIFO) for one to be released. `fresh` skips idle connections. Fails with the
    /// connect/handshake error, errc::deadline_exceeded, or operation_aborted when cancelled.
    boost::asio::awaitable<result<pool_lease>> acquire(clock::time_point deadline, bool fresh);

    /// Makes sure a connection is ready for the next `acquire`: returns at once when an idle
    /// healthy connection is kept or the pool is at `max_connections`; otherwise opens one and
    /// keeps it idle (or hands it to a waiter). It holds no connection once it returns, so the
    /// next acquire, anyone's, takes it. Fails with the connect/handshake error,
    /// errc::client_closed, or operation_aborted when cancelled (the connection is then closed).
    boost::asio::awaitable<result<void>> warm_up(clock::time_point deadline);

    /// Gives a connection back. `reusable` false closes it (and frees its slot for a waiter).
    void release(std::unique_ptr<connection> conn, bool reusable);

    /// Closes the pool for good: every idle connection is ended in order (TLS close_notify, each
    /// bounded by `timeout`, all at once) and is gone when this returns; a connection released
    /// afterwards is closed instead of kept, and `acquire` fails with errc::client_closed.
    /// Never fails. Cancellation ends the waits for close_notify answers early.
    boost::asio::awaitable<void> close(std::chrono::milliseconds timeout);

    /// Counts one request resent after its reused connection turned out to be dead.
    void count_stale_retry() noexcept;

    pool_stats stats() const;
    const origin& target() const noexcept { return target_; }

private:
    struct waiter;
    using wakeup_channel = boost::asio::experimental::concurrent_channel<void(boost::system::error_code)>;

    boost::asio::awaitable<result<pool_lease>> open_new(clock::time_point deadline);
    /// Takes the idle connections that expired or went bad out of the pool, into `closing`.
    /// Returns true when a healthy one remains.
    bool prune_idle_locked(std::vector<std::unique_ptr<connection>>& closing, std::unique_lock<std::mutex>& lock);
    void hand_over_locked(std::unique_ptr<connection> conn, std::unique_lock<std::mutex>& lock);
    void free_slot_locked(std::unique_lock<std::mutex>& lock);

    const origin target_;
    const std::shared_ptr<boost::asio::ssl::context> tls_ctx_;
    const pool_options options_;
    const timeout_options timeouts_;
    const std::optional<proxy_endpoint> proxy_;

    mutable std::mutex mutex_;
    std::deque<std::unique_ptr<connection>> idle_;  // most recently used at the back
    std::deque<std::shared_ptr<waiter>> waiters_;   // oldest first
    std::size_t open_ = 0;                          // busy + idle + being opened
    bool closed_ = false;                           // close() was called: nothing is kept idle
    tls_session last_session_;
    pool_stats stats_;
};

}  // namespace talentray::detail
