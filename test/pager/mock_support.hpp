// The pager against the in-process mock server: a server on 127.0.0.1 (plain HTTP unless a
// test asks for TLS), clients with a budget of their own, and a reader that collects ids.
#pragma once

#include "mock_client.hpp"
#include "read_all.hpp"
#include "run.hpp"

#include <talentray/client.hpp>
#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/params.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace pager_mock_test {

namespace asio = boost::asio;
namespace json = boost::json;
namespace tr = talentray;
namespace mock = talentray::mock;

inline mock::server_options plain(std::size_t candidates) {
    mock::server_options options;
    options.tls = false;
    options.limit = {0, std::chrono::milliseconds{0}};  // unlimited unless a test says otherwise
    options.candidates = candidates;
    return options;
}

/// A client of `server` with `key` (see `mock_client_options`), with `retry` when given.
inline tr::client client_of(asio::io_context& io, const mock::server& server, const mock::seeded_key& key,
                            std::optional<tr::retry_options> retry = std::nullopt) {
    auto options = tr::testing::mock_client_options(server, key.key);
    if (retry) options.retry = *retry;
    return tr::client{io.get_executor(), std::move(options)};
}

inline tr::request_spec candidates_list(tr::query_params filters = {}) {
    tr::request_spec base;
    base.path = "/api/v1/candidates";
    base.query = std::move(filters);
    return base;
}

inline tr::request_spec usage_log(const mock::seeded_key& key) {
    tr::request_spec base;
    base.path = "/api/admin/api-keys/" + key.id + "/usage";
    return base;
}

/// The ids of the rows read (see `pager_test::read_all`).
using reading = pager_test::reading_of<std::string>;

template <class T>
std::string id_of(const T& row) {
    if constexpr (std::is_same_v<T, json::value>)
        return std::string(row.at("id").as_string());
    else
        return row.id;
}

/// Reads `*p` to the end (see `pager_test::read_all`), keeping each row's id.
template <class T>
asio::awaitable<reading> read_ids(tr::pager<T>* p, std::size_t max_errors = 0, std::size_t max_items = SIZE_MAX) {
    return pager_test::read_all(p, id_of<T>, max_errors, max_items);
}

using talentray::testing::run;

/// "cand_<first>" .. "cand_<last>".
inline std::vector<std::string> candidate_ids(std::size_t first, std::size_t last) {
    std::vector<std::string> out;
    for (std::size_t n = first; n <= last; ++n) out.push_back("cand_" + std::to_string(n));
    return out;
}

/// The seeded usage log, newest first: "usage_<rows>" .. "usage_1".
inline std::vector<std::string> usage_ids(std::size_t newest, std::size_t oldest = 1) {
    std::vector<std::string> out;
    for (std::size_t n = newest; n >= oldest && n > 0; --n) out.push_back("usage_" + std::to_string(n));
    return out;
}

}  // namespace pager_mock_test
