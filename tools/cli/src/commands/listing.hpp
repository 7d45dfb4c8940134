// Printing an offset-paged list: one page, every page (through the pager), or just its length.
#pragma once

#include "../session.hpp"
#include "command_kit.hpp"

#include <talentray/api/call_options.hpp>
#include <talentray/client.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <ostream>

namespace talentray::cli {

/// The one-page list method of an endpoint group, e.g. `&candidates_api::list_page`.
template <class Api, class Params, class Row>
using list_page_method = boost::asio::awaitable<offset_page<Row>> (Api::*)(Params, call_options) const;

/// The whole-list method of an endpoint group, e.g. `&candidates_api::list`.
template <class Api, class Params, class Row>
using list_method = pager<Row> (Api::*)(Params, pager_options) const;

/// Prints a list as JSON Lines (the page `paging` asks for, or every row with --all), or its
/// length with --count. `params` carries the filters; its paging members are overwritten.
/// Throws `talentray::error` as the endpoint and the pager do.
template <class Api, class Params, class Row>
boost::asio::awaitable<void> print_offset_list(session s, Api api, list_page_method<Api, Params, Row> list_page,
                                               list_method<Api, Params, Row> list, Params params,
                                               paging_flags paging) {
    const call_options defaults;
    if (paging.count) {
        params.page = 0;
        params.page_size = 1;
        const offset_page<Row> first = co_await (api.*list_page)(params, defaults);
        *s.out << first.pagination.total_count << '\n';
        co_return;
    }
    if (paging.all) {
        params.page = 0;
        params.page_size = page_size_for_all(paging);
        const pager_options options;
        pager<Row> rows = (api.*list)(params, options);
        for (;;) {
            std::optional<Row> row = co_await rows.next();
            if (!row) break;
            print_row(s, encode(*row));
        }
        co_return;
    }
    params.page = paging.page;
    params.page_size = paging.page_size;
    const offset_page<Row> page = co_await (api.*list_page)(params, defaults);
    for (const Row& row : page.data) print_row(s, encode(row));
}

}  // namespace talentray::cli
