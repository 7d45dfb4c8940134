#include "client/call_registry.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace talentray::detail {
namespace asio = boost::asio;

asio::awaitable<void> tracked_call::stopped() {
    if (stop_requested()) co_return;
    co_await stop_.async_receive(asio::use_awaitable);
}

void tracked_call::request_stop() noexcept {
    stop_requested_.store(true, std::memory_order_release);
    stop_.try_send(boost::system::error_code{});  // the flag first: a waiter woken reads it set
}

std::shared_ptr<tracked_call> call_registry::open(const asio::any_io_executor& executor) {
    auto call = std::make_shared<tracked_call>(executor);
    std::lock_guard lock{mutex_};
    if (closing_) return nullptr;
    calls_.insert(call);
    return call;
}

void call_registry::finish(const std::shared_ptr<tracked_call>& call) noexcept {
    std::lock_guard lock{mutex_};
    calls_.erase(call);
    if (closing_ && calls_.empty() && drained_) drained_->try_send(boost::system::error_code{});
}

bool call_registry::enter(tracked_call& call, call_phase phase) noexcept {
    std::lock_guard lock{mutex_};
    if (closing_) return false;
    call.phase_ = phase;
    return true;
}

bool call_registry::begin_close() noexcept {
    std::lock_guard lock{mutex_};
    if (closing_) return false;
    closing_ = true;
    for (const auto& call : calls_)
        if (call->phase_ != call_phase::sending) call->request_stop();
    return true;
}

void call_registry::stop_all() noexcept {
    std::lock_guard lock{mutex_};
    for (const auto& call : calls_) call->request_stop();
}

asio::awaitable<void> call_registry::drained() {
    auto wakeup = std::make_shared<stop_channel>(co_await asio::this_coro::executor, 1);
    {
        std::lock_guard lock{mutex_};
        if (calls_.empty()) co_return;
        drained_ = wakeup;
    }
    co_await wakeup->async_receive(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<bool> call_registry::closed() {
    auto wakeup = std::make_shared<stop_channel>(co_await asio::this_coro::executor, 1);
    {
        std::lock_guard lock{mutex_};
        if (closed_) co_return true;
        closers_.push_back(wakeup);
    }
    auto [ec] = co_await wakeup->async_receive(asio::as_tuple(asio::use_awaitable));
    if (!ec) co_return true;
    std::lock_guard lock{mutex_};  // cancelled: forget the wake-up nobody waits for any more
    std::erase(closers_, wakeup);
    co_return closed_;
}

void call_registry::finish_close() noexcept {
    std::vector<std::shared_ptr<stop_channel>> waiting;
    {
        std::lock_guard lock{mutex_};
        closed_ = true;
        drained_.reset();
        waiting.swap(closers_);
    }
    for (const auto& closer : waiting) closer->try_send(boost::system::error_code{});
}

bool call_registry::closing() const noexcept {
    std::lock_guard lock{mutex_};
    return closing_;
}

}  // namespace talentray::detail
