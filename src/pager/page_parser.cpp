#include "pager/page_parser.hpp"

#include "base/response_arena.hpp"
#include "pager/row_spans.hpp"

#include <talentray/model/json.hpp>
#include <talentray/model/timestamp.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/storage_ptr.hpp>

#include <optional>
#include <string>
#include <utility>

namespace talentray::detail {
namespace json = boost::json;
namespace {

error_info bad_page(std::string what) {
    return make_error_info(errc::invalid_response, "malformed page: " + std::move(what));
}

/// The memory a page's document is parsed into, chosen by what becomes of its rows.
class page_memory {
public:
    page_memory(std::size_t body_size, row_format format) {
        switch (format) {
        case row_format::json:  // the caller takes the rows as they are: the heap, node by node
            break;
        case row_format::model:
            // The rows wait in the window until they are decoded (copied) into models: one arena
            // per page, released with the page, instead of a heap block per JSON node.
            storage_ = json::make_shared_resource<json::monotonic_resource>(body_size * 2);
            break;
        case row_format::text:  // only the rows' bytes are kept: the document dies with this parse
            scratch_.emplace(body_size);
            storage_ = scratch_->storage();
            break;
        }
    }

    const json::storage_ptr& storage() const noexcept { return storage_; }

private:
    std::optional<response_arena> scratch_;  // declared first: outlives the document
    json::storage_ptr storage_;
};

result<json::value> parse_body(std::string_view body, const json::storage_ptr& storage) {
    json::parse_options options;
    options.max_depth = 64;
    boost::system::error_code ec;
    json::value parsed = json::parse(body, ec, storage, options);
    if (ec) return bad_page("the body is not JSON (" + ec.message() + ")");
    return parsed;
}

/// A page holding the rows of `holder[member]` (already known to be an array), or their exact
/// text when asked for. The rows are moved by construction, which keeps their storage (an
/// assignment would copy them into the page's).
result<raw_page> page_of_rows(json::object& holder, std::string_view member, std::string_view body,
                              std::initializer_list<std::string_view> path, row_format format) {
    json::array& rows = holder.at(member).as_array();
    if (format != row_format::text) return raw_page{.rows = std::move(rows)};
    auto spans = array_element_spans(body, path);
    if (!spans) return std::move(spans).error();
    if (spans->size() != rows.size())
        return bad_page("found " + std::to_string(spans->size()) + " row texts for " + std::to_string(rows.size()) +
                        " rows");
    raw_page page;
    page.row_texts.reserve(spans->size());
    for (std::string_view span : *spans) page.row_texts.emplace_back(span);
    return page;
}

/// What is left of `holder` once rows and pagination are gone, on the heap whatever the
/// document's memory, as the caller may keep it (`page_info::envelope`).
json::object heap_envelope(json::object& holder) { return json::object(std::move(holder), json::storage_ptr{}); }

template <class Pagination>
result<Pagination> read_pagination(const json::object& holder, std::string_view where) {
    const json::value* found = holder.if_contains("pagination");
    if (found == nullptr) return bad_page(std::string(where) + "pagination is missing");
    auto decoded = decode<Pagination>(*found);
    if (!decoded) return bad_page(std::string(where) + "pagination: " + decoded.error().diag.client_message);
    return decoded;
}

/// Each row's id and createdAt, for reconciling a changing list. A row without them gets an
/// empty id or no time: it cannot be recognised again, which the reconciler allows for.
std::vector<row_key> row_keys(const json::array& rows) {
    std::vector<row_key> keys;
    keys.reserve(rows.size());
    for (const json::value& row : rows) {
        row_key key;
        if (const json::object* object = row.if_object()) {
            if (const json::value* id = object->if_contains("id")) {
                if (id->is_string()) key.id = std::string(id->get_string());
                else if (id->is_number()) key.id = json::serialize(*id);
            }
            if (const json::value* created = object->if_contains("createdAt"); created && created->is_string())
                if (auto at = timestamp::parse(created->get_string())) key.created_at = *at;
        }
        keys.push_back(std::move(key));
    }
    return keys;
}

}  // namespace

result<raw_page> parse_offset_page(std::string_view body, row_format format) {
    const page_memory memory{body.size(), format};
    auto parsed = parse_body(body, memory.storage());
    if (!parsed) return std::move(parsed).error();
    json::object* top = parsed->if_object();
    if (top == nullptr) return bad_page("the body is not a JSON object");
    const json::value* data = top->if_contains("data");
    if (data == nullptr || !data->is_array()) return bad_page("data is missing or not an array");

    auto pagination = read_pagination<offset_pagination>(*top, "");
    if (!pagination) return std::move(pagination).error();
    std::vector<row_key> keys = row_keys(data->get_array());
    auto page = page_of_rows(*top, "data", body, {"data"}, format);
    if (!page) return page;
    page->offset = *pagination;
    page->keys = std::move(keys);
    top->erase("data");
    top->erase("pagination");
    page->envelope = heap_envelope(*top);
    return page;
}

result<raw_page> parse_cursor_page(std::string_view body, row_format format) {
    const page_memory memory{body.size(), format};
    auto parsed = parse_body(body, memory.storage());
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

    auto pagination = read_pagination<cursor_pagination>(*data, "data.");
    if (!pagination) return std::move(pagination).error();
    auto page = page_of_rows(*data, "rows", body, {"data", "rows"}, format);
    if (!page) return page;
    page->cursor = *pagination;
    const json::value* next = data->at("pagination").as_object().if_contains("nextBefore");
    if (next != nullptr && next->is_string()) page->next_before_text = std::string(next->get_string());
    data->erase("rows");
    data->erase("pagination");
    page->envelope = heap_envelope(*data);
    return page;
}

}  // namespace talentray::detail
