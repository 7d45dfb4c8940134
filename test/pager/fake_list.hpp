// An in-memory list server for the engine's tests: serves offset or cursor pages of a list of
// numbered rows through a page_fetcher, with scripted delays, failures and misbehaviour, and
// records every request. No sockets: delays are timers on the test's io_context.
#pragma once

#include "pager/page_fetch.hpp"

#include <talentray/model/timestamp.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdint>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pager_test {

namespace asio = boost::asio;
namespace json = boost::json;

/// Row i of a fake list is `{"n": i}`; cursor rows also get `"id": "usage_<i>"` and a
/// `"timestamp"` one second apart, newest first.
struct fake_list {
    std::int64_t rows = 0;

    /// The JSON of row i.
    std::function<json::value(std::int64_t)> row = [](std::int64_t n) { return json::value(json::object{{"n", n}}); };

    /// Delay of each response, by request number (0-based) and page (offset) or request number.
    std::function<std::chrono::milliseconds(std::size_t request, std::int64_t page)> delay =
        [](std::size_t, std::int64_t) { return std::chrono::milliseconds{1}; };
    /// Pages (offset) or request numbers (cursor) that fail, and how many times each.
    std::map<std::int64_t, int> failures;
    /// Offset lists: the totalCount claimed from request number N on (a list that changes).
    std::optional<std::pair<std::size_t, std::int64_t>> total_from_request;
    /// Cursor lists: from this request number on, nextBefore repeats the request's own before.
    std::optional<std::size_t> stall_from_request;
    /// Cursor lists: these request numbers answer an empty page that still has more.
    std::vector<std::size_t> empty_cursor_pages;

    // What the fake saw.
    std::vector<std::string> targets;  ///< "page=3" or "before=..." for each request, in order
    std::size_t running = 0;
    std::size_t peak_running = 0;
    std::size_t cancelled = 0;
    std::size_t answered = 0;

    static talentray::timestamp stamp(std::int64_t row) {
        return talentray::timestamp{talentray::timestamp::time_point{std::chrono::sys_seconds{std::chrono::seconds{1'800'000'000 - row}}}};
    }
};

inline std::optional<std::string> query_value(const talentray::request_spec& request, std::string_view name) {
    for (const auto& parameter : request.query)
        if (parameter.name == name) return parameter.value;
    return std::nullopt;
}

inline std::string offset_body(fake_list& list, std::size_t request, std::int64_t page, int page_size) {
    std::int64_t total = list.rows;
    if (list.total_from_request && request >= list.total_from_request->first) total = list.total_from_request->second;
    json::array data;
    const std::int64_t first = page * page_size;
    for (std::int64_t n = first; n < std::min(total, first + page_size); ++n) data.push_back(list.row(n));
    const std::int64_t pages = total == 0 ? 0 : (total + page_size - 1) / page_size;
    return json::serialize(json::object{
        {"data", std::move(data)},
        {"pagination", json::object{{"page", page}, {"pageSize", page_size}, {"totalCount", total}, {"totalPages", pages}}}});
}

inline std::string cursor_body(fake_list& list, std::size_t request, const std::optional<std::string>& before, int limit) {
    // Rows strictly older than `before`: row i is older than row j when i > j.
    std::int64_t first = 0;
    if (before) {
        const auto at = talentray::timestamp::parse(*before).value();
        while (first < list.rows && fake_list::stamp(first) >= at) ++first;
    }
    json::array rows;
    std::int64_t last = first;
    const bool empty = std::find(list.empty_cursor_pages.begin(), list.empty_cursor_pages.end(), request) !=
                       list.empty_cursor_pages.end();
    if (!empty)
        for (; last < std::min(list.rows, first + limit); ++last) {
            json::value row = list.row(last);
            // What the walk tells rows apart by, unless the test's row says otherwise.
            if (json::object* object = row.if_object()) {
                if (!object->contains("id")) (*object)["id"] = "usage_" + std::to_string(last);
                if (!object->contains("timestamp")) (*object)["timestamp"] = fake_list::stamp(last).to_string();
            }
            rows.push_back(std::move(row));
        }
    const bool has_more = last < list.rows;
    json::value next_before = nullptr;
    if (has_more) {
        // An empty page points just above the next row, so that it is the next page's first.
        const auto next = empty ? talentray::timestamp{fake_list::stamp(first).to_sys_time() + std::chrono::milliseconds{1}}
                                : fake_list::stamp(last - 1);
        next_before = json::string(next.to_string());
        if (list.stall_from_request && request >= *list.stall_from_request && before) next_before = json::string(*before);
    }
    return json::serialize(json::object{
        {"success", true},
        {"data", json::object{{"key", json::object{{"id", "apikey_fake"}}},
                              {"rows", std::move(rows)},
                              {"pagination", json::object{{"limit", limit}, {"hasMore", has_more}, {"nextBefore", next_before}}}}}});
}

/// Answers one request after its scripted delay; a cancelled wait answers operation_aborted.
inline asio::awaitable<talentray::result<talentray::response>> serve_fake(std::shared_ptr<fake_list> list,
                                                                         talentray::request_spec request) {
    const std::size_t number = list->targets.size();
    const auto page_text = query_value(request, "page");
    const auto before = query_value(request, "before");
    const bool offset = page_text.has_value();
    const std::int64_t page = offset ? std::stoll(*page_text) : static_cast<std::int64_t>(number);
    list->targets.push_back(offset ? "page=" + *page_text : "before=" + before.value_or("-"));
    list->peak_running = std::max(list->peak_running, ++list->running);

    asio::steady_timer timer{co_await asio::this_coro::executor, list->delay(number, page)};
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    --list->running;
    if (ec) {
        ++list->cancelled;
        co_return talentray::error_info{ec, {}};
    }
    ++list->answered;
    if (auto failure = list->failures.find(offset ? page : static_cast<std::int64_t>(number));
        failure != list->failures.end() && failure->second > 0) {
        --failure->second;
        auto info = talentray::make_error_info(talentray::errc::server_error, "scripted failure");
        info.diag.http_status = 500;
        co_return info;
    }
    talentray::response res;
    res.status = 200;
    res.body = offset ? offset_body(*list, number, page, std::stoi(query_value(request, "pageSize").value()))
                      : cursor_body(*list, number, before, std::stoi(query_value(request, "limit").value()));
    co_return res;
}

inline std::shared_ptr<const talentray::detail::page_fetcher> fetcher_for(std::shared_ptr<fake_list> list) {
    return std::make_shared<const talentray::detail::page_fetcher>(
        [list = std::move(list)](talentray::request_spec request) { return serve_fake(list, std::move(request)); });
}

}  // namespace pager_test
