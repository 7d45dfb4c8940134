// GET /api/public/portal/{orgSlug}, GET .../roles/{roleId}, POST .../apply (§7.5-7.7).
// No authentication; failures use the legacy dialect.
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

const organization_record* enabled_portal(request_context& context) {
    const organization_record* org = context.state.find_organization_by_slug(context.params[0]);
    return org != nullptr && org->portal_enabled ? org : nullptr;
}

bool is_open_public_role_of(const role_record& role, const organization_record& org) {
    return role.organization_id == org.id && role.is_public && role.status == "open";
}

// "en", "pt-BR", "zh-Hant": a primary language subtag and optional subtags.
bool is_locale(std::string_view text) {
    if (text.size() < 2 || text.size() > 35) return false;
    std::size_t letters = 0;
    bool first_part = true;
    for (char c : text) {
        if (c == '-') {
            if (letters == 0 || (first_part && letters > 3)) return false;
            first_part = false;
            letters = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first_part && c >= '0' && c <= '9')) {
            ++letters;
        } else {
            return false;
        }
    }
    return letters > 0 && (!first_part || letters <= 3);
}

}  // namespace

http_response get_career_portal(request_context& context) {
    const organization_record* org = enabled_portal(context);
    if (org == nullptr) return legacy_error(http::status::not_found, "Portal not found");
    json::array roles;
    for (const role_record& role : context.state.roles())
        if (is_open_public_role_of(role, *org)) roles.push_back(render_portal_role(role, org->show_salary));
    return json_response(http::status::ok,
                         json::object{{"org", render_portal_org(*org, true)}, {"roles", std::move(roles)}});
}

http_response get_public_job(request_context& context) {
    const organization_record* org = enabled_portal(context);
    if (org == nullptr) return legacy_error(http::status::not_found, "Portal not found");
    const role_record* role = context.state.find_role(context.params[1]);
    if (role == nullptr || !is_open_public_role_of(*role, *org))
        return legacy_error(http::status::not_found, "Job not found or no longer available");
    return json_response(http::status::ok, json::object{{"org", render_portal_org(*org, false)},
                                                        {"role", render_portal_role(*role, org->show_salary)}});
}

http_response apply_to_public_job(request_context& context) {
    const object_body body = parse_object_body(context.body);
    if (!body.object) return legacy_error(http::status::bad_request, body.problem);
    const json::value* role_id = body.object->if_contains("roleId");
    if (role_id == nullptr || !role_id->is_string() || role_id->get_string().empty())
        return legacy_error(http::status::bad_request, "roleId is required");
    std::string locale = "en";
    if (const json::value* requested = body.object->if_contains("locale")) {
        if (!requested->is_string() || !is_locale(requested->get_string()))
            return legacy_error(http::status::bad_request, "locale must be a language tag such as en or pt-BR");
        locale = std::string(requested->get_string());
    }

    const organization_record* org = enabled_portal(context);
    if (org == nullptr) return legacy_error(http::status::not_found, "Portal not found");
    const role_record* role = context.state.find_role(role_id->get_string());
    if (role == nullptr || !is_open_public_role_of(*role, *org))
        return legacy_error(http::status::not_found, "Job not found or not accepting applications");

    std::string url = context.state.invite_url(org->id, role->id, locale);
    context.record_write();
    return json_response(http::status::ok, json::object{{"inviteUrl", std::move(url)}});
}

}  // namespace talentray::mock::detail
