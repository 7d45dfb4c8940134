#include "transport/pool.hpp"

#include "transport/use_tuple.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/ssl.h>

#include <algorithm>

namespace talentray::detail {
namespace asio = boost::asio;
using boost::system::error_code;

/// A request waiting for a connection. It is granted either a released connection (`handed`) or
/// the right to open a new one (`slot`); the grant is decided under the pool mutex and announced
/// through a thread-safe one-slot channel, so a wake-up sent before the waiter starts waiting is
/// not lost.
struct connection_pool::waiter {
    explicit waiter(const asio::any_io_executor& executor) : wakeup(executor, 1) {}
    wakeup_channel wakeup;
    std::unique_ptr<connection> handed;
    bool slot = false;
    bool granted = false;
};

connection_pool::connection_pool(origin target, std::shared_ptr<asio::ssl::context> tls_ctx, pool_options options,
                                 timeout_options timeouts, std::optional<proxy_endpoint> proxy)
    : target_(std::move(target)),
      tls_ctx_(std::move(tls_ctx)),
      options_(options),
      timeouts_(timeouts),
      proxy_(std::move(proxy)) {
}

connection_pool::~connection_pool() = default;

asio::awaitable<result<pool_lease>> connection_pool::acquire(clock::time_point deadline, bool fresh) {
    using namespace asio::experimental::awaitable_operators;
    const std::size_t max_connections = std::max<std::size_t>(1, options_.max_connections);

    std::vector<std::unique_ptr<connection>> closing;  // destroyed after the lock is released
    std::shared_ptr<waiter> me;
    {
        std::unique_lock lock{mutex_};
        if (closed_)
            co_return make_error_info(errc::client_closed, "the client was closed: no connection to " +
                                                               target_.to_string() + " is opened any more");
        if (!fresh) {
            if (prune_idle_locked(closing, lock)) {
                auto conn = std::move(idle_.back());
                idle_.pop_back();
                ++stats_.reused;
                lock.unlock();
                closing.clear();
                co_return pool_lease{std::move(conn), true};
            }
        } else if (open_ >= max_connections && !idle_.empty()) {
            // A fresh connection is wanted and the pool is full: make room by closing the
            // least recently used idle one rather than waiting behind it.
            closing.push_back(std::move(idle_.front()));
            idle_.pop_front();
            --open_;
            ++stats_.closed;
        }
        if (open_ < max_connections) {
            ++open_;
            lock.unlock();
            closing.clear();
            co_return co_await open_new(deadline);
        }
        me = std::make_shared<waiter>(co_await asio::this_coro::executor);
        waiters_.push_back(me);
    }
    closing.clear();

    asio::steady_timer timer{me->wakeup.get_executor(), deadline};
    auto woken = co_await (me->wakeup.async_receive(use_tuple) || timer.async_wait(use_tuple));
    const bool timed_out = woken.index() == 1;
    const bool aborted = !timed_out && std::get<0>(std::get<0>(woken));

    std::unique_lock lock{mutex_};
    if (timed_out || aborted) {
        auto failure = timed_out ? make_error_info(errc::deadline_exceeded,
                                                   "waiting for a connection to " + target_.to_string() +
                                                       ": request deadline exceeded")
                                 : error_info{asio::error::operation_aborted, {}};
        if (!me->granted) {
            waiters_.erase(std::find(waiters_.begin(), waiters_.end(), me));
        } else if (me->handed) {
            hand_over_locked(std::move(me->handed), lock);  // pass it on, do not lose it
        } else {
            free_slot_locked(lock);
        }
        co_return failure;
    }
    if (me->handed) {
        ++stats_.reused;
        co_return pool_lease{std::move(me->handed), true};
    }
    lock.unlock();
    co_return co_await open_new(deadline);
}

bool connection_pool::prune_idle_locked(std::vector<std::unique_ptr<connection>>& closing,
                                        std::unique_lock<std::mutex>&) {
    // From the most recently used, as acquire takes them: the first healthy one is what the
    // next acquire gets, and those behind it are left for later.
    while (!idle_.empty()) {
        connection& conn = *idle_.back();
        const bool expired = clock::now() - conn.idle_since() > options_.idle_timeout;
        if (!expired && conn.idle_and_healthy()) return true;
        closing.push_back(std::move(idle_.back()));
        idle_.pop_back();
        --open_;
        ++stats_.closed;
    }
    return false;
}

asio::awaitable<result<void>> connection_pool::warm_up(clock::time_point deadline) {
    const std::size_t max_connections = std::max<std::size_t>(1, options_.max_connections);
    std::vector<std::unique_ptr<connection>> closing;  // destroyed after the lock is released
    {
        std::unique_lock lock{mutex_};
        if (closed_)
            co_return make_error_info(errc::client_closed, "the client was closed: no connection to " +
                                                               target_.to_string() + " is opened any more");
        if (prune_idle_locked(closing, lock) || open_ >= max_connections) {
            lock.unlock();
            co_return result<void>{};
        }
        ++open_;
    }
    closing.clear();
    auto opened = co_await open_new(deadline);
    if (!opened) co_return opened.error();
    // Kept as a released connection is: idle from now, or handed to the oldest waiter; closed
    // when the pool was closed meanwhile.
    release(std::move(opened->conn), true);
    co_return result<void>{};
}

asio::awaitable<result<pool_lease>> connection_pool::open_new(clock::time_point deadline) {
    tls_session session;
    {
        std::lock_guard lock{mutex_};
        session = last_session_;
    }
    auto conn = std::make_unique<connection>(co_await asio::this_coro::executor, target_, tls_ctx_.get(),
                                             proxy_ ? &*proxy_ : nullptr);
    auto opened = co_await conn->open({timeouts_.connect, timeouts_.handshake, deadline}, session);
    std::unique_lock lock{mutex_};
    if (!opened) {
        free_slot_locked(lock);
        co_return opened.error();
    }
    ++stats_.opened;
    if (conn->resumed_session()) ++stats_.tls_resumed;
    co_return pool_lease{std::move(conn), false};
}

void connection_pool::release(std::unique_ptr<connection> conn, bool reusable) {
    if (reusable && options_.max_requests_per_connection != 0 &&
        conn->requests_served() >= options_.max_requests_per_connection)
        reusable = false;
    std::unique_ptr<connection> closing;
    std::unique_lock lock{mutex_};
    if (tls_ctx_ && conn->requests_served() == 1) {
        // TLS 1.3 tickets arrive after the handshake: the first complete response has brought
        // them, so this is the moment to keep the session for the next connection.
        if (auto session = conn->session(); session && SSL_SESSION_is_resumable(session.get()))
            last_session_ = std::move(session);
    }
    if (reusable && !closed_) {
        conn->mark_idle();
        hand_over_locked(std::move(conn), lock);
    } else {
        ++stats_.closed;
        closing = std::move(conn);
        free_slot_locked(lock);
    }
    lock.unlock();
}

void connection_pool::hand_over_locked(std::unique_ptr<connection> conn, std::unique_lock<std::mutex>&) {
    if (waiters_.empty()) {
        idle_.push_back(std::move(conn));
        return;
    }
    auto next = std::move(waiters_.front());
    waiters_.pop_front();
    next->handed = std::move(conn);
    next->granted = true;
    next->wakeup.try_send(error_code{});
}

void connection_pool::free_slot_locked(std::unique_lock<std::mutex>&) {
    if (waiters_.empty()) {
        --open_;
        return;
    }
    auto next = std::move(waiters_.front());  // the slot passes to the oldest waiter
    waiters_.pop_front();
    next->slot = true;
    next->granted = true;
    next->wakeup.try_send(error_code{});
}

asio::awaitable<void> connection_pool::close(std::chrono::milliseconds timeout) {
    std::deque<std::unique_ptr<connection>> closing;
    {
        std::lock_guard lock{mutex_};
        closed_ = true;
        closing.swap(idle_);
        open_ -= closing.size();
        stats_.closed += closing.size();
    }
    if (closing.empty()) co_return;
    // All at once: a peer that never answers close_notify costs one timeout, not one each.
    auto executor = co_await asio::this_coro::executor;
    using close_op = decltype(asio::co_spawn(executor, std::declval<asio::awaitable<void>>(), asio::deferred));
    std::vector<close_op> ops;
    ops.reserve(closing.size());
    for (auto& conn : closing) ops.push_back(asio::co_spawn(executor, conn->close_gracefully(timeout), asio::deferred));
    co_await asio::experimental::make_parallel_group(std::move(ops))
        .async_wait(asio::experimental::wait_for_all(), asio::as_tuple(asio::use_awaitable));
}

void connection_pool::count_stale_retry() noexcept {
    std::lock_guard lock{mutex_};
    ++stats_.stale_retries;
}

pool_stats connection_pool::stats() const {
    std::lock_guard lock{mutex_};
    pool_stats out = stats_;
    out.open_now = open_;
    out.idle_now = idle_.size();
    out.waiting_now = waiters_.size();
    return out;
}

}  // namespace talentray::detail
