// Offset-page envelopes shared by the v1 list endpoints.
#include "../handlers.hpp"
#include "../json_render.hpp"
#include "../live_list.hpp"
#include "../timestamps.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace {

/// A row of a list that has an order: `createdAt` from its rank, so that it is sorted and unique.
boost::json::object with_rank(boost::json::object row, std::int64_t rank) {
    row["createdAt"] = format_milliseconds(created_at_of(rank));
    return row;
}

}  // namespace

http_response list_page(request_context& context, const page_request& page, const list_rows& rows) {
    const list_order order = context.state.order();
    const churn_options& churn = context.state.churn();
    boost::json::array items;
    if (churn.list != rows.list) {
        const std::size_t first = page_start(page.page, page.page_size, rows.count);
        const std::size_t last = std::min(rows.count, first + page.page_size);
        items.reserve(last - first);
        for (std::size_t i = first; i < last; ++i) {
            if (order == list_order::natural) {
                items.push_back(rows.render(i));
                continue;
            }
            const std::size_t base = order == list_order::newest_first ? rows.count - 1 - i : i;
            items.push_back(with_rank(rows.render(base), base_rank(base)));
        }
        return offset_page(std::move(items), page.page, page.page_size, rows.count);
    }

    // Each reader (key owner and filters) has its own live list: they see different rows.
    const std::string name = std::string(rows.list) + rows.filters + "@" + (context.user ? context.user->id : "");
    live_list* live = context.state.find_live_list(name);
    if (live == nullptr) {
        std::vector<std::string> ids;
        ids.reserve(rows.count);
        for (std::size_t i = 0; i < rows.count; ++i) ids.push_back(rows.id_of(i));
        live = &context.state.add_live_list(name, std::move(ids), std::string(rows.id_prefix), context.now);
        context.stats.start_churn(name, live->ids(order));
    }
    for (churn_change& change : live->advance(churn, order, context.now))
        context.stats.count_churn(name, change.inserted, std::move(change.id));

    const std::size_t total = live->size();
    const std::size_t first = page_start(page.page, page.page_size, total);
    const std::size_t last = std::min(total, first + page.page_size);
    items.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
        const live_row& row = live->at(i, order);
        boost::json::object rendered =
            rows.render(row.base >= 0 ? static_cast<std::size_t>(row.base) : row.template_base);
        if (row.base < 0) rendered["id"] = row.id;
        if (order != list_order::natural) rendered = with_rank(std::move(rendered), row.rank);
        items.push_back(std::move(rendered));
    }
    return offset_page(std::move(items), page.page, page.page_size, total);
}

std::size_t page_start(std::size_t page, std::size_t page_size, std::size_t total) {
    if (page >= total / page_size + 1) return total;  // also keeps page * page_size from overflowing
    return std::min(page * page_size, total);
}

http_response offset_page(boost::json::array items, std::size_t page, std::size_t page_size, std::size_t total) {
    return json_response(http::status::ok, boost::json::object{{"data", std::move(items)},
                                                                {"pagination", offset_pagination(page, page_size, total)}});
}

}  // namespace talentray::mock::detail
