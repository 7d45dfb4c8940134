// validate() and to_query() of the list endpoints' parameters.
#include <talentray/model/params.hpp>

#include "model/field_checks.hpp"

namespace talentray {
namespace {

using model_checks::field_checks;

void check_paging(field_checks& checks, std::int64_t page, int page_size) {
    checks.check(page >= 0, "page", "must be >= 0, got " + std::to_string(page));
    checks.in_range("page_size", page_size, 1, max_page_size);
}

void check_filter(field_checks& checks, std::string_view field, const std::optional<std::string>& value) {
    checks.check(!value || !value->empty(), field, "must not be empty (leave it unset to not filter)");
}

query_params paging_query(std::int64_t page, int page_size) {
    return {{"page", std::to_string(page)}, {"pageSize", std::to_string(page_size)}};
}

void add_filter(query_params& query, std::string_view name, const std::optional<std::string>& value) {
    if (value) query.push_back({std::string(name), *value});
}

}  // namespace

result<void> list_candidates_params::validate() const {
    field_checks checks{"list_candidates_params"};
    check_filter(checks, "role_id", role_id);
    check_paging(checks, page, page_size);
    return checks.outcome();
}

result<query_params> list_candidates_params::to_query() const {
    if (auto valid = validate(); !valid) return valid.error();
    query_params query = paging_query(page, page_size);
    add_filter(query, "roleId", role_id);
    return query;
}

result<void> list_roles_params::validate() const {
    field_checks checks{"list_roles_params"};
    check_filter(checks, "organization_id", organization_id);
    check_filter(checks, "status", status);
    check_paging(checks, page, page_size);
    return checks.outcome();
}

result<query_params> list_roles_params::to_query() const {
    if (auto valid = validate(); !valid) return valid.error();
    query_params query = paging_query(page, page_size);
    add_filter(query, "organizationId", organization_id);
    add_filter(query, "status", status);
    return query;
}

result<void> list_tests_params::validate() const {
    field_checks checks{"list_tests_params"};
    check_filter(checks, "type", type);
    check_filter(checks, "analysis_category", analysis_category);
    check_filter(checks, "language", language);
    check_paging(checks, page, page_size);
    return checks.outcome();
}

result<query_params> list_tests_params::to_query() const {
    if (auto valid = validate(); !valid) return valid.error();
    query_params query = paging_query(page, page_size);
    add_filter(query, "type", type);
    add_filter(query, "analysisCategory", analysis_category);
    add_filter(query, "language", language);
    return query;
}

result<void> list_potential_candidates_params::validate() const {
    field_checks checks{"list_potential_candidates_params"};
    check_filter(checks, "role_id", role_id);
    check_filter(checks, "status", status);
    check_paging(checks, page, page_size);
    return checks.outcome();
}

result<query_params> list_potential_candidates_params::to_query() const {
    if (auto valid = validate(); !valid) return valid.error();
    query_params query = paging_query(page, page_size);
    add_filter(query, "roleId", role_id);
    add_filter(query, "status", status);
    return query;
}

result<void> cv_screening_batch_params::validate() const {
    field_checks checks{"cv_screening_batch_params"};
    check_paging(checks, page, page_size);
    return checks.outcome();
}

result<query_params> cv_screening_batch_params::to_query() const {
    if (auto valid = validate(); !valid) return valid.error();
    return paging_query(page, page_size);
}

result<void> api_key_usage_params::validate() const {
    field_checks checks{"api_key_usage_params"};
    checks.in_range("limit", limit, 1, max_usage_limit);
    return checks.outcome();
}

result<query_params> api_key_usage_params::to_query() const {
    if (auto valid = validate(); !valid) return valid.error();
    query_params query{{"limit", std::to_string(limit)}};
    if (before) query.push_back({"before", before->to_string()});
    return query;
}

}  // namespace talentray
