// GET /api/v1/me (§7.8): the calling key and its owner. No scope needed.
#include "../handlers.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;

http_response get_me(request_context& context) {
    json::array scopes;
    for (const std::string& scope : context.key->scopes) scopes.emplace_back(scope);
    return json_response(
        http::status::ok,
        json::object{{"user", json::object{{"id", context.user->id},
                                           {"email", context.user->email},
                                           {"role", context.user->platform_role}}},
                     {"auth", json::object{{"type", "api_key"}, {"keyId", context.key->id}, {"scopes", std::move(scopes)}}}});
}

}  // namespace talentray::mock::detail
