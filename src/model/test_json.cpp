// JSON mapping of assessment tests and the test PATCH body.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<test>) {
    using m = test;
    return std::tuple{required("id", &m::id),
                      required("name", &m::name),
                      required("type", &m::type),
                      nullable("description", &m::description),
                      nullable("duration", &m::duration),
                      nullable("targetPersona", &m::target_persona),
                      nullable("analysisCategory", &m::analysis_category),
                      nullable("language", &m::language),
                      required("isPublic", &m::is_public),
                      required("organizationIds", &m::organization_ids),
                      required("createdAt", &m::created_at),
                      required("updatedAt", &m::updated_at)};
}

constexpr auto schema(model_tag<test_update>) {
    using m = test_update;
    return std::tuple{optional("name", &m::name),
                      optional("description", &m::description),
                      optional("analysisCategory", &m::analysis_category),
                      optional("language", &m::language),
                      optional("type", &m::type),
                      tristate("targetPersona", &m::target_persona),
                      optional("duration", &m::duration)};
}

void read_json(decode_context& ctx, const json::value& json, test& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, test_update& out) { read_object(ctx, json, out); }

json::value write_json(const test& in) { return write_object(in); }
json::value write_json(const test_update& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const test& test) { return model_json::write_json(test); }
boost::json::value encode(const test_update& update) { return model_json::write_json(update); }

}  // namespace talentray
