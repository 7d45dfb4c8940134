#include "scheduler/budget_core.hpp"

#include "scheduler/random_jitter.hpp"

#include "scheduler/rate_limit_headers.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/execution/blocking.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/error.hpp>

namespace talentray::detail {

budget_core::budget_core(scheduler_options options, std::string key_digest)
    : options_(options),
      key_digest_(std::move(key_digest)),
      controller_(options_, steady_clock::now()),
      retry_budget_(options_.retry_budget_ratio, options_.retry_budget_min_per_second,
                    double(options_.retry_budget_burst), steady_clock::now()) {}

void budget_core::collect(const wake_list& wake, std::vector<completion>& out) {
    for (const waiter_id id : wake) {
        const auto found = waiters_.find(id);
        if (found == waiters_.end()) continue;
        const auto wait = found->second.wait.lock();
        if (wait && wait->handler) {
            out.emplace_back(std::move(*wait->handler), boost::system::error_code{});
            wait->handler.reset();
        } else {
            found->second.woken = true;
        }
    }
}

void budget_core::post_all(std::vector<completion>& ready) noexcept {
    for (auto& [handler, ec] : ready) {
        // The waiter's own executor (a strand, a thread pool, another io_context...): waking
        // must never run someone else's coroutine on this thread, under this call.
        // (Boost 1.81's asio::post requires blocking.never, which the type-erased completion
        // executor only offers as a preference; hence prefer + execute.)
        auto executor = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                            boost::asio::execution::blocking.never);
        executor.execute([h = std::move(handler), code = ec]() mutable { std::move(h)(code); });
    }
    ready.clear();
}

waiter_id budget_core::enqueue(priority prio, time_point deadline) {
    wake_list wake;
    std::vector<completion> ready;
    waiter_id id;
    {
        std::lock_guard lock{mutex_};
        id = controller_.enqueue(prio, deadline, steady_clock::now(), wake);
        waiters_.emplace(id, waiter_slot{});
        collect(wake, ready);
    }
    post_all(ready);
    return id;
}

waiter_status budget_core::poll(waiter_id id) {
    wake_list wake;
    std::vector<completion> ready;
    waiter_status status;
    {
        std::lock_guard lock{mutex_};
        status = controller_.poll(id, steady_clock::now(), wake);
        if (status.state == waiter_state::queued) {
            waiters_[id].woken = false;  // this poll has seen the latest state
        } else {
            waiters_.erase(id);
        }
        collect(wake, ready);
    }
    post_all(ready);
    return status;
}

void budget_core::withdraw(waiter_id id) noexcept {
    wake_list wake;
    std::vector<completion> ready;
    {
        std::lock_guard lock{mutex_};
        controller_.withdraw(id, steady_clock::now(), wake);
        waiters_.erase(id);
        collect(wake, ready);
    }
    post_all(ready);
}

admission_permit budget_core::make_permit(time_point admitted_at, duration waited, admission_depth depth) {
    return admission_permit{shared_from_this(), admitted_at, waited, depth};
}

void budget_core::park(waiter_id id, const std::shared_ptr<pending_wait>& wait, wait_handler handler) {
    std::vector<completion> ready;
    {
        std::lock_guard lock{mutex_};
        auto& slot = waiters_[id];
        if (wait->cancelled) {
            ready.emplace_back(std::move(handler), boost::asio::error::operation_aborted);
        } else if (slot.woken || wait->fired) {
            slot.woken = false;
            ready.emplace_back(std::move(handler), boost::system::error_code{});
        } else {
            wait->handler.emplace(std::move(handler));
            slot.wait = wait;
        }
    }
    post_all(ready);
}

void budget_core::on_timer(const std::shared_ptr<pending_wait>& wait) noexcept {
    std::vector<completion> ready;
    {
        std::lock_guard lock{mutex_};
        if (wait->handler) {
            ready.emplace_back(std::move(*wait->handler), boost::system::error_code{});
            wait->handler.reset();
        } else {
            wait->fired = true;
        }
    }
    post_all(ready);
}

void budget_core::on_cancel(const std::weak_ptr<pending_wait>& weak_wait) noexcept {
    std::vector<completion> ready;
    {
        std::lock_guard lock{mutex_};
        const auto wait = weak_wait.lock();
        if (!wait) return;
        if (wait->handler) {
            ready.emplace_back(std::move(*wait->handler), boost::asio::error::operation_aborted);
            wait->handler.reset();
        } else {
            wait->cancelled = true;
        }
    }
    post_all(ready);
}

void budget_core::release() noexcept {
    wake_list wake;
    std::vector<completion> ready;
    {
        std::lock_guard lock{mutex_};
        controller_.release(steady_clock::now(), wake);
        collect(wake, ready);
    }
    post_all(ready);
}

void budget_core::on_response(const response_feedback& feedback) noexcept {
    response_event event;
    event.http_status = feedback.http_status;
    event.retry_after = feedback.retry_after;
    event.admitted_at = feedback.admitted_at;
    event.depth = feedback.depth;
    if (options_.sync_from_headers && !feedback.rate_limit.empty())
        event.rate_limit = parse_rate_limit(feedback.rate_limit, std::chrono::system_clock::now());
    event.jitter = uniform_jitter();

    wake_list wake;
    std::vector<completion> ready;
    {
        std::lock_guard lock{mutex_};
        const time_point now = steady_clock::now();
        controller_.on_response(event, now, wake);
        retry_budget_.deposit(now);
        collect(wake, ready);
    }
    post_all(ready);
}

bool budget_core::try_spend_retry(retry_cause cause) noexcept {
    std::lock_guard lock{mutex_};
    // A 429 retry is paced by the key-wide pause; the budget guards against failing servers.
    if (cause != retry_cause::rate_limited && !retry_budget_.try_withdraw(steady_clock::now())) {
        ++retries_refused_;
        return false;
    }
    switch (cause) {
    case retry_cause::rate_limited: ++retries_.rate_limited; break;
    case retry_cause::server_error: ++retries_.server_error; break;
    case retry_cause::timeout: ++retries_.timeout; break;
    case retry_cause::network: ++retries_.network; break;
    }
    return true;
}

scheduler_counters budget_core::counters() const noexcept {
    scheduler_counters out;
    std::lock_guard lock{mutex_};
    controller_.fill(out, steady_clock::now());
    out.retries = retries_;
    out.retries_refused = retries_refused_;
    return out;
}

}  // namespace talentray::detail
