#include "export_resource.hpp"

#include <talentray/model/operation.hpp>

#include <array>
#include <stdexcept>
#include <string>

namespace talentray::cli {
namespace {

using op = talentray::operation;

// The columns follow the field order of the contract's schemas (§8), so a CSV export of the same
// list always has the same header whatever the server adds later (new fields go to JSON Lines).
constexpr std::array<std::string_view, 8> candidate_columns{
    "id", "fullName", "email", "phone", "status", "createdAt", "updatedAt", "roles"};
constexpr std::array<std::string_view, 17> role_columns{
    "id",        "name",           "organizationId", "status",    "priority",     "isPublic",
    "department", "location",      "workType",       "salaryMin", "salaryMax",    "salaryCurrency",
    "salaryPeriod", "targetHireCount", "roleLevel",  "createdAt", "updatedAt"};
constexpr std::array<std::string_view, 12> test_columns{
    "id",       "name",     "type",     "description", "duration",  "targetPersona",
    "analysisCategory", "language", "isPublic", "organizationIds", "createdAt", "updatedAt"};
constexpr std::array<std::string_view, 13> lead_columns{
    "id",          "fullName",      "email", "contactEmail", "phone",     "status",   "skills",
    "summary",     "candidateId",   "organizations", "roles", "createdAt", "updatedAt"};
constexpr std::array<std::string_view, 7> usage_columns{
    "id", "timestamp", "method", "path", "ip", "userAgent", "authEndpoint"};

constexpr std::array<list_filter, 1> candidate_filters{
    list_filter{"--role-id", "roleId", "only candidates actively assigned to this role"}};
constexpr std::array<list_filter, 2> role_filters{
    list_filter{"--organization-id", "organizationId", "only roles of this organization"},
    list_filter{"--status", "status", "only roles with this status, e.g. open"}};
constexpr std::array<list_filter, 3> test_filters{
    list_filter{"--type", "type", "only tests of this type, e.g. multiple_choice"},
    list_filter{"--analysis-category", "analysisCategory", "only this analysis category, e.g. hard_skill"},
    list_filter{"--language", "language", "only tests in this language (ISO 639-1, e.g. en)"}};
constexpr std::array<list_filter, 2> lead_filters{
    list_filter{"--role-id", "roleId", "only leads linked to this role"},
    list_filter{"--status", "status", "only leads with this status, e.g. parsed"}};
constexpr std::array<list_filter, 1> usage_filters{
    list_filter{"--before", "before", "only requests older than this ISO 8601 time"}};

constexpr std::array<export_resource, 6> resources{{
    {"candidates", op::list_candidates, "", "", candidate_filters, candidate_columns,
     "every candidate the key can see"},
    {"roles", op::list_roles, "", "", role_filters, role_columns, "every role the key can see"},
    {"tests", op::list_tests, "", "", test_filters, test_columns, "every test the key can see (metadata)"},
    {"sourcing", op::list_potential_candidates, "", "", lead_filters, lead_columns,
     "every potential candidate (lead) the key can see"},
    {"cv-screening-batch", op::get_cv_screening_batch, "batchId", "the batch id, e.g. batch_2026_06_01", {},
     lead_columns, "the visible members of one CV-screening batch"},
    {"key-usage", op::get_api_key_usage, "id", "the API key id, e.g. apikey_xyz789", usage_filters, usage_columns,
     "the request log of one API key, newest first (admin)"},
}};

}  // namespace

std::span<const export_resource> export_resources() noexcept { return resources; }

const export_resource* find_export_resource(std::string_view name) noexcept {
    for (const export_resource& resource : resources)
        if (resource.name == name) return &resource;
    return nullptr;
}

const export_resource& export_resource_named(std::string_view name) {
    if (const export_resource* resource = find_export_resource(name)) return *resource;
    throw std::logic_error("no exportable list is called " + std::string(name));
}

}  // namespace talentray::cli
