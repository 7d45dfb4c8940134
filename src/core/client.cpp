#include <talentray/client.hpp>

#include "core/client_impl.hpp"

namespace talentray {

client::client(executor_type executor, client_options options)
    : impl_(std::make_shared<detail::client_impl>(std::move(executor), std::move(options))) {}

client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

client::executor_type client::get_executor() const noexcept { return impl_->executor(); }

boost::asio::awaitable<result<response>> client::try_send(request_spec request) const {
    return impl_->execute(std::move(request));
}

boost::asio::awaitable<response> client::send(request_spec request) const {
    auto answer = co_await impl_->execute(std::move(request));
    co_return std::move(answer).value();
}

client_counters client::counters() const { return impl_->counters(); }

std::string client::origin() const { return impl_->target().to_string(); }

}  // namespace talentray
