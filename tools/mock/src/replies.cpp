#include "replies.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;

api_family family_of_path(std::string_view path) {
    if (path.starts_with("/api/v1/")) return api_family::v1;
    if (path.starts_with("/api/public/")) return api_family::public_portal;
    if (path.starts_with("/__mock/")) return api_family::mock_control;
    return api_family::legacy_admin;
}

http_response json_response(http::status status, const json::value& body) {
    http_response response{status, 11};
    response.set(http::field::content_type, "application/json");
    response.body() = json::serialize(body);
    response.prepare_payload();
    return response;
}

http_response empty_response(http::status status) {
    http_response response{status, 11};
    response.prepare_payload();
    return response;
}

http_response v1_error(http::status status, std::string_view code, std::string_view message) {
    return json_response(status, json::object{{"error", code}, {"message", message}});
}

http_response v1_bad_request(std::string_view message, const std::vector<std::string>& details) {
    json::array detail_array;
    for (const std::string& detail : details) detail_array.emplace_back(detail);
    return json_response(http::status::bad_request,
                         json::object{{"error", "bad_request"}, {"message", message}, {"details", std::move(detail_array)}});
}

http_response v1_insufficient_scope(std::string_view scope, const std::vector<std::string>& granted) {
    json::array granted_array;
    for (const std::string& s : granted) granted_array.emplace_back(s);
    std::string message = "This API key is missing required scope(s): ";
    message.append(scope);
    message += '.';
    return json_response(http::status::forbidden, json::object{{"error", "insufficient_scope"},
                                                               {"message", message},
                                                               {"requiredScopes", json::array{scope}},
                                                               {"grantedScopes", std::move(granted_array)}});
}

http_response legacy_error(http::status status, std::string_view message) {
    return json_response(status, json::object{{"error", message}});
}

http_response family_error(api_family family, http::status status, std::string_view code, std::string_view message,
                           std::string_view legacy_message) {
    if (family == api_family::v1) return v1_error(status, code, message);
    return legacy_error(status, legacy_message);
}

}  // namespace talentray::mock::detail
