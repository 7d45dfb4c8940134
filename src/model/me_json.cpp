// JSON mapping of the authenticated principal.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<me_user>) {
    using m = me_user;
    return std::tuple{required("id", &m::id), required("email", &m::email), required("role", &m::role)};
}

constexpr auto schema(model_tag<me_auth>) {
    using m = me_auth;
    // keyId and scopes are absent for a session, not null.
    return std::tuple{required("type", &m::type), omittable("keyId", &m::key_id), omittable("scopes", &m::scopes)};
}

constexpr auto schema(model_tag<me>) {
    return std::tuple{required("user", &me::user), required("auth", &me::auth)};
}

void read_json(decode_context& ctx, const json::value& json, me_user& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, me_auth& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, me& out) { read_object(ctx, json, out); }

json::value write_json(const me_user& in) { return write_object(in); }
json::value write_json(const me_auth& in) { return write_object(in); }
json::value write_json(const me& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const me_user& user) { return model_json::write_json(user); }
boost::json::value encode(const me_auth& auth) { return model_json::write_json(auth); }
boost::json::value encode(const me& me) { return model_json::write_json(me); }

}  // namespace talentray
