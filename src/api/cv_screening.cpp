#include <talentray/api/cv_screening.hpp>

#include "api/exchange.hpp"
#include "api/listing.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<cv_screening_batch>> cv_screening_api::try_batch(std::string batch_id,
                                                                        cv_screening_batch_params params,
                                                                        call_options options) const {
    return detail::exchange<cv_screening_batch>(
        detail::share_internals(*client_), detail::wire::get_cv_screening_batch(batch_id, params), std::move(options));
}

asio::awaitable<cv_screening_batch> cv_screening_api::batch(std::string batch_id, cv_screening_batch_params params,
                                                            call_options options) const {
    return detail::value_or_throw(try_batch(std::move(batch_id), std::move(params), std::move(options)));
}

pager<potential_candidate> cv_screening_api::members(std::string batch_id, cv_screening_batch_params params,
                                                     pager_options options) const {
    return detail::offset_pager<potential_candidate>(*client_, detail::wire::get_cv_screening_batch(batch_id, params),
                                                     params.page_size, std::move(options));
}

}  // namespace talentray
