// The 25 documented operations (plus the mock's own stats route) and how a request finds its
// handler.
#pragma once

#include "replies.hpp"

#include <boost/url/segments_view.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::mock::detail {

struct request_context;
using route_handler = http_response (*)(request_context&);

struct route {
    http::verb method;
    std::string_view path;  ///< template with {parameters}, e.g. "/api/v1/candidates/{id}"
    std::string_view name;  ///< "GET /api/v1/candidates/{id}": the key in stats
    api_family family;
    std::string_view scope;  ///< required per-key scope; empty when none
    route_handler handler;
};

struct route_match {
    const route* matched = nullptr;
    std::vector<std::string> params;  ///< decoded path parameters, in template order
    std::string allowed_methods;      ///< when the path exists but not for this method: "GET, PATCH"
};

/// Finds the route for a method and the request's decoded path segments.
route_match match_route(http::verb method, const boost::urls::segments_view& segments);

/// Every route, in contract order (for documentation and tests).
std::span<const route> all_routes();

}  // namespace talentray::mock::detail
