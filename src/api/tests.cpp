#include <talentray/api/tests.hpp>

#include "api/exchange.hpp"
#include "api/listing.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<offset_page<test>>> tests_api::try_list_page(list_tests_params params,
                                                                    call_options options) const {
    return detail::exchange<offset_page<test>>(detail::share_internals(*client_), detail::wire::list_tests(params),
                                               std::move(options));
}

asio::awaitable<offset_page<test>> tests_api::list_page(list_tests_params params, call_options options) const {
    return detail::value_or_throw(try_list_page(std::move(params), std::move(options)));
}

pager<test> tests_api::list(list_tests_params params, pager_options options) const {
    return detail::offset_pager<test>(*client_, detail::wire::list_tests(params), params.page_size, std::move(options));
}

asio::awaitable<result<test>> tests_api::try_get(std::string id, call_options options) const {
    return detail::exchange<test>(detail::share_internals(*client_), detail::wire::get_test(id), std::move(options));
}

asio::awaitable<test> tests_api::get(std::string id, call_options options) const {
    return detail::value_or_throw(try_get(std::move(id), std::move(options)));
}

asio::awaitable<result<test>> tests_api::try_update(std::string id, test_update changes, call_options options) const {
    return detail::exchange<test>(detail::share_internals(*client_), detail::wire::update_test(id, changes),
                                  std::move(options));
}

asio::awaitable<test> tests_api::update(std::string id, test_update changes, call_options options) const {
    return detail::value_or_throw(try_update(std::move(id), std::move(changes), std::move(options)));
}

}  // namespace talentray
