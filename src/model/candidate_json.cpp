// JSON mapping of candidates, their pipeline steps and the candidate PATCH body.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<candidate_role_link>) {
    using m = candidate_role_link;
    return std::tuple{required("roleId", &m::role_id),
                      required("roleName", &m::role_name),
                      required("organizationId", &m::organization_id),
                      required("status", &m::status),
                      required("overallFitScore", &m::overall_fit_score),
                      required("approved", &m::approved)};
}

constexpr auto schema(model_tag<candidate>) {
    using m = candidate;
    return std::tuple{required("id", &m::id),
                      required("fullName", &m::full_name),
                      nullable("email", &m::email),
                      nullable("phone", &m::phone),
                      required("status", &m::status),
                      required("createdAt", &m::created_at),
                      required("updatedAt", &m::updated_at),
                      required("roles", &m::roles)};
}

constexpr auto schema(model_tag<candidate_step>) {
    using m = candidate_step;
    return std::tuple{required("id", &m::id),
                      required("roleId", &m::role_id),
                      required("roleStepId", &m::role_step_id),
                      required("name", &m::name),
                      required("order", &m::order),
                      required("stepType", &m::step_type),
                      required("status", &m::status),
                      nullable("startedAt", &m::started_at),
                      nullable("completedAt", &m::completed_at),
                      nullable("validatedAt", &m::validated_at),
                      nullable("rejectedAt", &m::rejected_at),
                      nullable("validationScore", &m::validation_score),
                      nullable("rejectionReason", &m::rejection_reason),
                      nullable("offerResponse", &m::offer_response),
                      required("createdAt", &m::created_at),
                      required("updatedAt", &m::updated_at)};
}

constexpr auto schema(model_tag<candidate_update>) {
    using m = candidate_update;
    return std::tuple{optional("fullName", &m::full_name),
                      optional("status", &m::status),
                      tristate("email", &m::email),
                      tristate("phone", &m::phone),
                      tristate("summary", &m::summary)};
}

void read_json(decode_context& ctx, const json::value& json, candidate_role_link& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, candidate& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, candidate_step& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, candidate_update& out) { read_object(ctx, json, out); }

json::value write_json(const candidate_role_link& in) { return write_object(in); }
json::value write_json(const candidate& in) { return write_object(in); }
json::value write_json(const candidate_step& in) { return write_object(in); }
json::value write_json(const candidate_update& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const candidate_role_link& link) { return model_json::write_json(link); }
boost::json::value encode(const candidate& candidate) { return model_json::write_json(candidate); }
boost::json::value encode(const candidate_step& step) { return model_json::write_json(step); }
boost::json::value encode(const candidate_update& update) { return model_json::write_json(update); }

}  // namespace talentray
