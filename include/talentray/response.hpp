// talentray/response.hpp — what the transport brings back for one request.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace talentray {

/// A received HTTP response: status, headers in arrival order, and the whole body.
struct response {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The value of the first header named `name` (case-insensitive), or empty.
    std::string_view header(std::string_view name) const noexcept;

    /// Parses the body as JSON. Throws `talentray::error` (`errc::invalid_response`) naming the
    /// parse error and its offset when the body is not JSON. Nesting is limited to 64 levels.
    boost::json::value json() const;
};

}  // namespace talentray
