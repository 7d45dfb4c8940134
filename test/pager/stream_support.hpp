// Pagers over the fake list, and coroutines that read them, for the engine's tests.
#pragma once

#include "run.hpp"
#include "fake_list.hpp"
#include "pager/pager_access.hpp"
#include "pager/stream_factory.hpp"
#include "read_all.hpp"

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

/// The fake list's rows read to the end: their numbers `n` (see `read_all`).
using reading = reading_of<std::int64_t>;

inline std::int64_t row_number(const json::value& row) { return row.at("n").to_number<std::int64_t>(); }

/// Reads `*p` to the end (see `read_all`), keeping each row's number.
inline asio::awaitable<reading> read_rows(talentray::pager<json::value>* p, std::size_t max_errors = 0,
                                         std::size_t max_rows = SIZE_MAX) {
    return read_all(p, row_number, max_errors, max_rows);
}

using talentray::testing::run;

inline std::vector<std::int64_t> iota(std::int64_t from, std::int64_t to) {
    std::vector<std::int64_t> out;
    for (std::int64_t n = from; n < to; ++n) out.push_back(n);
    return out;
}

}  // namespace pager_test
