// Every member of talentray::client but `me()`, which is a typed endpoint call and so lives
// with the others in src/api/identity.cpp (the client layer sits below the endpoints).
#include <talentray/client.hpp>

#include "client/client_impl.hpp"

#include <talentray/api/api_keys.hpp>
#include <talentray/api/candidates.hpp>
#include <talentray/api/career_portal.hpp>
#include <talentray/api/cv_screening.hpp>
#include <talentray/api/roles.hpp>
#include <talentray/api/sourcing.hpp>
#include <talentray/api/tests.hpp>

namespace talentray {

namespace {

// Free coroutines holding the internals, so that a call made before its client is destroyed
// (or moved from) does not reach through a dangling `this` when it first runs.
boost::asio::awaitable<response> send_and_throw(std::shared_ptr<detail::client_impl> internals, request_spec request) {
    auto received = co_await internals->execute(std::move(request));
    co_return std::move(received).value();
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

// The typed endpoint groups: handles that point back at the client.
candidates_api client::candidates() const { return candidates_api{*this}; }
roles_api client::roles() const { return roles_api{*this}; }
tests_api client::tests() const { return tests_api{*this}; }
sourcing_api client::sourcing() const { return sourcing_api{*this}; }
cv_screening_api client::cv_screening() const { return cv_screening_api{*this}; }
api_keys_api client::api_keys() const { return api_keys_api{*this}; }
career_portal_api client::career_portal() const { return career_portal_api{*this}; }

}  // namespace talentray
