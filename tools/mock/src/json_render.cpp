#include "json_render.hpp"

#include "fixtures.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

json::value integer_or_null(const std::optional<std::int64_t>& value) {
    if (value) return *value;
    return nullptr;
}

json::value time_or_null(const std::optional<timestamp>& value) {
    if (value) return json::string(format_seconds(*value));
    return nullptr;
}

json::array string_array(const std::vector<std::string>& values) {
    json::array result;
    result.reserve(values.size());
    for (const std::string& value : values) result.emplace_back(value);
    return result;
}

const role_record* role_by_id(const std::vector<role_record>& roles, const std::string& id) {
    for (const role_record& role : roles)
        if (role.id == id) return &role;
    return nullptr;
}

}  // namespace

json::value text_or_null(const optional_text& text) {
    if (text) return json::string(*text);
    return nullptr;
}

json::object offset_pagination(std::size_t page, std::size_t page_size, std::size_t total_count) {
    const std::size_t total_pages = (total_count + page_size - 1) / page_size;
    return json::object{{"page", page}, {"pageSize", page_size}, {"totalCount", total_count}, {"totalPages", total_pages}};
}

json::object render_candidate(const candidate_record& candidate, const std::vector<role_record>& roles) {
    json::array links;
    links.reserve(candidate.links.size());
    for (const candidate_role_link& link : candidate.links) {
        const role_record& role = roles[link.role_position];
        links.push_back(json::object{{"roleId", role.id},
                                     {"roleName", role.name},
                                     {"organizationId", role.organization_id},
                                     {"status", link.status},
                                     {"overallFitScore", link.overall_fit_score},
                                     {"approved", link.approved}});
    }
    return json::object{{"id", candidate.id},
                        {"fullName", candidate.full_name},
                        {"email", text_or_null(candidate.email)},
                        {"phone", text_or_null(candidate.phone)},
                        {"status", candidate.status},
                        {"createdAt", format_seconds(candidate.created_at)},
                        {"updatedAt", format_seconds(candidate.updated_at)},
                        {"roles", std::move(links)}};
}

json::object render_candidate_step(const candidate_step& step) {
    const role_step_record& role_step = *step.role_step;
    return json::object{{"id", step.id},
                        {"roleId", role_step.role_id},
                        {"roleStepId", role_step.id},
                        {"name", role_step.name},
                        {"order", role_step.order},
                        {"stepType", role_step.step_type},
                        {"status", step.status},
                        {"startedAt", time_or_null(step.started_at)},
                        {"completedAt", time_or_null(step.completed_at)},
                        {"validatedAt", time_or_null(step.validated_at)},
                        {"rejectedAt", time_or_null(step.rejected_at)},
                        {"validationScore", integer_or_null(step.validation_score)},
                        {"rejectionReason", text_or_null(step.rejection_reason)},
                        {"offerResponse", nullptr},
                        {"createdAt", format_seconds(step.created_at)},
                        {"updatedAt", format_seconds(step.updated_at)}};
}

json::object render_role(const role_record& role) {
    return json::object{{"id", role.id},
                        {"name", role.name},
                        {"organizationId", role.organization_id},
                        {"status", role.status},
                        {"priority", text_or_null(role.priority)},
                        {"isPublic", role.is_public},
                        {"department", text_or_null(role.department)},
                        {"location", text_or_null(role.location)},
                        {"workType", text_or_null(role.work_type)},
                        {"salaryMin", integer_or_null(role.salary_min)},
                        {"salaryMax", integer_or_null(role.salary_max)},
                        {"salaryCurrency", text_or_null(role.salary_currency)},
                        {"salaryPeriod", text_or_null(role.salary_period)},
                        {"targetHireCount", integer_or_null(role.target_hire_count)},
                        {"roleLevel", text_or_null(role.role_level)},
                        {"createdAt", format_seconds(role.created_at)},
                        {"updatedAt", format_seconds(role.updated_at)}};
}

json::object render_role_step(const role_step_record& step) {
    return json::object{{"id", step.id},
                        {"roleId", step.role_id},
                        {"name", step.name},
                        {"description", text_or_null(step.description)},
                        {"order", step.order},
                        {"stepType", step.step_type},
                        {"validationType", step.validation_type},
                        {"passingScore", integer_or_null(step.passing_score)},
                        {"isRequired", step.is_required},
                        {"allowSkip", step.allow_skip},
                        {"createdAt", format_seconds(step.created_at)},
                        {"updatedAt", format_seconds(step.updated_at)}};
}

json::object render_test(const test_record& test) {
    return json::object{{"id", test.id},
                        {"name", test.name},
                        {"type", test.type},
                        {"description", text_or_null(test.description)},
                        {"duration", integer_or_null(test.duration)},
                        {"targetPersona", text_or_null(test.target_persona)},
                        {"analysisCategory", text_or_null(test.analysis_category)},
                        {"language", text_or_null(test.language)},
                        {"isPublic", test.is_public()},
                        {"organizationIds", string_array(test.organization_ids)},
                        {"createdAt", format_seconds(test.created_at)},
                        {"updatedAt", format_seconds(test.updated_at)}};
}

json::object render_lead(const lead_record& lead, const std::vector<role_record>& roles) {
    json::array organizations;
    for (const lead_organization_link& link : lead.organizations)
        organizations.push_back(json::object{{"organizationId", link.organization_id}, {"status", link.status}});
    json::array role_links;
    for (const lead_role_link& link : lead.roles) {
        const role_record* role = role_by_id(roles, link.role_id);
        role_links.push_back(json::object{{"roleId", link.role_id},
                                          {"roleName", role != nullptr ? role->name : link.role_id},
                                          {"organizationId", link.organization_id},
                                          {"status", link.status},
                                          {"resumeFitScore", link.resume_fit_score},
                                          {"overallFitScore", link.overall_fit_score}});
    }
    return json::object{{"id", lead.id},
                        {"fullName", lead.full_name},
                        {"email", text_or_null(lead.email)},
                        {"contactEmail", text_or_null(lead.contact_email)},
                        {"phone", text_or_null(lead.phone)},
                        {"status", lead.status},
                        {"skills", string_array(lead.skills)},
                        {"summary", text_or_null(lead.summary)},
                        {"candidateId", text_or_null(lead.candidate_id)},
                        {"organizations", std::move(organizations)},
                        {"roles", std::move(role_links)},
                        {"createdAt", format_seconds(lead.created_at)},
                        {"updatedAt", format_seconds(lead.updated_at)}};
}

json::object render_portal_org(const organization_record& org, bool with_primary_color) {
    json::object theme;
    if (with_primary_color) theme["primaryColor"] = org.primary_color;
    theme["showSalary"] = org.show_salary;
    return json::object{{"name", org.name},
                        {"logo", org.logo},
                        {"slug", org.slug},
                        {"domain", org.domain},
                        {"portalTheme", std::move(theme)}};
}

json::object render_portal_role(const role_record& role, bool show_salary) {
    // The description is an opaque rich-text document in the real API; this is a minimal one.
    json::object description{
        {"type", "doc"},
        {"content", json::array{json::object{{"type", "paragraph"}, {"text", role.description_text}}}}};
    json::object result{{"id", role.id},
                        {"name", role.name},
                        {"description", std::move(description)},
                        {"department", text_or_null(role.department)},
                        {"location", text_or_null(role.location)},
                        {"workType", text_or_null(role.work_type)},
                        {"collarType", text_or_null(role.collar_type)}};
    if (show_salary) {
        result["salaryMin"] = integer_or_null(role.salary_min);
        result["salaryMax"] = integer_or_null(role.salary_max);
        result["salaryCurrency"] = text_or_null(role.salary_currency);
        result["salaryPeriod"] = text_or_null(role.salary_period);
    }
    result["createdAt"] = format_seconds(role.created_at);
    return result;
}

json::object render_api_key(const api_key_record& key, const user_record& owner) {
    return json::object{{"id", key.id},
                        {"name", key.name},
                        {"prefix", "tr_"},
                        {"start", key.key.substr(0, 7)},
                        {"enabled", true},
                        {"createdAt", format_seconds(key.created_at)},
                        {"updatedAt", format_seconds(key.updated_at)},
                        {"lastRequest", time_or_null(key.last_request)},
                        {"expiresAt", time_or_null(key.expires_at)},
                        {"requestCount", key.request_count},
                        {"owner", json::object{{"id", owner.id},
                                               {"email", owner.email},
                                               {"name", owner.name},
                                               {"platformRole", owner.platform_role},
                                               {"orgRole", text_or_null(owner.org_role)},
                                               {"organizationId", text_or_null(owner.organization_id)}}}};
}

json::object render_created_key(const api_key_record& key) {
    return json::object{{"id", key.id},
                        {"name", key.name},
                        {"key", key.key},
                        {"prefix", "tr_"},
                        {"start", key.key.substr(0, 7)},
                        {"expiresAt", time_or_null(key.expires_at)},
                        {"userId", key.owner_user_id}};
}

json::object render_usage_key(const api_key_record& key, const user_record& owner) {
    return json::object{{"id", key.id},
                        {"name", key.name},
                        {"createdAt", format_seconds(key.created_at)},
                        {"lastRequest", time_or_null(key.last_request)},
                        {"requestCount", key.request_count},
                        {"owner", json::object{{"id", owner.id}, {"email", owner.email}, {"name", owner.name}}}};
}

std::string format_usage_time(timestamp t, std::chrono::milliseconds resolution) {
    return resolution == std::chrono::milliseconds{1} ? format_milliseconds(t) : format_seconds(t);
}

json::object render_usage_row(const usage_row& row, std::chrono::milliseconds resolution) {
    return json::object{{"id", usage_row_id(row.sequence)},
                        {"timestamp", format_usage_time(row.at, resolution)},
                        {"method", row.method},
                        {"path", row.path},
                        {"ip", text_or_null(row.ip)},
                        {"userAgent", text_or_null(row.user_agent)},
                        {"authEndpoint", nullptr}};
}

}  // namespace talentray::mock::detail
