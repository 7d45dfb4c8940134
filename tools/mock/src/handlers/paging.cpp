// Offset-page envelopes shared by the v1 list endpoints.
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {

std::size_t page_start(std::size_t page, std::size_t page_size, std::size_t total) {
    if (page >= total / page_size + 1) return total;  // also keeps page * page_size from overflowing
    return std::min(page * page_size, total);
}

http_response offset_page(boost::json::array items, std::size_t page, std::size_t page_size, std::size_t total) {
    return json_response(http::status::ok, boost::json::object{{"data", std::move(items)},
                                                                {"pagination", offset_pagination(page, page_size, total)}});
}

}  // namespace talentray::mock::detail
