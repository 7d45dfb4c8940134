// The mock's data model: what it stores about each resource. Field names follow the contract;
// values that are absent in the API are std::nullopt. Rendering to JSON lives in json_render.
#pragma once

#include "timestamps.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace talentray::mock::detail {

using optional_text = std::optional<std::string>;

struct organization_record {
    std::string id, name, slug, domain, logo, primary_color;
    bool portal_enabled = false;
    bool show_salary = false;
};

struct user_record {
    std::string id, email, name;
    std::string platform_role;    // "admin" or "user"
    optional_text org_role;       // "owner", "recruiter", "hiring_manager" within organization_id
    optional_text organization_id;

    bool is_admin() const { return platform_role == "admin"; }
    /// "employer-write" authority in its organization: owners and recruiters, not hiring managers.
    bool is_employer_writer() const { return org_role == "owner" || org_role == "recruiter"; }
};

struct role_step_record {
    std::string id, role_id, name;
    optional_text description;
    int order = 0;
    std::string step_type, validation_type;
    std::optional<std::int64_t> passing_score;
    bool is_required = true;
    bool allow_skip = false;
    timestamp created_at, updated_at;
};

struct role_record {
    std::string id, organization_id, name, status;
    optional_text priority, department, location, work_type, salary_currency, salary_period, role_level;
    optional_text collar_type;  // portal only
    std::optional<std::int64_t> salary_min, salary_max, target_hire_count;
    bool is_public = false;
    bool confidential = false;
    std::string hr_rep_user_id;  // empty: none
    std::vector<std::string> hiring_manager_user_ids;
    std::string description_text;  // rendered as the portal's opaque rich-text object
    timestamp created_at, updated_at;
    std::vector<role_step_record> steps;  // ordered by `order`
};

struct test_record {
    std::string id, name, type;
    optional_text description, target_persona, analysis_category, language;
    std::optional<std::int64_t> duration;  // minutes
    std::vector<std::string> organization_ids;  // empty: a platform-global (public) test
    timestamp created_at, updated_at;

    bool is_public() const { return organization_ids.empty(); }
};

struct lead_organization_link {
    std::string organization_id, status;
};

struct lead_role_link {
    std::string role_id, organization_id, status;
    std::int64_t resume_fit_score = -1;
    std::int64_t overall_fit_score = -1;
};

struct lead_record {
    std::string id, full_name, status;
    optional_text email, contact_email, phone, summary, candidate_id;
    std::vector<std::string> skills;
    std::vector<lead_organization_link> organizations;
    std::vector<lead_role_link> roles;
    timestamp created_at, updated_at;
    std::string batch_id;     // empty: not part of a CV-screening batch
    bool processing = false;  // a batch member whose CV is still being screened
};

struct batch_record {
    std::string id;
    std::vector<std::string> member_ids;  // lead ids, in upload order
};

struct candidate_role_link {
    std::size_t role_position = 0;  // index into the role list
    std::string status;             // "In Pipeline", "Hired", "Rejected", "Offer"
    std::int64_t overall_fit_score = -1;
    bool approved = false;
    std::size_t stage = 0;  // the pipeline step the candidate has reached (0-based)
};

struct candidate_record {
    std::uint32_t index = 0;  // 1-based; the id is "cand_<index>"
    std::string id, full_name, status;
    optional_text email, phone, summary;
    timestamp created_at, updated_at;
    std::vector<candidate_role_link> links;  // all in one organization, ordered by role position
};

/// What a PATCH changed on a generated candidate; only this is stored, never the whole row.
struct candidate_changes {
    std::optional<std::string> full_name, status;
    std::optional<optional_text> email, phone, summary;  // outer: changed; inner: new value or null
    timestamp updated_at;
};

struct usage_row {
    std::uint64_t sequence = 0;  // the id is "usage_<sequence>"
    timestamp at;
    std::string method, path;
    optional_text ip, user_agent;
};

struct api_key_record {
    std::string id, name, key, owner_user_id;
    std::vector<std::string> scopes;
    timestamp created_at, updated_at;
    std::optional<timestamp> expires_at;
    std::deque<usage_row> usage;  // oldest first; timestamps increasing (ties at 1 s resolution)
    std::uint64_t request_count = 0;
    std::optional<timestamp> last_request;
};

}  // namespace talentray::mock::detail
