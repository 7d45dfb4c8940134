#include <talentray/api/sourcing.hpp>

#include "api/exchange.hpp"
#include "api/listing.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<offset_page<potential_candidate>>> sourcing_api::try_list_page(
    list_potential_candidates_params params, call_options options) const {
    return detail::exchange<offset_page<potential_candidate>>(
        detail::share_internals(*client_), detail::wire::list_potential_candidates(params), std::move(options));
}

asio::awaitable<offset_page<potential_candidate>> sourcing_api::list_page(list_potential_candidates_params params,
                                                                          call_options options) const {
    return detail::value_or_throw(try_list_page(std::move(params), std::move(options)));
}

pager<potential_candidate> sourcing_api::list(list_potential_candidates_params params, pager_options options) const {
    return detail::offset_pager<potential_candidate>(*client_, detail::wire::list_potential_candidates(params),
                                                     params.page_size, std::move(options));
}

asio::awaitable<result<potential_candidate>> sourcing_api::try_get(std::string id, call_options options) const {
    return detail::exchange<potential_candidate>(detail::share_internals(*client_),
                                                 detail::wire::get_potential_candidate(id), std::move(options));
}

asio::awaitable<potential_candidate> sourcing_api::get(std::string id, call_options options) const {
    return detail::value_or_throw(try_get(std::move(id), std::move(options)));
}

asio::awaitable<result<potential_candidate>> sourcing_api::try_create(potential_candidate_create lead,
                                                                      call_options options) const {
    return detail::exchange<potential_candidate>(detail::share_internals(*client_),
                                                 detail::wire::create_potential_candidate(lead), std::move(options));
}

asio::awaitable<potential_candidate> sourcing_api::create(potential_candidate_create lead, call_options options) const {
    return detail::value_or_throw(try_create(std::move(lead), std::move(options)));
}

asio::awaitable<result<potential_candidate>> sourcing_api::try_update(std::string id,
                                                                      potential_candidate_update changes,
                                                                      call_options options) const {
    return detail::exchange<potential_candidate>(
        detail::share_internals(*client_), detail::wire::update_potential_candidate(id, changes), std::move(options));
}

asio::awaitable<potential_candidate> sourcing_api::update(std::string id, potential_candidate_update changes,
                                                          call_options options) const {
    return detail::value_or_throw(try_update(std::move(id), std::move(changes), std::move(options)));
}

asio::awaitable<result<void>> sourcing_api::try_remove(std::string id, call_options options) const {
    return detail::exchange_without_payload(detail::share_internals(*client_),
                                            detail::wire::delete_potential_candidate(id), std::move(options));
}

asio::awaitable<void> sourcing_api::remove(std::string id, call_options options) const {
    return detail::value_or_throw(try_remove(std::move(id), std::move(options)));
}

}  // namespace talentray
