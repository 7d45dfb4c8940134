// JSON mapping of the public career portal and the apply body and response.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<portal_theme>) {
    using m = portal_theme;
    return std::tuple{omittable("primaryColor", &m::primary_color), required("showSalary", &m::show_salary)};
}

constexpr auto schema(model_tag<portal_org>) {
    using m = portal_org;
    return std::tuple{required("name", &m::name),
                      nullable("logo", &m::logo),
                      required("slug", &m::slug),
                      nullable("domain", &m::domain),
                      required("portalTheme", &m::portal_theme)};
}

constexpr auto schema(model_tag<portal_role>) {
    using m = portal_role;
    // The salary fields are left out entirely unless the portal shows salaries.
    return std::tuple{required("id", &m::id),
                      required("name", &m::name),
                      any_json("description", &m::description),
                      nullable("department", &m::department),
                      nullable("location", &m::location),
                      nullable("workType", &m::work_type),
                      nullable("collarType", &m::collar_type),
                      omittable("salaryMin", &m::salary_min),
                      omittable("salaryMax", &m::salary_max),
                      omittable("salaryCurrency", &m::salary_currency),
                      omittable("salaryPeriod", &m::salary_period),
                      required("createdAt", &m::created_at)};
}

constexpr auto schema(model_tag<career_portal>) {
    return std::tuple{required("org", &career_portal::org), required("roles", &career_portal::roles)};
}

constexpr auto schema(model_tag<public_job>) {
    return std::tuple{required("org", &public_job::org), required("role", &public_job::role)};
}

constexpr auto schema(model_tag<apply_request>) {
    return std::tuple{required("roleId", &apply_request::role_id), optional("locale", &apply_request::locale)};
}

constexpr auto schema(model_tag<invite>) {
    return std::tuple{required("inviteUrl", &invite::invite_url)};
}

void read_json(decode_context& ctx, const json::value& json, portal_theme& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, portal_org& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, portal_role& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, career_portal& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, public_job& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, apply_request& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, invite& out) { read_object(ctx, json, out); }

json::value write_json(const portal_theme& in) { return write_object(in); }
json::value write_json(const portal_org& in) { return write_object(in); }
json::value write_json(const portal_role& in) { return write_object(in); }
json::value write_json(const career_portal& in) { return write_object(in); }
json::value write_json(const public_job& in) { return write_object(in); }
json::value write_json(const apply_request& in) { return write_object(in); }
json::value write_json(const invite& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const portal_theme& theme) { return model_json::write_json(theme); }
boost::json::value encode(const portal_org& org) { return model_json::write_json(org); }
boost::json::value encode(const portal_role& role) { return model_json::write_json(role); }
boost::json::value encode(const career_portal& portal) { return model_json::write_json(portal); }
boost::json::value encode(const public_job& job) { return model_json::write_json(job); }
boost::json::value encode(const apply_request& request) { return model_json::write_json(request); }
boost::json::value encode(const invite& invite) { return model_json::write_json(invite); }

}  // namespace talentray
