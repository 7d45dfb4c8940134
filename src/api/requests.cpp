// The request of each operation, started from its row of the operation table
// (model/operation.hpp): the method, the path template and whether credentials are sent are
// written there and nowhere else.
#include "api/requests.hpp"

#include "model/url.hpp"

#include <initializer_list>
#include <string>
#include <utility>

namespace talentray::detail::wire {
namespace {

// Every refusal names the request it was meant to become, so that a caller who only sees the
// error (a log line, an exception far up the stack) knows which call was refused.
error_info refuse(const operation_info& to, error_info failure) {
    failure.diag.method = std::string(boost::beast::http::to_string(to.method));
    failure.diag.path = std::string(to.path_template);
    return failure;
}

template <class Params>
result<request_spec> with_query(const operation_info& to, result<request_spec> spec, const Params& params) {
    if (!spec) return spec;
    auto query = params.to_query();  // validates first
    if (!query) return refuse(to, std::move(query).error());
    spec->query = std::move(*query);
    return spec;
}

template <class Body>
result<request_spec> with_body(const operation_info& to, result<request_spec> spec, const Body& body) {
    if (!spec) return spec;
    if (auto valid = body.validate(); !valid) return refuse(to, std::move(valid).error());
    spec->body = encode(body);
    return spec;
}

}  // namespace

}  // namespace talentray::detail::wire

namespace talentray {

// The request with its path parameters encoded into the path: an id such as "../x" or "a?b"
// stays one segment of the documented path. The public career-portal operations carry no
// credentials even when the client has a key, so a portal call can never leak the key to a page
// meant for applicants.
result<request_spec> request_spec::of(talentray::operation op, std::initializer_list<path_param> path_params) {
    const operation_info& to = describe(op);
    auto path = build_path(to.path_template, path_params);
    if (!path) return detail::wire::refuse(to, std::move(path).error());
    request_spec spec;
    spec.method = to.method;
    spec.path = std::move(*path);
    spec.operation = to.op;  // reported to the client's observer, with its path template
    spec.authenticated = to.auth != auth_kind::none;
    // A POST may have taken effect even when its response was lost, so it is never replayed.
    if (to.method == http_method::post) spec.idempotent = false;
    return spec;
}

}  // namespace talentray

namespace talentray::detail::wire {

// --- API keys -------------------------------------------------------------------------------

result<request_spec> create_api_key(const create_api_key_request& body) {
    const operation_info& to = describe(operation::create_api_key);
    return with_body(to, request_spec::of(to.op, {}), body);
}

result<request_spec> list_api_keys() { return request_spec::of(operation::list_api_keys, {}); }

result<request_spec> revoke_api_key(std::string_view key_id) {
    return request_spec::of(operation::revoke_api_key, {{"id", key_id}});
}

result<request_spec> get_api_key_usage(std::string_view key_id, const api_key_usage_params& params) {
    const operation_info& to = describe(operation::get_api_key_usage);
    return with_query(to, request_spec::of(to.op, {{"id", key_id}}), params);
}

// --- Career portal --------------------------------------------------------------------------

result<request_spec> get_career_portal(std::string_view org_slug) {
    return request_spec::of(operation::get_career_portal, {{"orgSlug", org_slug}});
}

result<request_spec> get_public_job(std::string_view org_slug, std::string_view role_id) {
    return request_spec::of(operation::get_public_job, {{"orgSlug", org_slug}, {"roleId", role_id}});
}

result<request_spec> apply_to_public_job(std::string_view org_slug, const apply_request& body) {
    const operation_info& to = describe(operation::apply_to_public_job);
    return with_body(to, request_spec::of(to.op, {{"orgSlug", org_slug}}), body);
}

// --- Identity -------------------------------------------------------------------------------

result<request_spec> get_me() { return request_spec::of(operation::get_me, {}); }

// --- Candidates -----------------------------------------------------------------------------

result<request_spec> list_candidates(const list_candidates_params& params) {
    const operation_info& to = describe(operation::list_candidates);
    return with_query(to, request_spec::of(to.op, {}), params);
}

result<request_spec> get_candidate(std::string_view id) {
    return request_spec::of(operation::get_candidate, {{"id", id}});
}

result<request_spec> update_candidate(std::string_view id, const candidate_update& body) {
    const operation_info& to = describe(operation::update_candidate);
    return with_body(to, request_spec::of(to.op, {{"id", id}}), body);
}

result<request_spec> list_candidate_steps(std::string_view id) {
    return request_spec::of(operation::list_candidate_steps, {{"id", id}});
}

// --- Roles ----------------------------------------------------------------------------------

result<request_spec> list_roles(const list_roles_params& params) {
    const operation_info& to = describe(operation::list_roles);
    return with_query(to, request_spec::of(to.op, {}), params);
}

result<request_spec> get_role(std::string_view id) { return request_spec::of(operation::get_role, {{"id", id}}); }

result<request_spec> update_role(std::string_view id, const role_update& body) {
    const operation_info& to = describe(operation::update_role);
    return with_body(to, request_spec::of(to.op, {{"id", id}}), body);
}

result<request_spec> list_role_steps(std::string_view id) {
    return request_spec::of(operation::list_role_steps, {{"id", id}});
}

// --- Tests ----------------------------------------------------------------------------------

result<request_spec> list_tests(const list_tests_params& params) {
    const operation_info& to = describe(operation::list_tests);
    return with_query(to, request_spec::of(to.op, {}), params);
}

result<request_spec> get_test(std::string_view id) { return request_spec::of(operation::get_test, {{"id", id}}); }

result<request_spec> update_test(std::string_view id, const test_update& body) {
    const operation_info& to = describe(operation::update_test);
    return with_body(to, request_spec::of(to.op, {{"id", id}}), body);
}

// --- Sourcing -------------------------------------------------------------------------------

result<request_spec> list_potential_candidates(const list_potential_candidates_params& params) {
    const operation_info& to = describe(operation::list_potential_candidates);
    return with_query(to, request_spec::of(to.op, {}), params);
}

result<request_spec> get_potential_candidate(std::string_view id) {
    return request_spec::of(operation::get_potential_candidate, {{"id", id}});
}

result<request_spec> create_potential_candidate(const potential_candidate_create& body) {
    const operation_info& to = describe(operation::create_potential_candidate);
    return with_body(to, request_spec::of(to.op, {}), body);
}

result<request_spec> update_potential_candidate(std::string_view id, const potential_candidate_update& body) {
    const operation_info& to = describe(operation::update_potential_candidate);
    return with_body(to, request_spec::of(to.op, {{"id", id}}), body);
}

result<request_spec> delete_potential_candidate(std::string_view id) {
    return request_spec::of(operation::delete_potential_candidate, {{"id", id}});
}

// --- CV screening ---------------------------------------------------------------------------

result<request_spec> get_cv_screening_batch(std::string_view batch_id, const cv_screening_batch_params& params) {
    const operation_info& to = describe(operation::get_cv_screening_batch);
    return with_query(to, request_spec::of(to.op, {{"batchId", batch_id}}), params);
}

}  // namespace talentray::detail::wire
