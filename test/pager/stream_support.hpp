// Pagers over the fake list, and coroutines that read them, for the engine's tests.
#pragma once

#include "run.hpp"
#include "fake_list.hpp"
#include "pager/pager_access.hpp"
#include "pager/stream_factory.hpp"

#include <talentray/pager.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <vector>

namespace pager_test {

template <class T = json::value>
talentray::pager<T> offset_pager(std::shared_ptr<fake_list> list, int page_size, talentray::pager_options options = {}) {
    talentray::request_spec base;
    base.path = "/fake/list";
    base.query = {{"filter", "x"}};
    return talentray::detail::pager_access::wrap<T>(talentray::detail::make_offset_stream(
        fetcher_for(std::move(list)), std::move(base), page_size, std::move(options), talentray::detail::row_format_of<T>));
}

template <class T = json::value>
talentray::pager<T> cursor_pager(std::shared_ptr<fake_list> list, int limit, talentray::pager_options options = {}) {
    talentray::request_spec base;
    base.path = "/fake/usage";
    return talentray::detail::pager_access::wrap<T>(talentray::detail::make_cursor_stream(
        fetcher_for(std::move(list)), std::move(base), limit, std::move(options), talentray::detail::row_format_of<T>));
}

template <class T = json::value>
talentray::pager<T> resumed_pager(std::shared_ptr<fake_list> list, std::string_view checkpoint,
                                  talentray::pager_options options = {}) {
    return talentray::detail::pager_access::wrap<T>(talentray::detail::make_checkpoint_stream(
        fetcher_for(std::move(list)), talentray::pager_checkpoint::parse(checkpoint).value(), std::move(options),
        talentray::detail::row_format_of<T>));
}

/// What reading a pager to its end produced.
struct reading {
    std::vector<std::int64_t> rows;
    std::vector<talentray::error_info> errors;
};

/// Reads `*p` to the end with try_next(), calling again after each error (at most `max_errors`).
inline asio::awaitable<reading> read_rows(talentray::pager<json::value>* p, std::size_t max_errors = 0,
                                         std::size_t max_rows = SIZE_MAX) {
    reading out;
    while (out.rows.size() < max_rows) {
        auto item = co_await p->try_next();
        if (!item) {
            out.errors.push_back(item.error());
            if (out.errors.size() > max_errors) break;
            continue;
        }
        if (!*item) break;
        out.rows.push_back((*item)->at("n").to_number<std::int64_t>());
    }
    co_return out;
}

using talentray::testing::run;

inline std::vector<std::int64_t> iota(std::int64_t from, std::int64_t to) {
    std::vector<std::int64_t> out;
    for (std::int64_t n = from; n < to; ++n) out.push_back(n);
    return out;
}

}  // namespace pager_test
