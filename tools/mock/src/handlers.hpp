// One function per operation. Each runs after routing, authentication, rate limiting and the
// scope check, with the state locked, and performs the rest of the contract's check order:
// validation (400) -> lookup and visibility (404) -> write authority (403 forbidden) -> effect.
#pragma once

#include "api_state.hpp"
#include "replies.hpp"
#include "request_fields.hpp"
#include "router.hpp"
#include "stats_counters.hpp"

#include <functional>
#include <string>
#include <vector>

namespace talentray::mock::detail {

struct request_context {
    api_state& state;
    stats_counters& stats;
    const route& matched;
    const std::vector<std::string>& params;
    const query_params& query;
    std::string_view body;
    const api_key_record* key = nullptr;  // null on public routes
    const user_record* user = nullptr;    // the key's owner; null on public routes
    timestamp now;

    /// Counts one execution of this write route (its effect was applied).
    void record_write() const { stats.count_write(matched.name); }
    /// Now, truncated to whole seconds, as stored in updatedAt/createdAt.
    timestamp now_seconds() const { return std::chrono::floor<std::chrono::seconds>(now); }
};

/// One offset list as its handler computed it for a request: the matching rows, in creation order.
struct list_rows {
    std::string_view list;       ///< the name `--churn-list` uses: "candidates", "roles", "tests", "sourcing"
    std::string_view id_prefix;  ///< starts the ids of inserted rows: "cand_"
    std::string filters;         ///< the request's filters, "?roleId=x" or empty: each filter is its own live list
    std::size_t count = 0;
    std::function<std::string(std::size_t)> id_of;           ///< the id of row i
    std::function<boost::json::object(std::size_t)> render;  ///< row i as the API shows it
};

/// The page of `rows` that `page` asks for, in the server's list order, with churn applied when
/// `rows.list` is the churning list (see README "Live lists").
http_response list_page(request_context& context, const page_request& page, const list_rows& rows);

/// {"data": items, "pagination": {...}}
http_response offset_page(boost::json::array items, std::size_t page, std::size_t page_size, std::size_t total);
/// The start of `page` in a list of `total` items, or `total` when the page lies past the end.
std::size_t page_start(std::size_t page, std::size_t page_size, std::size_t total);

// /api/admin/api-keys (legacy family, admin only)
http_response create_api_key(request_context& context);
http_response list_api_keys(request_context& context);
http_response revoke_api_key(request_context& context);
http_response get_api_key_usage(request_context& context);

// /api/public/portal (no authentication)
http_response get_career_portal(request_context& context);
http_response get_public_job(request_context& context);
http_response apply_to_public_job(request_context& context);

// /api/v1
http_response get_me(request_context& context);
http_response list_candidates(request_context& context);
http_response get_candidate(request_context& context);
http_response update_candidate(request_context& context);
http_response list_candidate_steps(request_context& context);
http_response list_roles(request_context& context);
http_response get_role(request_context& context);
http_response update_role(request_context& context);
http_response list_role_steps(request_context& context);
http_response list_tests(request_context& context);
http_response get_test(request_context& context);
http_response update_test(request_context& context);
http_response list_potential_candidates(request_context& context);
http_response get_potential_candidate(request_context& context);
http_response create_potential_candidate(request_context& context);
http_response update_potential_candidate(request_context& context);
http_response delete_potential_candidate(request_context& context);
http_response get_cv_screening_batch(request_context& context);

// /__mock
http_response get_mock_stats(request_context& context);

}  // namespace talentray::mock::detail
