#include "pager/page_parser.hpp"

#include "pager/row_spans.hpp"

#include <talentray/model/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include <string>
#include <utility>

namespace talentray::detail {
namespace json = boost::json;
namespace {

error_info bad_page(std::string what) {
    return make_error_info(errc::invalid_response, "malformed page: " + std::move(what));
}

result<json::value> parse_body(std::string_view body) {
    json::parse_options options;
    options.max_depth = 64;
    boost::system::error_code ec;
    json::value parsed = json::parse(body, ec, {}, options);
    if (ec) return bad_page("the body is not JSON (" + ec.message() + ")");
    return parsed;
}

/// Moves the rows out of `holder[member]` (already known to be an array) into `page`, or their
/// exact text when asked for.
result<void> take_rows(json::object& holder, std::string_view member, std::string_view body,
                       std::initializer_list<std::string_view> path, row_format format, raw_page& page) {
    json::array& rows = holder.at(member).as_array();
    if (format == row_format::json) {
        page.rows = std::move(rows);
        return {};
    }
    auto spans = array_element_spans(body, path);
    if (!spans) return std::move(spans).error();
    if (spans->size() != rows.size())
        return bad_page("found " + std::to_string(spans->size()) + " row texts for " + std::to_string(rows.size()) +
                        " rows");
    page.row_texts.reserve(spans->size());
    for (std::string_view span : *spans) page.row_texts.emplace_back(span);
    return {};
}

template <class Pagination>
result<Pagination> read_pagination(const json::object& holder, std::string_view where) {
    const json::value* found = holder.if_contains("pagination");
    if (found == nullptr) return bad_page(std::string(where) + "pagination is missing");
    auto decoded = decode<Pagination>(*found);
    if (!decoded) return bad_page(std::string(where) + "pagination: " + decoded.error().diag.client_message);
    return decoded;
}

}  // namespace

result<raw_page> parse_offset_page(std::string_view body, row_format format) {
    auto parsed = parse_body(body);
    if (!parsed) return std::move(parsed).error();
    json::object* top = parsed->if_object();
    if (top == nullptr) return bad_page("the body is not a JSON object");
    const json::value* data = top->if_contains("data");
    if (data == nullptr || !data->is_array()) return bad_page("data is missing or not an array");

    raw_page page;
    auto pagination = read_pagination<offset_pagination>(*top, "");
    if (!pagination) return std::move(pagination).error();
    page.offset = *pagination;
    if (auto rows = take_rows(*top, "data", body, {"data"}, format, page); !rows) return std::move(rows).error();
    top->erase("data");
    top->erase("pagination");
    page.envelope = std::move(*top);
    return page;
}

result<raw_page> parse_cursor_page(std::string_view body, row_format format) {
    auto parsed = parse_body(body);
    if (!parsed) return std::move(parsed).error();
    json::object* top = parsed->if_object();
    if (top == nullptr) return bad_page("the body is not a JSON object");
    const json::value* success = top->if_contains("success");
    if (success == nullptr || !success->is_bool() || !success->get_bool())
        return bad_page("success is missing or not true");
    json::value* data_value = top->if_contains("data");
    json::object* data = data_value != nullptr ? data_value->if_object() : nullptr;
    if (data == nullptr) return bad_page("data is missing or not an object");
    const json::value* rows = data->if_contains("rows");
    if (rows == nullptr || !rows->is_array()) return bad_page("data.rows is missing or not an array");

    raw_page page;
    auto pagination = read_pagination<cursor_pagination>(*data, "data.");
    if (!pagination) return std::move(pagination).error();
    page.cursor = *pagination;
    const json::value* next = data->at("pagination").as_object().if_contains("nextBefore");
    if (next != nullptr && next->is_string()) page.next_before_text = std::string(next->get_string());
    if (auto taken = take_rows(*data, "rows", body, {"data", "rows"}, format, page); !taken)
        return std::move(taken).error();
    data->erase("rows");
    data->erase("pagination");
    page.envelope = std::move(*data);
    return page;
}

}  // namespace talentray::detail
