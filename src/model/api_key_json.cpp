// JSON mapping of API-key administration: keys, their creation, and the usage log.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<api_key_owner>) {
    using m = api_key_owner;
    return std::tuple{required("id", &m::id),
                      required("email", &m::email),
                      nullable("name", &m::name),
                      nullable("platformRole", &m::platform_role),
                      nullable("orgRole", &m::org_role),
                      nullable("organizationId", &m::organization_id)};
}

constexpr auto schema(model_tag<api_key>) {
    using m = api_key;
    return std::tuple{required("id", &m::id),
                      nullable("name", &m::name),
                      required("prefix", &m::prefix),
                      required("start", &m::start),
                      required("enabled", &m::enabled),
                      required("createdAt", &m::created_at),
                      required("updatedAt", &m::updated_at),
                      nullable("lastRequest", &m::last_request),
                      nullable("expiresAt", &m::expires_at),
                      required("requestCount", &m::request_count),
                      required("owner", &m::owner)};
}

constexpr auto schema(model_tag<create_api_key_request>) {
    using m = create_api_key_request;
    return std::tuple{required("name", &m::name),
                      required("userId", &m::user_id),
                      optional("expiresInDays", &m::expires_in_days),
                      optional("scopes", &m::scopes)};
}

constexpr auto schema(model_tag<created_api_key>) {
    using m = created_api_key;
    return std::tuple{required("id", &m::id),
                      required("name", &m::name),
                      required("key", &m::key),
                      required("prefix", &m::prefix),
                      required("start", &m::start),
                      required("expiresAt", &m::expires_at),
                      required("userId", &m::user_id)};
}

constexpr auto schema(model_tag<api_key_usage_owner>) {
    using m = api_key_usage_owner;
    return std::tuple{required("id", &m::id), required("email", &m::email), nullable("name", &m::name)};
}

constexpr auto schema(model_tag<api_key_usage_key>) {
    using m = api_key_usage_key;
    return std::tuple{required("id", &m::id),
                      nullable("name", &m::name),
                      required("createdAt", &m::created_at),
                      nullable("lastRequest", &m::last_request),
                      required("requestCount", &m::request_count),
                      required("owner", &m::owner)};
}

constexpr auto schema(model_tag<api_key_usage_row>) {
    using m = api_key_usage_row;
    return std::tuple{required("id", &m::id),
                      required("timestamp", &m::timestamp),
                      required("method", &m::method),
                      required("path", &m::path),
                      nullable("ip", &m::ip),
                      nullable("userAgent", &m::user_agent),
                      nullable("authEndpoint", &m::auth_endpoint)};
}

constexpr auto schema(model_tag<api_key_usage>) {
    using m = api_key_usage;
    return std::tuple{required("key", &m::key), required("rows", &m::rows), required("pagination", &m::pagination)};
}

void read_json(decode_context& ctx, const json::value& json, api_key_owner& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, api_key& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, create_api_key_request& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, created_api_key& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, api_key_usage_owner& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, api_key_usage_key& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, api_key_usage_row& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, api_key_usage& out) { read_object(ctx, json, out); }

json::value write_json(const api_key_owner& in) { return write_object(in); }
json::value write_json(const api_key& in) { return write_object(in); }
json::value write_json(const create_api_key_request& in) { return write_object(in); }
json::value write_json(const created_api_key& in) { return write_object(in); }
json::value write_json(const api_key_usage_owner& in) { return write_object(in); }
json::value write_json(const api_key_usage_key& in) { return write_object(in); }
json::value write_json(const api_key_usage_row& in) { return write_object(in); }
json::value write_json(const api_key_usage& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const api_key_owner& owner) { return model_json::write_json(owner); }
boost::json::value encode(const api_key& key) { return model_json::write_json(key); }
boost::json::value encode(const create_api_key_request& request) { return model_json::write_json(request); }
boost::json::value encode(const created_api_key& key) { return model_json::write_json(key); }
boost::json::value encode(const api_key_usage_owner& owner) { return model_json::write_json(owner); }
boost::json::value encode(const api_key_usage_key& key) { return model_json::write_json(key); }
boost::json::value encode(const api_key_usage_row& row) { return model_json::write_json(row); }
boost::json::value encode(const api_key_usage& usage) { return model_json::write_json(usage); }

}  // namespace talentray
