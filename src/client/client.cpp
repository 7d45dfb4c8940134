#include <talentray/client.hpp>

#include "client/client_impl.hpp"

namespace talentray {

namespace {

// Free coroutines holding the internals, so that a call made before its client is destroyed
// (or moved from) does not reach through a dangling `this` when it first runs.
boost::asio::awaitable<response> send_and_throw(std::shared_ptr<detail::client_impl> internals, request_spec request) {
    auto answer = co_await internals->execute(std::move(request));
    co_return std::move(answer).value();
}

boost::asio::awaitable<result<response>> send_quietly(std::shared_ptr<detail::client_impl> internals,
                                                      request_spec request) {
    co_return co_await internals->execute(std::move(request));
}

boost::asio::awaitable<void> close_internals(std::shared_ptr<detail::client_impl> internals,
                                             std::chrono::milliseconds drain) {
    co_await internals->close(drain);
}

}  // namespace

client::client(executor_type executor, client_options options)
    : impl_(std::make_shared<detail::client_impl>(std::move(executor), std::move(options))) {}

client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

client::executor_type client::get_executor() const noexcept { return impl_->executor(); }

boost::asio::awaitable<result<response>> client::try_send(request_spec request) const {
    return send_quietly(impl_, std::move(request));
}

boost::asio::awaitable<response> client::send(request_spec request) const {
    return send_and_throw(impl_, std::move(request));
}

boost::asio::awaitable<void> client::close(std::chrono::milliseconds drain) const {
    return close_internals(impl_, drain);
}

client_counters client::counters() const { return impl_->counters(); }

std::string client::origin() const { return impl_->target().to_string(); }

}  // namespace talentray
