#include "pager/page_walk.hpp"

#include <utility>

namespace talentray::detail {

error_info walk_error(errc code, const request_spec& base, std::string message) {
    error_info info = make_error_info(code, std::move(message));
    info.diag.method = std::string(boost::beast::http::to_string(base.method));
    info.diag.path = base.path;
    return info;
}

}  // namespace talentray::detail
