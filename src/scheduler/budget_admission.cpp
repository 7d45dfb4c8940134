// The admitting coroutine of the in-process budget: registers a waiter, then sleeps on its
// own timer until the controller grants it, expires it, or the caller cancels.
#include "scheduler/admission_wait.hpp"
#include "scheduler/budget_core.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/assert.hpp>

namespace talentray::detail {

namespace {

namespace asio = boost::asio;

/// Takes the waiter out of the budget if its coroutine ends — or is destroyed with its
/// io_context — without having collected a grant or an expiry.
class waiter_registration {
public:
    waiter_registration(std::shared_ptr<budget_core> core, waiter_id id) noexcept
        : core_(std::move(core)), id_(id) {}
    waiter_registration(const waiter_registration&) = delete;
    waiter_registration& operator=(const waiter_registration&) = delete;
    ~waiter_registration() {
        if (core_) core_->withdraw(id_);
    }

    /// The outcome was collected; nothing to undo.
    void settle() noexcept { core_.reset(); }

private:
    std::shared_ptr<budget_core> core_;
    waiter_id id_;
};

error_info admission_cancelled() {
    error_info info{asio::error::operation_aborted, {}};
    info.diag.client_message = "cancelled while waiting for admission";
    return info;
}

error_info admission_deadline(const budget_core& core, const admission_shortfall& why) {
    std::string message = why.describe();
    if (!core.key_digest().empty()) message = "rate budget " + core.key_digest() + ": " + message;
    return make_error_info(errc::admission_deadline, std::move(message));
}

// A named coroutine holding the core by value, so the rate_budget object itself may go away
// while requests wait.
asio::awaitable<result<admission_permit>> admit_on(std::shared_ptr<budget_core> core, priority prio,
                                                   time_point deadline) {
    const asio::cancellation_state cancel_state = co_await asio::this_coro::cancellation_state;
    const auto executor = co_await asio::this_coro::executor;
    const waiter_id id = core->enqueue(prio, deadline);
    waiter_registration registration{core, id};
    asio::steady_timer timer{executor};
    for (;;) {
        const waiter_status status = core->poll(id);
        switch (status.state) {
        case waiter_state::granted:
            registration.settle();
            co_return core->make_permit(status.admitted_at, status.waited, status.depth);
        case waiter_state::expired:
            registration.settle();
            co_return admission_deadline(*core, status.shortfall);
        case waiter_state::unknown:
            BOOST_ASSERT_MSG(false, "a registered waiter is unknown to its budget");
            co_return admission_cancelled();
        case waiter_state::queued: break;
        }
        if (cancel_state.cancelled() != asio::cancellation_type::none) co_return admission_cancelled();

        boost::system::error_code ec;
        try {
            co_await async_wait_admission(core, id, timer, status.wake_at,
                                                  asio::redirect_error(asio::use_awaitable, ec));
        } catch (const boost::system::system_error& e) {
            // Thrown before waiting when the coroutine was cancelled in between (its
            // throw_if_cancelled setting is the caller's and is left alone).
            ec = e.code();
        }
        if (ec == asio::error::operation_aborted) co_return admission_cancelled();
    }
}

}  // namespace

boost::asio::awaitable<result<admission_permit>> budget_core::admit(priority prio, clock::time_point deadline) {
    return admit_on(shared_from_this(), prio, deadline);
}

}  // namespace talentray::detail
