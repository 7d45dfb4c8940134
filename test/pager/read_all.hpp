// The one loop the pager's tests read a pager to its end with, over the fake list and against
// the mock: each test says only what it keeps of a row.
#pragma once

#include <talentray/error.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace pager_test {

/// What reading a pager produced: what was kept of each row handed out, in order, and every
/// error met on the way.
template <class Kept>
struct reading_of {
    std::vector<Kept> rows;
    std::vector<talentray::error_info> errors;
};

/// Reads `*p` with try_next() until the end or `max_rows` rows, keeping `keep(row)` of each row.
/// Reading goes on after an error until more than `max_errors` were met.
template <class T, class Keep>
boost::asio::awaitable<reading_of<std::invoke_result_t<Keep&, const T&>>> read_all(talentray::pager<T>* p, Keep keep,
                                                                                 std::size_t max_errors = 0,
                                                                                 std::size_t max_rows = SIZE_MAX) {
    reading_of<std::invoke_result_t<Keep&, const T&>> out;
    while (out.rows.size() < max_rows) {
        auto item = co_await p->try_next();
        if (!item) {
            out.errors.push_back(item.error());
            if (out.errors.size() > max_errors) break;
            continue;
        }
        if (!*item) break;
        out.rows.push_back(keep(**item));
    }
    co_return out;
}

}  // namespace pager_test
