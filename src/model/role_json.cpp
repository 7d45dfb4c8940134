// JSON mapping of roles, their pipeline templates and the role PATCH body.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<role>) {
    using m = role;
    return std::tuple{required("id", &m::id),
                      required("name", &m::name),
                      required("organizationId", &m::organization_id),
                      required("status", &m::status),
                      nullable("priority", &m::priority),
                      required("isPublic", &m::is_public),
                      nullable("department", &m::department),
                      nullable("location", &m::location),
                      nullable("workType", &m::work_type),
                      nullable("salaryMin", &m::salary_min),
                      nullable("salaryMax", &m::salary_max),
                      nullable("salaryCurrency", &m::salary_currency),
                      nullable("salaryPeriod", &m::salary_period),
                      nullable("targetHireCount", &m::target_hire_count),
                      nullable("roleLevel", &m::role_level),
                      required("createdAt", &m::created_at),
                      required("updatedAt", &m::updated_at)};
}

constexpr auto schema(model_tag<role_step>) {
    using m = role_step;
    return std::tuple{required("id", &m::id),
                      required("roleId", &m::role_id),
                      required("name", &m::name),
                      nullable("description", &m::description),
                      required("order", &m::order),
                      required("stepType", &m::step_type),
                      required("validationType", &m::validation_type),
                      nullable("passingScore", &m::passing_score),
                      required("isRequired", &m::is_required),
                      required("allowSkip", &m::allow_skip),
                      required("createdAt", &m::created_at),
                      required("updatedAt", &m::updated_at)};
}

constexpr auto schema(model_tag<role_update>) {
    using m = role_update;
    return std::tuple{optional("name", &m::name),
                      optional("status", &m::status),
                      tristate("priority", &m::priority),
                      tristate("department", &m::department),
                      tristate("location", &m::location),
                      tristate("workType", &m::work_type),
                      tristate("salaryMin", &m::salary_min),
                      tristate("salaryMax", &m::salary_max),
                      tristate("salaryCurrency", &m::salary_currency),
                      tristate("salaryPeriod", &m::salary_period),
                      tristate("targetHireCount", &m::target_hire_count),
                      tristate("roleLevel", &m::role_level),
                      optional("isPublic", &m::is_public)};
}

void read_json(decode_context& ctx, const json::value& json, role& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, role_step& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, role_update& out) { read_object(ctx, json, out); }

json::value write_json(const role& in) { return write_object(in); }
json::value write_json(const role_step& in) { return write_object(in); }
json::value write_json(const role_update& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const role& role) { return model_json::write_json(role); }
boost::json::value encode(const role_step& step) { return model_json::write_json(step); }
boost::json::value encode(const role_update& update) { return model_json::write_json(update); }

}  // namespace talentray
