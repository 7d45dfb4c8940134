#include <talentray/api/career_portal.hpp>

#include "api/exchange.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<career_portal>> career_portal_api::try_portal(std::string org_slug, call_options options) const {
    return detail::exchange<career_portal>(detail::share_internals(*client_), detail::wire::get_career_portal(org_slug),
                                           std::move(options));
}

asio::awaitable<career_portal> career_portal_api::portal(std::string org_slug, call_options options) const {
    return detail::value_or_throw(try_portal(std::move(org_slug), std::move(options)));
}

asio::awaitable<result<public_job>> career_portal_api::try_job(std::string org_slug, std::string role_id,
                                                               call_options options) const {
    return detail::exchange<public_job>(detail::share_internals(*client_),
                                        detail::wire::get_public_job(org_slug, role_id), std::move(options));
}

asio::awaitable<public_job> career_portal_api::job(std::string org_slug, std::string role_id,
                                                   call_options options) const {
    return detail::value_or_throw(try_job(std::move(org_slug), std::move(role_id), std::move(options)));
}

asio::awaitable<result<invite>> career_portal_api::try_apply(std::string org_slug, apply_request application,
                                                             call_options options) const {
    return detail::exchange<invite>(detail::share_internals(*client_),
                                    detail::wire::apply_to_public_job(org_slug, application), std::move(options));
}

asio::awaitable<invite> career_portal_api::apply(std::string org_slug, apply_request application,
                                                 call_options options) const {
    return detail::value_or_throw(try_apply(std::move(org_slug), std::move(application), std::move(options)));
}

}  // namespace talentray
