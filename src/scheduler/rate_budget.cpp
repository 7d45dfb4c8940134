#include <talentray/scheduler/rate_budget.hpp>

#include "scheduler/admission_wait.hpp"
#include "scheduler/budget_core.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/assert.hpp>

namespace talentray {

namespace {

namespace asio = boost::asio;

/// Takes the waiter out of the budget if its coroutine ends — or is destroyed with its
/// io_context — without having collected a grant or an expiry.
class waiter_registration {
public:
    waiter_registration(std::shared_ptr<detail::budget_core> core, detail::waiter_id id) noexcept
        : core_(std::move(core)), id_(id) {}
    waiter_registration(const waiter_registration&) = delete;
    waiter_registration& operator=(const waiter_registration&) = delete;
    ~waiter_registration() {
        if (core_) core_->withdraw(id_);
    }

    /// The outcome was collected; nothing to undo.
    void settle() noexcept { core_.reset(); }

private:
    std::shared_ptr<detail::budget_core> core_;
    detail::waiter_id id_;
};

error_info admission_cancelled() {
    error_info info{asio::error::operation_aborted, {}};
    info.diag.client_message = "cancelled while waiting for admission";
    return info;
}

error_info admission_deadline(const detail::budget_core& core, const detail::admission_shortfall& why) {
    std::string message = why.describe();
    if (!core.key_digest().empty()) message = "rate budget " + core.key_digest() + ": " + message;
    return make_error_info(errc::admission_deadline, std::move(message));
}

// A named coroutine holding the core by value, so the rate_budget object itself may go away
// while requests wait.
asio::awaitable<result<admission_permit>> admit_on(std::shared_ptr<detail::budget_core> core, priority prio,
                                                   detail::time_point deadline) {
    const asio::cancellation_state cancel_state = co_await asio::this_coro::cancellation_state;
    const auto executor = co_await asio::this_coro::executor;
    const detail::waiter_id id = core->enqueue(prio, deadline);
    waiter_registration registration{core, id};
    asio::steady_timer timer{executor};
    for (;;) {
        const detail::waiter_status status = core->poll(id);
        switch (status.state) {
        case detail::waiter_state::granted:
            registration.settle();
            co_return core->make_permit(status.admitted_at, status.waited);
        case detail::waiter_state::expired:
            registration.settle();
            co_return admission_deadline(*core, status.shortfall);
        case detail::waiter_state::unknown:
            BOOST_ASSERT_MSG(false, "a registered waiter is unknown to its budget");
            co_return admission_cancelled();
        case detail::waiter_state::queued: break;
        }
        if (cancel_state.cancelled() != asio::cancellation_type::none) co_return admission_cancelled();

        boost::system::error_code ec;
        try {
            co_await detail::async_wait_admission(core, id, timer, status.wake_at,
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

rate_budget::rate_budget(scheduler_options options, std::string key_digest) {
    validate(options);
    core_ = std::make_shared<detail::budget_core>(options, std::move(key_digest));
}

rate_budget::~rate_budget() = default;

asio::awaitable<result<admission_permit>> rate_budget::admit(priority prio, clock::time_point deadline) {
    return admit_on(core_, prio, deadline);
}

void rate_budget::on_response(const response_feedback& feedback) noexcept { core_->on_response(feedback); }

bool rate_budget::try_spend_retry(retry_cause cause) noexcept { return core_->try_spend_retry(cause); }

scheduler_counters rate_budget::counters() const noexcept { return core_->counters(); }

const scheduler_options& rate_budget::options() const noexcept { return core_->options(); }

const std::string& rate_budget::key_digest() const noexcept { return core_->key_digest(); }

}  // namespace talentray
