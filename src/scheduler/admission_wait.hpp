// The asynchronous wait of one queued request: completes when the budget wakes the waiter,
// when the waiter's own timer reaches `wake_at`, or with operation_aborted when the
// operation's cancellation slot fires. Spurious completions are allowed; the caller re-polls.
//
// The timer belongs to the waiting coroutine and is touched only from it (here, in the
// initiation); other threads reach the waiter through the core's mutex and post its handler to
// the handler's own executor, so no timer is ever used from two threads at once.
#pragma once

#include "scheduler/budget_core.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <utility>

namespace talentray::detail {

/// Installed in the operation's cancellation slot. Any kind of cancellation aborts the wait:
/// nothing has been sent yet, so even partial cancellation leaves no side effect behind.
struct cancel_pending_wait {
    std::shared_ptr<budget_core> core;
    std::weak_ptr<pending_wait> wait;

    void operator()(boost::asio::cancellation_type type) const noexcept {
        if (type != boost::asio::cancellation_type::none) core->on_cancel(wait);
    }
};

/// The waiter's timer handler. It owns the pending wait: if the io_context is destroyed, the
/// parked handler goes with it instead of lingering in the core.
struct pending_wait_timer {
    std::shared_ptr<budget_core> core;
    std::shared_ptr<pending_wait> wait;

    void operator()(const boost::system::error_code& ec) const noexcept {
        // operation_aborted: the coroutine re-armed or destroyed its timer and is not parked
        // on this wait any more.
        if (!ec) core->on_timer(wait);
    }
};

struct initiate_admission_wait {
    template <class Handler>
    void operator()(Handler&& handler, std::shared_ptr<budget_core> core, waiter_id id,
                    boost::asio::steady_timer* timer, time_point wake_at) const {
        auto wait = std::make_shared<pending_wait>();
        // Type-erase first: the erased handler puts its own cancellation state into the
        // handler's slot and forwards to a slot of its own, which is where ours must go.
        wait_handler erased{std::forward<Handler>(handler)};
        auto slot = erased.get_cancellation_slot();
        if (slot.is_connected()) slot.template emplace<cancel_pending_wait>(core, wait);
        // Arm the timer before parking: once parked, the handler may run on another thread,
        // and the coroutine it resumes owns the timer.
        timer->expires_at(wake_at);
        timer->async_wait(pending_wait_timer{core, wait});
        core->park(id, wait, std::move(erased));
    }
};

/// Waits for waiter `id`'s next wake-up, using `timer` (owned by the calling coroutine).
template <class CompletionToken>
auto async_wait_admission(std::shared_ptr<budget_core> core, waiter_id id, boost::asio::steady_timer& timer,
                          time_point wake_at, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
        initiate_admission_wait{}, token, std::move(core), id, &timer, wake_at);
}

}  // namespace talentray::detail
