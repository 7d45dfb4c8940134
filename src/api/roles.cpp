#include <talentray/api/roles.hpp>

#include "api/exchange.hpp"
#include "api/listing.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<offset_page<role>>> roles_api::try_list_page(list_roles_params params,
                                                                    call_options options) const {
    return detail::exchange<offset_page<role>>(detail::share_internals(*client_), detail::wire::list_roles(params),
                                               std::move(options));
}

asio::awaitable<offset_page<role>> roles_api::list_page(list_roles_params params, call_options options) const {
    return detail::value_or_throw(try_list_page(std::move(params), std::move(options)));
}

pager<role> roles_api::list(list_roles_params params, pager_options options) const {
    return detail::offset_pager<role>(*client_, detail::wire::list_roles(params), params.page_size, std::move(options));
}

asio::awaitable<result<role>> roles_api::try_get(std::string id, call_options options) const {
    return detail::exchange<role>(detail::share_internals(*client_), detail::wire::get_role(id), std::move(options));
}

asio::awaitable<role> roles_api::get(std::string id, call_options options) const {
    return detail::value_or_throw(try_get(std::move(id), std::move(options)));
}

asio::awaitable<result<role>> roles_api::try_update(std::string id, role_update changes, call_options options) const {
    return detail::exchange<role>(detail::share_internals(*client_), detail::wire::update_role(id, changes),
                                  std::move(options));
}

asio::awaitable<role> roles_api::update(std::string id, role_update changes, call_options options) const {
    return detail::value_or_throw(try_update(std::move(id), std::move(changes), std::move(options)));
}

asio::awaitable<result<std::vector<role_step>>> roles_api::try_steps(std::string id, call_options options) const {
    return detail::exchange<full_list<role_step>>(detail::share_internals(*client_), detail::wire::list_role_steps(id),
                                                  std::move(options));
}

asio::awaitable<std::vector<role_step>> roles_api::steps(std::string id, call_options options) const {
    return detail::value_or_throw(try_steps(std::move(id), std::move(options)));
}

}  // namespace talentray
