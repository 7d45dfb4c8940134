// The JSON form of pager_checkpoint, a small versioned object, and its text.
#include <talentray/pager/checkpoint.hpp>

#include "pager/paging_query.hpp"

#include <talentray/model/timestamp.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdint>
#include <limits>
#include <utility>

namespace talentray {
namespace json = boost::json;
namespace {

constexpr std::int64_t format_version = 1;

error_info invalid(std::string what) {
    return make_error_info(errc::invalid_argument, "invalid pager checkpoint: " + std::move(what));
}

std::string_view style_name(pagination_style style) {
    return style == pagination_style::offset ? "offset" : "cursor";
}

std::string_view size_name(pagination_style style) { return style == pagination_style::offset ? "pageSize" : "limit"; }

/// Reads an integer member; `required` members must be present.
result<std::optional<std::int64_t>> read_integer(const json::object& object, std::string_view name, bool required) {
    const json::value* found = object.if_contains(name);
    if (found == nullptr || (found->is_null() && !required)) {
        if (required) return invalid(std::string(name) + " is missing");
        return std::optional<std::int64_t>{};
    }
    if (found->is_int64()) return std::optional<std::int64_t>{found->get_int64()};
    if (found->is_uint64() && found->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::optional<std::int64_t>{static_cast<std::int64_t>(found->get_uint64())};
    return invalid(std::string(name) + " must be an integer");
}

result<query_params> read_filters(const json::object& object, pagination_style style) {
    query_params filters;
    const json::value* found = object.if_contains("filters");
    if (found == nullptr) return filters;
    const json::array* pairs = found->if_array();
    if (pairs == nullptr) return invalid("filters must be an array of [name, value] pairs");
    for (const json::value& pair : *pairs) {
        const json::array* items = pair.if_array();
        if (items == nullptr || items->size() != 2 || !(*items)[0].is_string() || !(*items)[1].is_string())
            return invalid("filters must be an array of [name, value] pairs");
        const json::string& name = (*items)[0].get_string();
        if (name.empty()) return invalid("a filter has an empty name");
        if (detail::is_paging_parameter(style, name))
            return invalid("filter " + std::string(name) + " is a paging parameter");
        filters.push_back({std::string(name), std::string((*items)[1].get_string())});
    }
    return filters;
}

json::object reconcile_object(const reconcile_state& state) {
    json::object out;
    if (state.after_id) out["afterId"] = *state.after_id;
    if (state.after_created_at) out["afterCreatedAt"] = *state.after_created_at;
    out["position"] = state.position;
    if (!state.order.empty()) out["order"] = state.order;
    out["live"] = state.live;
    json::array ids;
    for (const std::string& id : state.recent_ids) ids.emplace_back(id);
    out["recentIds"] = std::move(ids);
    out["handedOut"] = state.handed_out;
    return out;
}

result<std::optional<std::string>> read_string(const json::object& object, std::string_view name) {
    const json::value* found = object.if_contains(name);
    if (found == nullptr || found->is_null()) return std::optional<std::string>{};
    if (!found->is_string()) return invalid("reconcile." + std::string(name) + " must be a string");
    return std::optional<std::string>{std::string(found->get_string())};
}

result<reconcile_state> read_reconcile(const json::value& value) {
    const json::object* object = value.if_object();
    if (object == nullptr) return invalid("reconcile must be an object");
    reconcile_state out;
    auto after_id = read_string(*object, "afterId");
    if (!after_id) return std::move(after_id).error();
    out.after_id = *after_id;
    auto after_created_at = read_string(*object, "afterCreatedAt");
    if (!after_created_at) return std::move(after_created_at).error();
    if (*after_created_at) {
        if (auto at = timestamp::parse(**after_created_at); !at)
            return invalid("reconcile.afterCreatedAt: " + at.error().diag.client_message);
        out.after_created_at = *after_created_at;
    }
    auto position = read_integer(*object, "position", true);
    if (!position) return std::move(position).error();
    if (**position < -1) return invalid("reconcile.position must be -1 or more");
    out.position = **position;
    auto order = read_string(*object, "order");
    if (!order) return std::move(order).error();
    out.order = order->value_or("");
    if (!out.order.empty() && out.order != "newest-first" && out.order != "oldest-first" && out.order != "unordered")
        return invalid("reconcile.order must be newest-first, oldest-first or unordered");
    if (const json::value* live = object->if_contains("live"); live != nullptr) {
        if (!live->is_bool()) return invalid("reconcile.live must be a boolean");
        out.live = live->get_bool();
    }
    if (const json::value* ids = object->if_contains("recentIds"); ids != nullptr) {
        const json::array* list = ids->if_array();
        if (list == nullptr || list->size() > 100)
            return invalid("reconcile.recentIds must be an array of at most 100 ids");
        for (const json::value& id : *list) {
            if (!id.is_string()) return invalid("reconcile.recentIds must hold strings");
            out.recent_ids.emplace_back(id.get_string());
        }
    }
    auto handed = read_integer(*object, "handedOut", false);
    if (!handed) return std::move(handed).error();
    if (*handed && **handed < 0) return invalid("reconcile.handedOut must not be negative");
    out.handed_out = static_cast<std::uint64_t>(handed->value_or(0));
    return out;
}

/// The cursor's `boundaryAt` and `boundaryIds`: a timestamp, and at most two of the API's
/// largest pages of ids (a boundary holds one page's tie, plus a page that showed a wider one).
result<std::pair<std::optional<std::string>, std::vector<std::string>>> read_boundary(const json::object& object) {
    const std::size_t most_ids = 2 * static_cast<std::size_t>(detail::max_page_size_of(pagination_style::cursor));
    std::pair<std::optional<std::string>, std::vector<std::string>> out;
    const json::value* at = object.if_contains("boundaryAt");
    if (at != nullptr && !at->is_null()) {
        if (!at->is_string()) return invalid("boundaryAt must be a timestamp string or null");
        if (auto parsed = timestamp::parse(at->get_string()); !parsed)
            return invalid("boundaryAt: " + parsed.error().diag.client_message);
        out.first = std::string(at->get_string());
    }
    const json::value* ids = object.if_contains("boundaryIds");
    if (ids == nullptr || ids->is_null()) return out;
    const json::array* items = ids->if_array();
    if (items == nullptr) return invalid("boundaryIds must be an array of ids");
    if (!items->empty() && !out.first) return invalid("boundaryIds needs boundaryAt");
    if (items->size() > most_ids)
        return invalid("boundaryIds holds " + std::to_string(items->size()) + " ids, more than " +
                       std::to_string(most_ids));
    for (const json::value& id : *items) {
        if (!id.is_string() || id.get_string().empty()) return invalid("boundaryIds must hold non-empty strings");
        out.second.emplace_back(id.get_string());
    }
    return out;
}

}  // namespace

json::object pager_checkpoint::to_json() const {
    json::object out;
    out["version"] = format_version;
    out["style"] = style_name(style);
    out["path"] = path;
    json::array filter_pairs;
    for (const query_param& filter : filters) filter_pairs.push_back(json::array{filter.name, filter.value});
    out["filters"] = std::move(filter_pairs);
    out[size_name(style)] = page_size;
    if (style == pagination_style::offset)
        out["page"] = page;
    else
        out["before"] = before ? json::value(*before) : json::value(nullptr);
    out["skip"] = skip;
    if (boundary_at) {
        out["boundaryAt"] = *boundary_at;
        json::array ids;
        for (const std::string& id : boundary_ids) ids.push_back(json::string(id));
        out["boundaryIds"] = std::move(ids);
    }
    if (total_count) out["totalCount"] = *total_count;
    if (done) out["done"] = true;
    if (reconcile) out["reconcile"] = reconcile_object(*reconcile);
    return out;
}

std::string pager_checkpoint::to_string() const { return json::serialize(to_json()); }

result<pager_checkpoint> pager_checkpoint::parse(std::string_view text) {
    boost::system::error_code ec;
    const json::value parsed = json::parse(text, ec);
    if (ec) return invalid("not JSON (" + ec.message() + ")");
    return from_json(parsed);
}

result<pager_checkpoint> pager_checkpoint::from_json(const json::value& value) {
    const json::object* object = value.if_object();
    if (object == nullptr) return invalid("not a JSON object");

    auto version = read_integer(*object, "version", true);
    if (!version) return std::move(version).error();
    if (**version != format_version) return invalid("unknown version " + std::to_string(**version));

    pager_checkpoint out;
    const json::value* style = object->if_contains("style");
    if (style == nullptr || !style->is_string()) return invalid("style is missing");
    if (style->get_string() == "offset") out.style = pagination_style::offset;
    else if (style->get_string() == "cursor") out.style = pagination_style::cursor;
    else return invalid("unknown style \"" + std::string(style->get_string()) + "\"");

    const json::value* path = object->if_contains("path");
    if (path == nullptr || !path->is_string() || path->get_string().empty() || path->get_string().front() != '/')
        return invalid("path must be a string starting with '/'");
    out.path = std::string(path->get_string());

    auto filters = read_filters(*object, out.style);
    if (!filters) return std::move(filters).error();
    out.filters = std::move(*filters);

    const std::string_view size_member = size_name(out.style);
    auto size = read_integer(*object, size_member, true);
    if (!size) return std::move(size).error();
    const int max_size = detail::max_page_size_of(out.style);
    if (**size < 1 || **size > max_size)
        return invalid(std::string(size_member) + " must be 1.." + std::to_string(max_size));
    out.page_size = static_cast<int>(**size);

    if (out.style == pagination_style::offset) {
        auto page = read_integer(*object, "page", true);
        if (!page) return std::move(page).error();
        if (**page < 0) return invalid("page must not be negative");
        out.page = **page;
        auto total = read_integer(*object, "totalCount", false);
        if (!total) return std::move(total).error();
        if (*total && **total < 0) return invalid("totalCount must not be negative");
        out.total_count = *total;
        if (const json::value* state = object->if_contains("reconcile"); state != nullptr && !state->is_null()) {
            auto reconcile = read_reconcile(*state);
            if (!reconcile) return std::move(reconcile).error();
            out.reconcile = std::move(*reconcile);
        }
    } else {
        const json::value* before = object->if_contains("before");
        if (before != nullptr && !before->is_null()) {
            if (!before->is_string()) return invalid("before must be a timestamp string or null");
            if (auto at = timestamp::parse(before->get_string()); !at)
                return invalid("before: " + at.error().diag.client_message);
            out.before = std::string(before->get_string());
        }
        auto boundary = read_boundary(*object);
        if (!boundary) return std::move(boundary).error();
        out.boundary_at = std::move(boundary->first);
        out.boundary_ids = std::move(boundary->second);
    }

    auto skip = read_integer(*object, "skip", false);
    if (!skip) return std::move(skip).error();
    out.skip = skip->value_or(0);
    if (out.skip < 0 || out.skip > out.page_size)
        return invalid("skip must be 0.." + std::to_string(out.page_size));

    if (const json::value* done = object->if_contains("done"); done != nullptr) {
        if (!done->is_bool()) return invalid("done must be a boolean");
        out.done = done->get_bool();
    }
    return out;
}

}  // namespace talentray
