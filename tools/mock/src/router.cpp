#include "router.hpp"

#include "handlers.hpp"

#include <array>

namespace talentray::mock::detail {
namespace {

using enum api_family;
using http::verb;

constexpr std::array routes{
    route{verb::post, "/api/admin/api-keys", "POST /api/admin/api-keys", legacy_admin, "", create_api_key},
    route{verb::get, "/api/admin/api-keys", "GET /api/admin/api-keys", legacy_admin, "", list_api_keys},
    route{verb::delete_, "/api/admin/api-keys/{id}", "DELETE /api/admin/api-keys/{id}", legacy_admin, "",
          revoke_api_key},
    route{verb::get, "/api/admin/api-keys/{id}/usage", "GET /api/admin/api-keys/{id}/usage", legacy_admin, "",
          get_api_key_usage},
    route{verb::get, "/api/public/portal/{orgSlug}", "GET /api/public/portal/{orgSlug}", public_portal, "",
          get_career_portal},
    route{verb::get, "/api/public/portal/{orgSlug}/roles/{roleId}", "GET /api/public/portal/{orgSlug}/roles/{roleId}",
          public_portal, "", get_public_job},
    route{verb::post, "/api/public/portal/{orgSlug}/apply", "POST /api/public/portal/{orgSlug}/apply", public_portal,
          "", apply_to_public_job},
    route{verb::get, "/api/v1/me", "GET /api/v1/me", v1, "", get_me},
    route{verb::get, "/api/v1/candidates", "GET /api/v1/candidates", v1, "candidates:read", list_candidates},
    route{verb::get, "/api/v1/candidates/{id}", "GET /api/v1/candidates/{id}", v1, "candidates:read", get_candidate},
    route{verb::patch, "/api/v1/candidates/{id}", "PATCH /api/v1/candidates/{id}", v1, "candidates:write",
          update_candidate},
    route{verb::get, "/api/v1/candidates/{id}/steps", "GET /api/v1/candidates/{id}/steps", v1, "pipeline:read",
          list_candidate_steps},
    route{verb::get, "/api/v1/roles", "GET /api/v1/roles", v1, "roles:read", list_roles},
    route{verb::get, "/api/v1/roles/{id}", "GET /api/v1/roles/{id}", v1, "roles:read", get_role},
    route{verb::patch, "/api/v1/roles/{id}", "PATCH /api/v1/roles/{id}", v1, "roles:write", update_role},
    route{verb::get, "/api/v1/roles/{id}/steps", "GET /api/v1/roles/{id}/steps", v1, "pipeline:read", list_role_steps},
    route{verb::get, "/api/v1/tests", "GET /api/v1/tests", v1, "tests:read", list_tests},
    route{verb::get, "/api/v1/tests/{id}", "GET /api/v1/tests/{id}", v1, "tests:read", get_test},
    route{verb::patch, "/api/v1/tests/{id}", "PATCH /api/v1/tests/{id}", v1, "tests:write", update_test},
    route{verb::get, "/api/v1/sourcing", "GET /api/v1/sourcing", v1, "sourcing:read", list_potential_candidates},
    route{verb::get, "/api/v1/sourcing/{id}", "GET /api/v1/sourcing/{id}", v1, "sourcing:read",
          get_potential_candidate},
    route{verb::post, "/api/v1/sourcing", "POST /api/v1/sourcing", v1, "sourcing:write", create_potential_candidate},
    route{verb::patch, "/api/v1/sourcing/{id}", "PATCH /api/v1/sourcing/{id}", v1, "sourcing:write",
          update_potential_candidate},
    route{verb::delete_, "/api/v1/sourcing/{id}", "DELETE /api/v1/sourcing/{id}", v1, "sourcing:write",
          delete_potential_candidate},
    route{verb::get, "/api/v1/cv-screening/batches/{batchId}", "GET /api/v1/cv-screening/batches/{batchId}", v1,
          "cv-screening:read", get_cv_screening_batch},
    route{verb::get, "/__mock/stats", "GET /__mock/stats", mock_control, "", get_mock_stats},
};

// Matches decoded segments against a template; fills `params` on success.
bool matches(std::string_view path_template, const boost::urls::segments_view& segments,
             std::vector<std::string>& params) {
    params.clear();
    std::string_view rest = path_template.substr(1);  // templates start with '/'
    auto segment_it = segments.begin();
    for (;;) {
        if (segment_it == segments.end()) return false;
        const std::string segment = *segment_it++;
        const std::size_t slash = rest.find('/');
        const std::string_view expected = rest.substr(0, slash);
        if (expected.starts_with('{')) {
            if (segment.empty()) return false;
            params.push_back(segment);
        } else if (expected != segment) {
            return false;
        }
        if (slash == std::string_view::npos) return segment_it == segments.end();
        rest = rest.substr(slash + 1);
    }
}

}  // namespace

route_match match_route(http::verb method, const boost::urls::segments_view& segments) {
    route_match result;
    std::vector<std::string> params;
    for (const route& candidate : routes) {
        if (!matches(candidate.path, segments, params)) continue;
        if (candidate.method == method) {
            result.matched = &candidate;
            result.params = std::move(params);
            return result;
        }
        if (!result.allowed_methods.empty()) result.allowed_methods += ", ";
        result.allowed_methods += http::to_string(candidate.method);
    }
    return result;
}

std::span<const route> all_routes() { return routes; }

}  // namespace talentray::mock::detail
