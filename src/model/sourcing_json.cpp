// JSON mapping of potential candidates (leads), their links, and the create/update bodies.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<lead_organization_link>) {
    using m = lead_organization_link;
    return std::tuple{required("organizationId", &m::organization_id), required("status", &m::status)};
}

constexpr auto schema(model_tag<lead_role_link>) {
    using m = lead_role_link;
    return std::tuple{required("roleId", &m::role_id),
                      required("roleName", &m::role_name),
                      required("organizationId", &m::organization_id),
                      required("status", &m::status),
                      required("resumeFitScore", &m::resume_fit_score),
                      required("overallFitScore", &m::overall_fit_score)};
}

constexpr auto schema(model_tag<potential_candidate>) {
    using m = potential_candidate;
    return std::tuple{required("id", &m::id),
                      required("fullName", &m::full_name),
                      nullable("email", &m::email),
                      nullable("contactEmail", &m::contact_email),
                      nullable("phone", &m::phone),
                      required("status", &m::status),
                      required("skills", &m::skills),
                      nullable("summary", &m::summary),
                      nullable("candidateId", &m::candidate_id),
                      required("organizations", &m::organizations),
                      required("roles", &m::roles),
                      required("createdAt", &m::created_at),
                      required("updatedAt", &m::updated_at)};
}

constexpr auto schema(model_tag<potential_candidate_create>) {
    using m = potential_candidate_create;
    return std::tuple{required("fullName", &m::full_name),
                      required("organizationId", &m::organization_id),
                      optional("email", &m::email),
                      optional("contactEmail", &m::contact_email),
                      optional("phone", &m::phone),
                      optional("summary", &m::summary),
                      optional("skills", &m::skills),
                      optional("status", &m::status)};
}

constexpr auto schema(model_tag<potential_candidate_update>) {
    using m = potential_candidate_update;
    return std::tuple{optional("fullName", &m::full_name),
                      optional("status", &m::status),
                      tristate("email", &m::email),
                      tristate("contactEmail", &m::contact_email),
                      tristate("phone", &m::phone),
                      tristate("summary", &m::summary),
                      optional("skills", &m::skills)};
}

void read_json(decode_context& ctx, const json::value& json, lead_organization_link& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, lead_role_link& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, potential_candidate& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, potential_candidate_create& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, potential_candidate_update& out) { read_object(ctx, json, out); }

json::value write_json(const lead_organization_link& in) { return write_object(in); }
json::value write_json(const lead_role_link& in) { return write_object(in); }
json::value write_json(const potential_candidate& in) { return write_object(in); }
json::value write_json(const potential_candidate_create& in) { return write_object(in); }
json::value write_json(const potential_candidate_update& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const lead_organization_link& link) { return model_json::write_json(link); }
boost::json::value encode(const lead_role_link& link) { return model_json::write_json(link); }
boost::json::value encode(const potential_candidate& lead) { return model_json::write_json(lead); }
boost::json::value encode(const potential_candidate_create& body) { return model_json::write_json(body); }
boost::json::value encode(const potential_candidate_update& update) { return model_json::write_json(update); }

}  // namespace talentray
