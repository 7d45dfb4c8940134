// What each of the 25 operations puts on the wire, built without I/O.
//
// Every function checks its input first (non-empty path parameters, `validate()` of the body and
// of the query parameters) and returns `errc::invalid_argument` naming the field, with the
// method and the path template in the diagnostics, so that nothing is sent for bad input.
// Otherwise it returns the request exactly as the contract describes it: method, percent-encoded
// path (a hostile id stays one path segment), query names, body field names, and no credentials
// for the public career-portal operations. POSTs are never marked idempotent.
//
// The functions are named after the operations (`model/operation.hpp`) and throw only
// std::bad_alloc.
#pragma once

#include <talentray/error.hpp>
#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/params.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>
#include <talentray/request.hpp>

#include <string_view>

namespace talentray::detail::wire {

// API keys (/api/admin, the owner must be a platform admin).
result<request_spec> create_api_key(const create_api_key_request& body);
result<request_spec> list_api_keys();
result<request_spec> revoke_api_key(std::string_view key_id);
result<request_spec> get_api_key_usage(std::string_view key_id, const api_key_usage_params& params);

// Career portal (/api/public, no credentials).
result<request_spec> get_career_portal(std::string_view org_slug);
result<request_spec> get_public_job(std::string_view org_slug, std::string_view role_id);
result<request_spec> apply_to_public_job(std::string_view org_slug, const apply_request& body);

// Identity.
result<request_spec> get_me();

// Candidates and their pipeline.
result<request_spec> list_candidates(const list_candidates_params& params);
result<request_spec> get_candidate(std::string_view id);
result<request_spec> update_candidate(std::string_view id, const candidate_update& body);
result<request_spec> list_candidate_steps(std::string_view id);

// Roles and their pipeline template.
result<request_spec> list_roles(const list_roles_params& params);
result<request_spec> get_role(std::string_view id);
result<request_spec> update_role(std::string_view id, const role_update& body);
result<request_spec> list_role_steps(std::string_view id);

// Tests.
result<request_spec> list_tests(const list_tests_params& params);
result<request_spec> get_test(std::string_view id);
result<request_spec> update_test(std::string_view id, const test_update& body);

// Sourcing (potential candidates).
result<request_spec> list_potential_candidates(const list_potential_candidates_params& params);
result<request_spec> get_potential_candidate(std::string_view id);
result<request_spec> create_potential_candidate(const potential_candidate_create& body);
result<request_spec> update_potential_candidate(std::string_view id, const potential_candidate_update& body);
result<request_spec> delete_potential_candidate(std::string_view id);

// CV screening.
result<request_spec> get_cv_screening_batch(std::string_view batch_id, const cv_screening_batch_params& params);

}  // namespace talentray::detail::wire
