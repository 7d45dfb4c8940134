// client::close(): stop admitting, let in-flight calls finish within the drain, cancel what
// remains, and end the pooled connections in order.
#include "client/client_impl.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <string>

namespace talentray::detail {
namespace asio = boost::asio;

namespace {

/// How long each pooled connection waits for the server's answer to its close_notify: a
/// server that sends none costs this once, since all connections close at the same time.
constexpr std::chrono::milliseconds close_notify_timeout{1000};

/// The shutdown itself. It runs as a coroutine of its own, so that cancelling the close() that
/// started it cannot leave it half done; `internals` keeps the client alive until it ends.
asio::awaitable<void> shut_down(std::shared_ptr<client_impl> internals, call_registry& calls, transport& pool,
                                std::chrono::milliseconds drain) {
    using namespace asio::experimental::awaitable_operators;
    auto executor = co_await asio::this_coro::executor;
    if (drain.count() > 0) {
        asio::steady_timer deadline{executor, drain};
        co_await (calls.drained() || deadline.async_wait(asio::as_tuple(asio::use_awaitable)));
    }
    calls.stop_all();        // a no-op when the drain emptied the client
    co_await calls.drained();  // cancelled calls end promptly: every wait of theirs races the stop
    internals->log(log_level::debug, "closed: every call has ended; closing the pooled connections");
    co_await pool.close(close_notify_timeout);
}

}  // namespace

asio::awaitable<void> client_impl::close(std::chrono::milliseconds drain) {
    auto self = shared_from_this();
    auto executor = co_await asio::this_coro::executor;
    if (calls_.begin_close()) {
        log(log_level::debug, "closing: no new call is admitted; calls in flight have " +
                                  std::to_string(std::max<std::int64_t>(0, drain.count())) + " ms to finish");
        // Done or failed (only std::bad_alloc can escape it), the shutdown releases every close()
        // that waits for it.
        // On a strand: its races (drain or deadline, the close_notify exchanges) cancel their
        // losers, which must not run beside them on another thread of the io_context.
        asio::co_spawn(asio::make_strand(executor), shut_down(self, calls_, *transport_, drain),
                       [self](std::exception_ptr) { self->calls_.finish_close(); });
    }
    const bool finished = co_await calls_.closed();
    // Cancelled while waiting: the drain ends now, as if its deadline had passed, and the rest
    // of the shutdown completes on the executor without this caller.
    if (!finished) calls_.stop_all();
}

}  // namespace talentray::detail
