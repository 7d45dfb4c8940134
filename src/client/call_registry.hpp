// The calls of one client as its close() sees them: which are running and in which phase, so
// that close can stop the ones that have sent nothing at once and the ones in flight at the
// drain deadline, and know when the last one has finished. Only this client's calls are
// tracked, so stopping them never touches another client's waiters in a shared rate budget.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>
#include <vector>

namespace talentray::detail {

/// Where a call stands. Only `sending` survives the start of a close, until the drain deadline.
enum class call_phase {
    starting,     ///< checked its request, nothing asked of the rate budget yet
    admitting,    ///< queued for admission, or admitted but not yet sending
    sending,      ///< an attempt is on the wire (connecting, writing, reading)
    backing_off,  ///< waiting before a retry
};

/// A thread-safe wake-up with one buffered message, so a stop sent while nobody waits is not lost.
using stop_channel = boost::asio::experimental::concurrent_channel<void(boost::system::error_code)>;

/// One call of the client. Its coroutine races every wait against `stopped()`.
class tracked_call {
public:
    explicit tracked_call(const boost::asio::any_io_executor& executor) : stop_(executor, 1) {}

    /// True once close() has told this call to stop. Authoritative: a wake-up can lose its race
    /// with the operation it interrupts, so callers test this after each operation.
    bool stop_requested() const noexcept { return stop_requested_.load(std::memory_order_acquire); }

    /// Completes when the call is told to stop (at once if it already was). Cancellable.
    boost::asio::awaitable<void> stopped();

private:
    friend class call_registry;
    void request_stop() noexcept;

    stop_channel stop_;
    std::atomic<bool> stop_requested_{false};
    call_phase phase_ = call_phase::starting;  // guarded by the registry's mutex
};

/// Thread-safe: calls may start, change phase and finish on any thread while close() runs on
/// another.
class call_registry {
public:
    /// Registers a new call, or returns null when the client is closing or closed.
    std::shared_ptr<tracked_call> open(const boost::asio::any_io_executor& executor);

    /// The call is over (its coroutine ended or was destroyed).
    void finish(const std::shared_ptr<tracked_call>& call) noexcept;

    /// Moves `call` into `phase`. Returns false, changing nothing, once a close has begun: a call
    /// may finish the attempt it is sending, never begin another step.
    bool enter(tracked_call& call, call_phase phase) noexcept;

    /// Begins the close: no call may open or change phase any more, and every call that is not
    /// `sending` is told to stop. Returns false when a close had already begun.
    bool begin_close() noexcept;

    /// Tells every remaining call to stop (the drain deadline has passed).
    void stop_all() noexcept;

    /// Completes once no call remains; call after begin_close(). Cancellation ends the wait
    /// early (nothing tells the caller: it looks again if it must).
    boost::asio::awaitable<void> drained();

    /// Completes once the first close has finished (at once if it has): returns true, or false
    /// when the wait was cancelled first.
    boost::asio::awaitable<bool> closed();

    /// The first close has finished: wakes every later close() that waits for it.
    void finish_close() noexcept;

    bool closing() const noexcept;

private:
    mutable std::mutex mutex_;
    std::unordered_set<std::shared_ptr<tracked_call>> calls_;
    bool closing_ = false;
    bool closed_ = false;
    std::shared_ptr<stop_channel> drained_;               // the closing coroutine's wake-up
    std::vector<std::shared_ptr<stop_channel>> closers_;  // later close() calls waiting
};

/// Keeps a call registered for as long as its coroutine frame lives.
class call_ticket {
public:
    call_ticket(call_registry& registry, std::shared_ptr<tracked_call> call) noexcept
        : registry_(&registry), call_(std::move(call)) {}
    ~call_ticket() {
        if (call_) registry_->finish(call_);
    }
    call_ticket(const call_ticket&) = delete;
    call_ticket& operator=(const call_ticket&) = delete;

    tracked_call& operator*() const noexcept { return *call_; }
    tracked_call* operator->() const noexcept { return call_.get(); }

private:
    call_registry* registry_;
    std::shared_ptr<tracked_call> call_;
};

}  // namespace talentray::detail
