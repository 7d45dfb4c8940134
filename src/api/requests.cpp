// The request of each operation, exactly as the contract's endpoint pages describe it.
#include "api/requests.hpp"

#include <talentray/model/url.hpp>

#include <initializer_list>
#include <string>
#include <utility>

namespace talentray::detail::wire {
namespace {

using boost::beast::http::verb;

// The operation of the table (model/operation.hpp) with this method and path template. Only
// ever evaluated at compile time: a route missing from the table does not build.
consteval operation operation_of(verb method, std::string_view path_template) {
    for (const operation_info& info : operations)
        if (info.method == method && info.path_template == path_template) return info.op;
    throw "no operation in the table has this method and path template";
}

// An operation's method and path template, as in the contract's operation index.
struct route {
    consteval route(verb method_, std::string_view path_template_)
        : method(method_), path_template(path_template_), op(operation_of(method_, path_template_)) {}
    verb method;
    std::string_view path_template;
    operation op;  // reported to the client's observer, with its path template
};

// Every refusal names the request it was meant to become, so that a caller who only sees the
// error (a log line, an exception far up the stack) knows which call was refused.
error_info refuse(const route& to, error_info failure) {
    failure.diag.method = std::string(boost::beast::http::to_string(to.method));
    failure.diag.path = std::string(to.path_template);
    return failure;
}

// The request with its path parameters encoded into the path: an id such as "../x" or "a?b"
// stays one segment of the documented path.
result<request_spec> start(const route& to, std::initializer_list<path_param> path_params) {
    auto path = build_path(to.path_template, path_params);
    if (!path) return refuse(to, std::move(path).error());
    request_spec spec;
    spec.method = to.method;
    spec.path = std::move(*path);
    spec.operation = to.op;
    return spec;
}

template <class Params>
result<request_spec> with_query(const route& to, result<request_spec> spec, const Params& params) {
    if (!spec) return spec;
    auto query = params.to_query();  // validates first
    if (!query) return refuse(to, std::move(query).error());
    spec->query = std::move(*query);
    return spec;
}

template <class Body>
result<request_spec> with_body(const route& to, result<request_spec> spec, const Body& body) {
    if (!spec) return spec;
    if (auto valid = body.validate(); !valid) return refuse(to, std::move(valid).error());
    spec->body = encode(body);
    return spec;
}

// A POST may have taken effect even when its answer was lost, so it is never replayed.
result<request_spec> not_replayable(result<request_spec> spec) {
    if (spec) spec->idempotent = false;
    return spec;
}

// The career portal is public: the request carries no credentials even when the client has a
// key, so a portal call can never leak the key to a page meant for applicants.
result<request_spec> without_credentials(result<request_spec> spec) {
    if (spec) spec->authenticated = false;
    return spec;
}

}  // namespace

// --- API keys -------------------------------------------------------------------------------

result<request_spec> create_api_key(const create_api_key_request& body) {
    constexpr route to{verb::post, "/api/admin/api-keys"};
    return not_replayable(with_body(to, start(to, {}), body));
}

result<request_spec> list_api_keys() { return start({verb::get, "/api/admin/api-keys"}, {}); }

result<request_spec> revoke_api_key(std::string_view key_id) {
    return start({verb::delete_, "/api/admin/api-keys/{id}"}, {{"id", key_id}});
}

result<request_spec> get_api_key_usage(std::string_view key_id, const api_key_usage_params& params) {
    constexpr route to{verb::get, "/api/admin/api-keys/{id}/usage"};
    return with_query(to, start(to, {{"id", key_id}}), params);
}

// --- Career portal --------------------------------------------------------------------------

result<request_spec> get_career_portal(std::string_view org_slug) {
    return without_credentials(start({verb::get, "/api/public/portal/{orgSlug}"}, {{"orgSlug", org_slug}}));
}

result<request_spec> get_public_job(std::string_view org_slug, std::string_view role_id) {
    return without_credentials(start({verb::get, "/api/public/portal/{orgSlug}/roles/{roleId}"},
                                     {{"orgSlug", org_slug}, {"roleId", role_id}}));
}

result<request_spec> apply_to_public_job(std::string_view org_slug, const apply_request& body) {
    constexpr route to{verb::post, "/api/public/portal/{orgSlug}/apply"};
    return without_credentials(not_replayable(with_body(to, start(to, {{"orgSlug", org_slug}}), body)));
}

// --- Identity -------------------------------------------------------------------------------

result<request_spec> get_me() { return start({verb::get, "/api/v1/me"}, {}); }

// --- Candidates -----------------------------------------------------------------------------

result<request_spec> list_candidates(const list_candidates_params& params) {
    constexpr route to{verb::get, "/api/v1/candidates"};
    return with_query(to, start(to, {}), params);
}

result<request_spec> get_candidate(std::string_view id) {
    return start({verb::get, "/api/v1/candidates/{id}"}, {{"id", id}});
}

result<request_spec> update_candidate(std::string_view id, const candidate_update& body) {
    constexpr route to{verb::patch, "/api/v1/candidates/{id}"};
    return with_body(to, start(to, {{"id", id}}), body);
}

result<request_spec> list_candidate_steps(std::string_view id) {
    return start({verb::get, "/api/v1/candidates/{id}/steps"}, {{"id", id}});
}

// --- Roles ----------------------------------------------------------------------------------

result<request_spec> list_roles(const list_roles_params& params) {
    constexpr route to{verb::get, "/api/v1/roles"};
    return with_query(to, start(to, {}), params);
}

result<request_spec> get_role(std::string_view id) { return start({verb::get, "/api/v1/roles/{id}"}, {{"id", id}}); }

result<request_spec> update_role(std::string_view id, const role_update& body) {
    constexpr route to{verb::patch, "/api/v1/roles/{id}"};
    return with_body(to, start(to, {{"id", id}}), body);
}

result<request_spec> list_role_steps(std::string_view id) {
    return start({verb::get, "/api/v1/roles/{id}/steps"}, {{"id", id}});
}

// --- Tests ----------------------------------------------------------------------------------

result<request_spec> list_tests(const list_tests_params& params) {
    constexpr route to{verb::get, "/api/v1/tests"};
    return with_query(to, start(to, {}), params);
}

result<request_spec> get_test(std::string_view id) { return start({verb::get, "/api/v1/tests/{id}"}, {{"id", id}}); }

result<request_spec> update_test(std::string_view id, const test_update& body) {
    constexpr route to{verb::patch, "/api/v1/tests/{id}"};
    return with_body(to, start(to, {{"id", id}}), body);
}

// --- Sourcing -------------------------------------------------------------------------------

result<request_spec> list_potential_candidates(const list_potential_candidates_params& params) {
    constexpr route to{verb::get, "/api/v1/sourcing"};
    return with_query(to, start(to, {}), params);
}

result<request_spec> get_potential_candidate(std::string_view id) {
    return start({verb::get, "/api/v1/sourcing/{id}"}, {{"id", id}});
}

result<request_spec> create_potential_candidate(const potential_candidate_create& body) {
    constexpr route to{verb::post, "/api/v1/sourcing"};
    return not_replayable(with_body(to, start(to, {}), body));
}

result<request_spec> update_potential_candidate(std::string_view id, const potential_candidate_update& body) {
    constexpr route to{verb::patch, "/api/v1/sourcing/{id}"};
    return with_body(to, start(to, {{"id", id}}), body);
}

result<request_spec> delete_potential_candidate(std::string_view id) {
    return start({verb::delete_, "/api/v1/sourcing/{id}"}, {{"id", id}});
}

// --- CV screening ---------------------------------------------------------------------------

result<request_spec> get_cv_screening_batch(std::string_view batch_id, const cv_screening_batch_params& params) {
    constexpr route to{verb::get, "/api/v1/cv-screening/batches/{batchId}"};
    return with_query(to, start(to, {{"batchId", batch_id}}), params);
}

}  // namespace talentray::detail::wire
