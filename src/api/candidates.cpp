#include <talentray/api/candidates.hpp>

#include "api/exchange.hpp"
#include "api/listing.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<offset_page<candidate>>> candidates_api::try_list_page(list_candidates_params params,
                                                                              call_options options) const {
    return detail::exchange<offset_page<candidate>>(detail::share_internals(*client_),
                                                    detail::wire::list_candidates(params), std::move(options));
}

asio::awaitable<offset_page<candidate>> candidates_api::list_page(list_candidates_params params,
                                                                  call_options options) const {
    return detail::value_or_throw(try_list_page(std::move(params), std::move(options)));
}

pager<candidate> candidates_api::list(list_candidates_params params, pager_options options) const {
    return detail::offset_pager<candidate>(*client_, detail::wire::list_candidates(params), params.page_size,
                                           std::move(options));
}

asio::awaitable<result<candidate>> candidates_api::try_get(std::string id, call_options options) const {
    return detail::exchange<candidate>(detail::share_internals(*client_), detail::wire::get_candidate(id),
                                       std::move(options));
}

asio::awaitable<candidate> candidates_api::get(std::string id, call_options options) const {
    return detail::value_or_throw(try_get(std::move(id), std::move(options)));
}

asio::awaitable<result<candidate>> candidates_api::try_update(std::string id, candidate_update changes,
                                                              call_options options) const {
    return detail::exchange<candidate>(detail::share_internals(*client_), detail::wire::update_candidate(id, changes),
                                       std::move(options));
}

asio::awaitable<candidate> candidates_api::update(std::string id, candidate_update changes,
                                                  call_options options) const {
    return detail::value_or_throw(try_update(std::move(id), std::move(changes), std::move(options)));
}

asio::awaitable<result<std::vector<candidate_step>>> candidates_api::try_steps(std::string id,
                                                                               call_options options) const {
    return detail::exchange<full_list<candidate_step>>(detail::share_internals(*client_),
                                                       detail::wire::list_candidate_steps(id), std::move(options));
}

asio::awaitable<std::vector<candidate_step>> candidates_api::steps(std::string id, call_options options) const {
    return detail::value_or_throw(try_steps(std::move(id), std::move(options)));
}

}  // namespace talentray
