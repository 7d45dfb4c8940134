// /api/v1/sourcing: list, get, POST (201), PATCH, DELETE (204) (§7.20-7.24).
#include "../access.hpp"
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

http_response lead_not_found() { return v1_error(http::status::not_found, "not_found", "Potential candidate not found"); }

http_response lead_forbidden() {
    return v1_error(http::status::forbidden, "forbidden",
                    "The key's owner lacks employer-write authority in the potential candidate's organizations");
}

lead_record* visible_lead(request_context& context, std::string_view id) {
    lead_record* lead = context.state.find_lead(id);
    return lead != nullptr && can_see_lead(*context.user, *lead) ? lead : nullptr;
}

json::object render(request_context& context, const lead_record& lead) {
    return render_lead(lead, context.state.roles());
}

}  // namespace

http_response list_potential_candidates(request_context& context) {
    std::vector<std::string> problems;
    const auto page = read_page_request(context.query, problems);
    const auto role_id = read_filter(context.query, "roleId", problems);
    const auto status = read_filter(context.query, "status", problems);
    if (!problems.empty()) return v1_bad_request("Invalid query parameter(s)", problems);

    std::vector<const lead_record*> matching;
    for (const auto& [number, lead] : context.state.leads()) {
        if (!can_see_lead(*context.user, lead)) continue;
        if (status && lead.status != *status) continue;
        if (role_id && std::none_of(lead.roles.begin(), lead.roles.end(),
                                    [&](const lead_role_link& link) { return link.role_id == *role_id; }))
            continue;
        matching.push_back(&lead);
    }
    list_rows rows;
    rows.list = "sourcing";
    rows.id_prefix = "pc_";
    if (role_id) rows.filters += "&role_id=" + std::string(*role_id);
    if (status) rows.filters += "&status=" + std::string(*status);
    if (!rows.filters.empty()) rows.filters[0] = '?';
    rows.count = matching.size();
    rows.id_of = [&](std::size_t i) { return std::string(matching[i]->id); };
    rows.render = [&](std::size_t i) { return render(context, *matching[i]); };
    return list_page(context, *page, rows);
}

http_response get_potential_candidate(request_context& context) {
    const lead_record* lead = visible_lead(context, context.params[0]);
    if (lead == nullptr) return lead_not_found();
    return json_response(http::status::ok, render(context, *lead));
}

http_response create_potential_candidate(request_context& context) {
    const object_body body = parse_object_body(context.body);
    if (!body.object) return v1_bad_request("Invalid request body", {body.problem});
    field_reader fields{*body.object};
    auto full_name = fields.non_empty_string("fullName");
    auto organization_id = fields.non_empty_string("organizationId");
    auto email = fields.nullable_email("email");
    auto contact_email = fields.nullable_email("contactEmail");
    auto phone = fields.nullable_phone("phone");
    auto summary = fields.nullable_string("summary");
    auto skills = fields.string_array("skills");
    auto status = fields.non_empty_string("status");
    std::vector<std::string> problems = fields.problems();
    if (!body.object->contains("fullName")) problems.emplace_back("fullName is required");
    if (!body.object->contains("organizationId")) problems.emplace_back("organizationId is required");
    // An unknown organization is a validation error here, not a 404 (contract §7.22).
    if (organization_id && context.state.find_organization(*organization_id) == nullptr)
        problems.emplace_back("organizationId does not exist");
    if (!problems.empty()) return v1_bad_request("Invalid field(s)", problems);

    if (!has_write_authority(*context.user, *organization_id))
        return v1_error(http::status::forbidden, "forbidden",
                        "The key's owner lacks employer-write authority in organization " + *organization_id);

    lead_record lead;
    lead.full_name = std::move(*full_name);
    lead.status = status.value_or("uploaded");
    if (email) lead.email = std::move(*email);
    if (contact_email) lead.contact_email = std::move(*contact_email);
    if (phone) lead.phone = std::move(*phone);
    if (summary) lead.summary = std::move(*summary);
    if (skills) lead.skills = std::move(*skills);
    lead.organizations.push_back({*organization_id, "Pool"});
    lead.created_at = context.now_seconds();
    lead.updated_at = lead.created_at;
    const lead_record& stored = context.state.add_lead(std::move(lead));
    context.record_write();

    http_response response = json_response(http::status::created, render(context, stored));
    response.set(http::field::location, "/api/v1/sourcing/" + stored.id);
    return response;
}

http_response update_potential_candidate(request_context& context) {
    const object_body body = parse_object_body(context.body);
    if (!body.object) return v1_bad_request("Invalid request body", {body.problem});
    field_reader fields{*body.object};
    auto full_name = fields.non_empty_string("fullName");
    auto status = fields.non_empty_string("status");
    auto email = fields.nullable_email("email");
    auto contact_email = fields.nullable_email("contactEmail");
    auto phone = fields.nullable_phone("phone");
    auto summary = fields.nullable_string("summary");
    auto skills = fields.string_array("skills");
    if (!fields.problems().empty()) return v1_bad_request("Invalid field(s)", fields.problems());
    if (!fields.saw_known_field())
        return v1_bad_request("No updatable fields", {"body must contain at least one of fullName, status, email, "
                                                      "contactEmail, phone, summary, skills"});

    lead_record* lead = visible_lead(context, context.params[0]);
    if (lead == nullptr) return lead_not_found();
    if (!can_write_lead(*context.user, *lead)) return lead_forbidden();

    if (full_name) lead->full_name = std::move(*full_name);
    if (status) lead->status = std::move(*status);
    if (email) lead->email = std::move(*email);
    if (contact_email) lead->contact_email = std::move(*contact_email);
    if (phone) lead->phone = std::move(*phone);
    if (summary) lead->summary = std::move(*summary);
    if (skills) lead->skills = std::move(*skills);
    lead->updated_at = context.now_seconds();
    context.record_write();
    return json_response(http::status::ok, render(context, *lead));
}

http_response delete_potential_candidate(request_context& context) {
    const lead_record* lead = visible_lead(context, context.params[0]);
    if (lead == nullptr) return lead_not_found();
    if (!can_write_lead(*context.user, *lead)) return lead_forbidden();
    context.state.erase_lead(context.params[0]);
    context.record_write();
    return empty_response(http::status::no_content);
}

}  // namespace talentray::mock::detail
