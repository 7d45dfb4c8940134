// talentray/model/role.hpp — roles, their pipeline templates and updates.
#pragma once

#include <talentray/model/field.hpp>
#include <talentray/model/json.hpp>
#include <talentray/model/timestamp.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace talentray {

/// A role (`Role`): an opening of an organization.
struct role {
    std::string id;
    std::string name;
    std::string organization_id;
    std::string status;  ///< open vocabulary, e.g. "open"
    std::optional<std::string> priority;  ///< open vocabulary, e.g. "high"
    bool is_public = false;
    std::optional<std::string> department;
    std::optional<std::string> location;
    std::optional<std::string> work_type;  ///< "remote", "hybrid", "onsite", or newer values
    std::optional<std::int64_t> salary_min;
    std::optional<std::int64_t> salary_max;
    std::optional<std::string> salary_currency;  ///< e.g. "EUR"
    std::optional<std::string> salary_period;    ///< e.g. "year"
    std::optional<int> target_hire_count;
    std::optional<std::string> role_level;  ///< e.g. "senior"
    timestamp created_at;
    timestamp updated_at;

    friend bool operator==(const role&, const role&) = default;
};

/// One step of a role's pipeline template (`RoleStep`).
struct role_step {
    std::string id;
    std::string role_id;
    std::string name;
    std::optional<std::string> description;
    int order = 0;
    std::string step_type;        ///< e.g. "cv_screening"; unknown values are kept
    std::string validation_type;  ///< "auto", "manual", "score_threshold", or newer values
    std::optional<int> passing_score;
    bool is_required = false;
    bool allow_skip = false;
    timestamp created_at;
    timestamp updated_at;

    friend bool operator==(const role_step&, const role_step&) = default;
};

/// Body of `PATCH /api/v1/roles/{id}` (`RoleUpdate`). Only fields that are set (or null) are
/// sent; at least one must be.
struct role_update {
    std::optional<std::string> name;
    std::optional<std::string> status;
    nullable_field<std::string> priority;
    nullable_field<std::string> department;
    nullable_field<std::string> location;
    nullable_field<std::string> work_type;  ///< the server accepts "remote", "hybrid", "onsite"
    nullable_field<std::int64_t> salary_min;
    nullable_field<std::int64_t> salary_max;
    nullable_field<std::string> salary_currency;
    nullable_field<std::string> salary_period;
    nullable_field<int> target_hire_count;
    nullable_field<std::string> role_level;
    std::optional<bool> is_public;

    /// Client-side checks, done before any byte is sent: the body is not empty and `name` and
    /// `status` are not empty strings when set. Returns `errc::invalid_argument` naming the
    /// field otherwise. (The vocabulary of `work_type` is left to the server, which may grow it.)
    result<void> validate() const;

    friend bool operator==(const role_update&, const role_update&) = default;
};

/// JSON of each type; absent fields of a `role_update` are omitted.
boost::json::value encode(const role& role);
boost::json::value encode(const role_step& step);
boost::json::value encode(const role_update& update);

}  // namespace talentray
