// talentray/model/candidate.hpp — candidates, their role links, pipeline progress and updates.
#pragma once

#include <talentray/model/field.hpp>
#include <talentray/model/json.hpp>
#include <talentray/model/timestamp.hpp>

#include <optional>
#include <string>
#include <vector>

namespace talentray {

/// A candidate's assignment to a role (`CandidateRoleLink`).
struct candidate_role_link {
    std::string role_id;
    std::string role_name;
    std::string organization_id;
    std::string status;          ///< open vocabulary, e.g. "In Pipeline"
    int overall_fit_score = -1;  ///< -1 until an assessment is scored, then 0..100
    bool approved = false;

    friend bool operator==(const candidate_role_link&, const candidate_role_link&) = default;
};

/// A candidate (`Candidate`), as listed, fetched and returned by an update.
struct candidate {
    std::string id;
    std::string full_name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::string status;  ///< open vocabulary, e.g. "Active"
    timestamp created_at;
    timestamp updated_at;
    std::vector<candidate_role_link> roles;

    friend bool operator==(const candidate&, const candidate&) = default;
};

/// One step of a candidate's pipeline in one role (`CandidateStep`).
struct candidate_step {
    std::string id;
    std::string role_id;
    std::string role_step_id;
    std::string name;
    int order = 0;
    std::string step_type;  ///< e.g. "cv_screening", "interview"; unknown values are kept
    std::string status;     ///< locked, active, completed, validated, rejected, skipped, or newer
    std::optional<timestamp> started_at;
    std::optional<timestamp> completed_at;
    std::optional<timestamp> validated_at;
    std::optional<timestamp> rejected_at;
    std::optional<int> validation_score;
    std::optional<std::string> rejection_reason;
    std::optional<std::string> offer_response;
    timestamp created_at;
    timestamp updated_at;

    friend bool operator==(const candidate_step&, const candidate_step&) = default;
};

/// Body of `PATCH /api/v1/candidates/{id}` (`CandidateUpdate`). Only fields that are set (or
/// null) are sent; at least one must be. `summary` is writable although candidates do not
/// return it.
struct candidate_update {
    std::optional<std::string> full_name;
    std::optional<std::string> status;
    nullable_field<std::string> email;
    nullable_field<std::string> phone;
    nullable_field<std::string> summary;

    /// Client-side checks, done before any byte is sent: the body is not empty, and `full_name`,
    /// `status`, `email` and `phone` are not empty strings when set (clear email and phone with
    /// `talentray::null`). Returns `errc::invalid_argument` naming the field otherwise.
    result<void> validate() const;

    friend bool operator==(const candidate_update&, const candidate_update&) = default;
};

/// JSON of each type: every documented field; absent fields of a `candidate_update` are omitted.
boost::json::value encode(const candidate_role_link& link);
boost::json::value encode(const candidate& candidate);
boost::json::value encode(const candidate_step& step);
boost::json::value encode(const candidate_update& update);

}  // namespace talentray
