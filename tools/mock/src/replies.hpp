// Building HTTP responses in the API's two error dialects (contract §4.6, §5).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace talentray::mock::detail {

namespace http = boost::beast::http;
using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

/// Which error dialect and success envelope a path uses.
enum class api_family {
    legacy_admin,   ///< /api/admin/*: {"error": "<message>"}
    public_portal,  ///< /api/public/*: legacy dialect, no authentication
    v1,             ///< /api/v1/*: {"error": "<code>", "message": ...}
    mock_control,   ///< /__mock/*: the mock's own routes, legacy dialect, admin only
};

/// The family a path belongs to by its prefix (unknown paths answer in the legacy dialect unless
/// they start with /api/v1/).
api_family family_of_path(std::string_view path);

/// A JSON response with Content-Type application/json.
http_response json_response(http::status status, const boost::json::value& body);
/// A response without a body (204).
http_response empty_response(http::status status);

/// {"error": code, "message": message}
http_response v1_error(http::status status, std::string_view code, std::string_view message);
/// 400 {"error": "bad_request", "message": message, "details": details}
http_response v1_bad_request(std::string_view message, const std::vector<std::string>& details);
/// 403 {"error": "insufficient_scope", "message", "requiredScopes": [scope], "grantedScopes"}
http_response v1_insufficient_scope(std::string_view scope, const std::vector<std::string>& granted);
/// {"error": message}
http_response legacy_error(http::status status, std::string_view message);

/// The same failure in the dialect of `family`: v1 gets `code` and `message`, the others get
/// `legacy_message`.
http_response family_error(api_family family, http::status status, std::string_view code, std::string_view message,
                           std::string_view legacy_message);

}  // namespace talentray::mock::detail
