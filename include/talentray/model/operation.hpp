// talentray/model/operation.hpp — the API's 25 operations as a compile-time table.
#pragma once

#include <talentray/http_method.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace talentray {

/// Every operation of the API, in the order of the contract's operation index.
enum class operation {
    create_api_key,
    list_api_keys,
    revoke_api_key,
    get_api_key_usage,
    get_career_portal,
    get_public_job,
    apply_to_public_job,
    get_me,
    list_candidates,
    get_candidate,
    update_candidate,
    list_candidate_steps,
    list_roles,
    get_role,
    update_role,
    list_role_steps,
    list_tests,
    get_test,
    update_test,
    list_potential_candidates,
    get_potential_candidate,
    create_potential_candidate,
    update_potential_candidate,
    delete_potential_candidate,
    get_cv_screening_batch,
};

/// The credential an operation needs.
enum class auth_kind {
    api_key,  ///< any valid API key (scope-gated on /api/v1)
    admin,    ///< an API key whose owner has the platform admin role; no scopes involved
    none,     ///< public: no credentials are sent (the contract calls this "public")
};

/// How an operation returns lists.
enum class pagination_kind {
    none,    ///< a single object
    offset,  ///< `page`/`pageSize` with `{data, pagination}`
    cursor,  ///< `limit`/`before` following `nextBefore`
    full,    ///< the complete list in one response
};

/// What the contract says about one operation.
struct operation_info {
    operation op;
    http_method method;               ///< GET, POST, PATCH or DELETE
    std::string_view path_template;   ///< with `{name}` placeholders, e.g. "/api/v1/candidates/{id}"
    std::string_view required_scope;  ///< empty when none is needed
    auth_kind auth;
    pagination_kind pagination;
    int success_status;         ///< the documented 2xx status (the SDK accepts any 2xx)
    std::string_view sdk_name;  ///< e.g. "list_candidates"
    std::string_view tag;       ///< the documentation group, e.g. "Candidates"
};

/// The table, indexed by `operation` (checked where the library is built, model/operation.cpp).
inline constexpr std::array<operation_info, 25> operations{{
    // clang-format off
    {operation::create_api_key, http_method::post, "/api/admin/api-keys", "", auth_kind::admin, pagination_kind::none, 200, "create_api_key", "API Keys"},
    {operation::list_api_keys, http_method::get, "/api/admin/api-keys", "", auth_kind::admin, pagination_kind::full, 200, "list_api_keys", "API Keys"},
    {operation::revoke_api_key, http_method::delete_, "/api/admin/api-keys/{id}", "", auth_kind::admin, pagination_kind::none, 200, "revoke_api_key", "API Keys"},
    {operation::get_api_key_usage, http_method::get, "/api/admin/api-keys/{id}/usage", "", auth_kind::admin, pagination_kind::cursor, 200, "get_api_key_usage", "API Keys"},
    {operation::get_career_portal, http_method::get, "/api/public/portal/{orgSlug}", "", auth_kind::none, pagination_kind::none, 200, "get_career_portal", "Career Portal"},
    {operation::get_public_job, http_method::get, "/api/public/portal/{orgSlug}/roles/{roleId}", "", auth_kind::none, pagination_kind::none, 200, "get_public_job", "Career Portal"},
    {operation::apply_to_public_job, http_method::post, "/api/public/portal/{orgSlug}/apply", "", auth_kind::none, pagination_kind::none, 200, "apply_to_public_job", "Career Portal"},
    {operation::get_me, http_method::get, "/api/v1/me", "", auth_kind::api_key, pagination_kind::none, 200, "get_me", "Identity"},
    {operation::list_candidates, http_method::get, "/api/v1/candidates", "candidates:read", auth_kind::api_key, pagination_kind::offset, 200, "list_candidates", "Candidates"},
    {operation::get_candidate, http_method::get, "/api/v1/candidates/{id}", "candidates:read", auth_kind::api_key, pagination_kind::none, 200, "get_candidate", "Candidates"},
    {operation::update_candidate, http_method::patch, "/api/v1/candidates/{id}", "candidates:write", auth_kind::api_key, pagination_kind::none, 200, "update_candidate", "Candidates"},
    {operation::list_candidate_steps, http_method::get, "/api/v1/candidates/{id}/steps", "pipeline:read", auth_kind::api_key, pagination_kind::full, 200, "list_candidate_steps", "Pipeline"},
    {operation::list_roles, http_method::get, "/api/v1/roles", "roles:read", auth_kind::api_key, pagination_kind::offset, 200, "list_roles", "Roles"},
    {operation::get_role, http_method::get, "/api/v1/roles/{id}", "roles:read", auth_kind::api_key, pagination_kind::none, 200, "get_role", "Roles"},
    {operation::update_role, http_method::patch, "/api/v1/roles/{id}", "roles:write", auth_kind::api_key, pagination_kind::none, 200, "update_role", "Roles"},
    {operation::list_role_steps, http_method::get, "/api/v1/roles/{id}/steps", "pipeline:read", auth_kind::api_key, pagination_kind::full, 200, "list_role_steps", "Pipeline"},
    {operation::list_tests, http_method::get, "/api/v1/tests", "tests:read", auth_kind::api_key, pagination_kind::offset, 200, "list_tests", "Tests"},
    {operation::get_test, http_method::get, "/api/v1/tests/{id}", "tests:read", auth_kind::api_key, pagination_kind::none, 200, "get_test", "Tests"},
    {operation::update_test, http_method::patch, "/api/v1/tests/{id}", "tests:write", auth_kind::api_key, pagination_kind::none, 200, "update_test", "Tests"},
    {operation::list_potential_candidates, http_method::get, "/api/v1/sourcing", "sourcing:read", auth_kind::api_key, pagination_kind::offset, 200, "list_potential_candidates", "Sourcing"},
    {operation::get_potential_candidate, http_method::get, "/api/v1/sourcing/{id}", "sourcing:read", auth_kind::api_key, pagination_kind::none, 200, "get_potential_candidate", "Sourcing"},
    {operation::create_potential_candidate, http_method::post, "/api/v1/sourcing", "sourcing:write", auth_kind::api_key, pagination_kind::none, 201, "create_potential_candidate", "Sourcing"},
    {operation::update_potential_candidate, http_method::patch, "/api/v1/sourcing/{id}", "sourcing:write", auth_kind::api_key, pagination_kind::none, 200, "update_potential_candidate", "Sourcing"},
    {operation::delete_potential_candidate, http_method::delete_, "/api/v1/sourcing/{id}", "sourcing:write", auth_kind::api_key, pagination_kind::none, 204, "delete_potential_candidate", "Sourcing"},
    {operation::get_cv_screening_batch, http_method::get, "/api/v1/cv-screening/batches/{batchId}", "cv-screening:read", auth_kind::api_key, pagination_kind::offset, 200, "get_cv_screening_batch", "CV Screening"},
    // clang-format on
}};

/// The contract's description of `op`.
constexpr const operation_info& describe(operation op) noexcept {
    return operations[static_cast<std::size_t>(op)];
}

/// The scope a key needs for `op` (e.g. "candidates:read"), or empty when none is needed
/// (`get_me`, the admin and the public operations).
constexpr std::string_view required_scope(operation op) noexcept {
    return describe(op).required_scope;
}

/// True when a key with `granted_scopes` (as in `me().auth.scopes`) may call `op` as far as
/// scopes go. Scopes are compared literally: a `:write` scope does not imply `:read`.
/// (The owner's role and visibility rules may still refuse the call.)
bool scopes_allow(operation op, std::span<const std::string> granted_scopes) noexcept;

/// The contract's word for an auth kind: "api_key", "admin", "public".
constexpr std::string_view to_string(auth_kind auth) noexcept {
    switch (auth) {
    case auth_kind::api_key: return "api_key";
    case auth_kind::admin: return "admin";
    case auth_kind::none: return "public";
    }
    return "";
}

/// The contract's word for a pagination kind: "none", "offset", "cursor", "full".
constexpr std::string_view to_string(pagination_kind pagination) noexcept {
    switch (pagination) {
    case pagination_kind::none: return "none";
    case pagination_kind::offset: return "offset";
    case pagination_kind::cursor: return "cursor";
    case pagination_kind::full: return "full";
    }
    return "";
}

}  // namespace talentray
