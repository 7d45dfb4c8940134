#include <talentray/api/api_keys.hpp>

#include "api/exchange.hpp"
#include "api/listing.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<created_api_key>> api_keys_api::try_create(create_api_key_request request,
                                                                  call_options options) const {
    return detail::exchange<legacy_success<created_api_key>>(detail::share_internals(*client_),
                                                             detail::wire::create_api_key(request), std::move(options));
}

asio::awaitable<created_api_key> api_keys_api::create(create_api_key_request request, call_options options) const {
    return detail::value_or_throw(try_create(std::move(request), std::move(options)));
}

asio::awaitable<result<std::vector<api_key>>> api_keys_api::try_list(call_options options) const {
    return detail::exchange<legacy_success<std::vector<api_key>>>(detail::share_internals(*client_),
                                                                  detail::wire::list_api_keys(), std::move(options));
}

asio::awaitable<std::vector<api_key>> api_keys_api::list(call_options options) const {
    return detail::value_or_throw(try_list(std::move(options)));
}

// The response is `{"success": true}`; the 2xx status is the confirmation.
asio::awaitable<result<void>> api_keys_api::try_revoke(std::string key_id, call_options options) const {
    return detail::exchange_without_payload(detail::share_internals(*client_), detail::wire::revoke_api_key(key_id),
                                            std::move(options));
}

asio::awaitable<void> api_keys_api::revoke(std::string key_id, call_options options) const {
    return detail::value_or_throw(try_revoke(std::move(key_id), std::move(options)));
}

asio::awaitable<result<api_key_usage>> api_keys_api::try_usage_page(std::string key_id, api_key_usage_params params,
                                                                    call_options options) const {
    return detail::exchange<legacy_success<api_key_usage>>(
        detail::share_internals(*client_), detail::wire::get_api_key_usage(key_id, params), std::move(options));
}

asio::awaitable<api_key_usage> api_keys_api::usage_page(std::string key_id, api_key_usage_params params,
                                                        call_options options) const {
    return detail::value_or_throw(try_usage_page(std::move(key_id), std::move(params), std::move(options)));
}

pager<api_key_usage_row> api_keys_api::usage(std::string key_id, api_key_usage_params params,
                                             pager_options options) const {
    return detail::cursor_pager<api_key_usage_row>(*client_, detail::wire::get_api_key_usage(key_id, params),
                                                   params.limit, std::move(options));
}

}  // namespace talentray
