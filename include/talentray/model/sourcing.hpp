// talentray/model/sourcing.hpp — potential candidates (leads) and their create/update bodies.
#pragma once

#include <talentray/model/field.hpp>
#include <talentray/model/json.hpp>
#include <talentray/model/timestamp.hpp>

#include <optional>
#include <string>
#include <vector>

namespace talentray {

/// A lead's link to an organization (`LeadOrganizationLink`).
struct lead_organization_link {
    std::string organization_id;
    std::string status;  ///< open vocabulary, e.g. "Pool"

    friend bool operator==(const lead_organization_link&, const lead_organization_link&) = default;
};

/// A lead's link to a role (`LeadRoleLink`).
struct lead_role_link {
    std::string role_id;
    std::string role_name;
    std::string organization_id;
    std::string status;          ///< open vocabulary, e.g. "Assigned"
    int resume_fit_score = -1;   ///< -1 until screened
    int overall_fit_score = -1;  ///< -1 until scored

    friend bool operator==(const lead_role_link&, const lead_role_link&) = default;
};

/// A potential candidate (`PotentialCandidate`): a sourced or CV-screened lead that exists
/// before anyone creates a candidate account for it.
struct potential_candidate {
    std::string id;
    std::string full_name;
    std::optional<std::string> email;          ///< the address parsed from the CV
    std::optional<std::string> contact_email;  ///< the address used for invitations
    std::optional<std::string> phone;
    std::string status;  ///< open vocabulary, e.g. "parsed", "uploaded"
    std::vector<std::string> skills;
    std::optional<std::string> summary;
    std::optional<std::string> candidate_id;  ///< set once the lead became a candidate
    std::vector<lead_organization_link> organizations;
    std::vector<lead_role_link> roles;
    timestamp created_at;
    timestamp updated_at;

    friend bool operator==(const potential_candidate&, const potential_candidate&) = default;
};

/// Body of `POST /api/v1/sourcing` (`PotentialCandidateCreate`). `full_name` and
/// `organization_id` are always sent; optional fields only when set.
struct potential_candidate_create {
    std::string full_name;        ///< required
    std::string organization_id;  ///< required; the organization must exist
    std::optional<std::string> email;
    std::optional<std::string> contact_email;
    std::optional<std::string> phone;
    std::optional<std::string> summary;
    std::optional<std::vector<std::string>> skills;
    std::optional<std::string> status;  ///< the server defaults to "uploaded"

    /// Client-side checks, done before any byte is sent: `full_name` and `organization_id` are
    /// given, and no string that is set is empty (nor any skill). Returns
    /// `errc::invalid_argument` naming the field otherwise, e.g.
    /// `potential_candidate_create.full_name is required`.
    result<void> validate() const;

    friend bool operator==(const potential_candidate_create&,
                           const potential_candidate_create&) = default;
};

/// Body of `PATCH /api/v1/sourcing/{id}` (`PotentialCandidateUpdate`). Only fields that are
/// set (or null) are sent; at least one must be. `skills` replaces the whole list.
struct potential_candidate_update {
    std::optional<std::string> full_name;
    std::optional<std::string> status;
    nullable_field<std::string> email;
    nullable_field<std::string> contact_email;
    nullable_field<std::string> phone;
    nullable_field<std::string> summary;
    std::optional<std::vector<std::string>> skills;

    /// Client-side checks, done before any byte is sent: the body is not empty, and `full_name`,
    /// `status`, `email`, `contact_email`, `phone` and each skill are not empty strings when set
    /// (clear with `talentray::null`). Returns `errc::invalid_argument` naming the field.
    result<void> validate() const;

    friend bool operator==(const potential_candidate_update&,
                           const potential_candidate_update&) = default;
};

/// JSON of each type; absent fields of the create and update bodies are omitted.
boost::json::value encode(const lead_organization_link& link);
boost::json::value encode(const lead_role_link& link);
boost::json::value encode(const potential_candidate& lead);
boost::json::value encode(const potential_candidate_create& body);
boost::json::value encode(const potential_candidate_update& update);

}  // namespace talentray
