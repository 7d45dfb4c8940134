// POST/GET /api/admin/api-keys, DELETE /api/admin/api-keys/{id}, GET .../{id}/usage (§7.1-7.4).
// Legacy family: failures are {"error": "<message>"}; success is {"success": true, ...}.
#include "../catalogue.hpp"
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <charconv>

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

http_response bad_request(std::string_view message) { return legacy_error(http::status::bad_request, message); }

bool is_documented_scope(std::string_view scope) {
    const auto scopes = documented_scopes();
    return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

}  // namespace

http_response create_api_key(request_context& context) {
    const object_body body = parse_object_body(context.body);
    if (!body.object) return bad_request(body.problem);
    const json::object& fields = *body.object;

    const json::value* name = fields.if_contains("name");
    if (name == nullptr || !name->is_string() || name->get_string().empty()) return bad_request("Name is required");
    if (name->get_string().size() > 255) return bad_request("Name must be at most 255 characters");
    const json::value* user_id = fields.if_contains("userId");
    if (user_id == nullptr || !user_id->is_string() || user_id->get_string().empty())
        return bad_request("userId is required");

    std::int64_t expires_in_days = 90;
    if (const json::value* days = fields.if_contains("expiresInDays")) {
        if (!days->is_int64() || days->get_int64() < 1 || days->get_int64() > 365)
            return bad_request("expiresInDays must be an integer between 1 and 365");
        expires_in_days = days->get_int64();
    }
    // Undocumented (contract §9.3): an optional scope list; a key without it has no scopes.
    std::vector<std::string> scopes;
    if (const json::value* requested = fields.if_contains("scopes")) {
        if (!requested->is_array()) return bad_request("scopes must be an array of strings");
        for (const json::value& scope : requested->get_array()) {
            if (!scope.is_string()) return bad_request("scopes must be an array of strings");
            if (!is_documented_scope(scope.get_string()))
                return bad_request("Unknown scope: " + std::string(scope.get_string()));
            if (std::find(scopes.begin(), scopes.end(), scope.get_string()) == scopes.end())
                scopes.emplace_back(scope.get_string());
        }
    }

    const user_record* owner = context.state.find_user(user_id->get_string());
    if (owner == nullptr) return legacy_error(http::status::not_found, "User not found");

    const timestamp expires_at = context.now_seconds() + std::chrono::days{expires_in_days};
    const api_key_record& key = context.state.create_key(std::string(name->get_string()), owner->id, std::move(scopes),
                                                         expires_at, context.now);
    context.record_write();
    return json_response(http::status::ok, json::object{{"success", true}, {"data", render_created_key(key)}});
}

http_response list_api_keys(request_context& context) {
    json::array keys;
    for (const auto& key : context.state.keys()) {
        const user_record* owner = context.state.find_user(key->owner_user_id);
        if (owner != nullptr) keys.push_back(render_api_key(*key, *owner));
    }
    return json_response(http::status::ok, json::object{{"success", true}, {"data", std::move(keys)}});
}

http_response revoke_api_key(request_context& context) {
    if (!context.state.revoke_key(context.params[0])) return legacy_error(http::status::not_found, "API key not found");
    context.record_write();
    return json_response(http::status::ok, json::object{{"success", true}});
}

http_response get_api_key_usage(request_context& context) {
    std::size_t limit = 100;
    if (const auto text = context.query.get("limit")) {
        const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
        if (text->empty() || error != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > 500)
            return bad_request("limit must be an integer between 1 and 500");
    }
    std::optional<timestamp> before;
    if (const auto text = context.query.get("before")) {
        before = parse_timestamp(*text);
        if (!before) return bad_request("before must be an ISO 8601 timestamp");
    }

    const api_key_record* key = context.state.find_key(context.params[0]);
    if (key == nullptr) return legacy_error(http::status::not_found, "API key not found");
    const user_record* owner = context.state.find_user(key->owner_user_id);
    if (owner == nullptr) return legacy_error(http::status::not_found, "API key not found");

    // Rows are stored oldest first; a page is the `limit` newest rows strictly older than `before`.
    const auto& rows = key->usage;
    const auto end = before ? std::lower_bound(rows.begin(), rows.end(), *before,
                                               [](const usage_row& row, timestamp t) { return row.at < t; })
                            : rows.end();
    const auto available = static_cast<std::size_t>(end - rows.begin());
    const auto start = end - static_cast<std::ptrdiff_t>(std::min(limit, available));
    json::array page;
    page.reserve(static_cast<std::size_t>(end - start));
    const std::chrono::milliseconds resolution = context.state.usage_resolution();
    for (auto it = end; it != start;) page.push_back(render_usage_row(*--it, resolution));
    const bool has_more = start != rows.begin();
    json::value next_before = nullptr;
    if (has_more) next_before = json::string(format_usage_time(start->at, resolution));

    json::object data{{"key", render_usage_key(*key, *owner)},
                      {"rows", std::move(page)},
                      {"pagination", json::object{{"limit", limit}, {"hasMore", has_more}, {"nextBefore", next_before}}}};
    return json_response(http::status::ok, json::object{{"success", true}, {"data", std::move(data)}});
}

}  // namespace talentray::mock::detail
