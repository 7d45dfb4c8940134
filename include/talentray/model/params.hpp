// talentray/model/params.hpp — query parameters of the list endpoints, checked before sending.
#pragma once

#include <talentray/error.hpp>
#include <talentray/model/timestamp.hpp>
#include <talentray/model/url.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace talentray {

/// Offset pagination limits (`page` is 0-indexed; `pageSize` defaults to 20, at most 100).
inline constexpr int default_page_size = 20;
inline constexpr int max_page_size = 100;

/// Cursor pagination limits of the usage log (`limit` defaults to 100, 1..500).
inline constexpr int default_usage_limit = 100;
inline constexpr int max_usage_limit = 500;

// Every struct below has the same two functions:
//
//   validate() returns errc::invalid_argument naming the first bad member (e.g.
//   `list_candidates_params.page_size must be 1..100, got 0`): page >= 0, page_size 1..100,
//   and a filter that is set must not be empty (leave it unset to not filter).
//
//   to_query() validates, then returns the query with the API's parameter names. Paging
//   parameters are always sent; filters only when set. Throws only std::bad_alloc.

/// Query of `GET /api/v1/candidates`.
struct list_candidates_params {
    std::optional<std::string> role_id;  ///< only candidates actively assigned to this role
    std::int64_t page = 0;
    int page_size = default_page_size;

    result<void> validate() const;
    result<query_params> to_query() const;
};

/// Query of `GET /api/v1/roles`.
struct list_roles_params {
    std::optional<std::string> organization_id;
    std::optional<std::string> status;  ///< e.g. "open"
    std::int64_t page = 0;
    int page_size = default_page_size;

    result<void> validate() const;
    result<query_params> to_query() const;
};

/// Query of `GET /api/v1/tests`.
struct list_tests_params {
    std::optional<std::string> type;               ///< e.g. "multiple_choice"
    std::optional<std::string> analysis_category;  ///< e.g. "hard_skill"
    std::optional<std::string> language;           ///< ISO 639-1, e.g. "en"
    std::int64_t page = 0;
    int page_size = default_page_size;

    result<void> validate() const;
    result<query_params> to_query() const;
};

/// Query of `GET /api/v1/sourcing`.
struct list_potential_candidates_params {
    std::optional<std::string> role_id;  ///< leads linked to this role
    std::optional<std::string> status;   ///< lead status, e.g. "parsed"
    std::int64_t page = 0;
    int page_size = default_page_size;

    result<void> validate() const;
    result<query_params> to_query() const;
};

/// Query of `GET /api/v1/cv-screening/batches/{batchId}` (pages over the batch members).
struct cv_screening_batch_params {
    std::int64_t page = 0;
    int page_size = default_page_size;

    result<void> validate() const;
    result<query_params> to_query() const;
};

/// Query of `GET /api/admin/api-keys/{id}/usage`. `limit` is 1..500; `before` (rows strictly
/// older than it) is sent only when set, as ISO 8601 UTC.
struct api_key_usage_params {
    int limit = default_usage_limit;
    std::optional<timestamp> before;

    result<void> validate() const;
    result<query_params> to_query() const;
};

}  // namespace talentray
