// Candidates are never stored: candidate i (1-based) is a pure function of (seed, i), so a server
// can offer a million of them while keeping only what PATCH changed (see api_state).
#pragma once

#include "records.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace talentray::mock::detail {

/// Where a candidate sits: one organization and one or two of its roles. Cheap to compute, so
/// visibility indexes can be built by scanning every candidate.
struct candidate_placement {
    std::size_t organization = 0;                // position in fixtures::organizations
    std::array<std::size_t, 2> role_positions{};  // positions in fixtures::roles, ascending
    std::size_t role_count = 1;
};

/// One entry of a candidate's pipeline progress (GET /candidates/{id}/steps).
struct candidate_step {
    std::string id;
    const role_step_record* role_step = nullptr;
    std::string status;
    std::optional<timestamp> started_at, completed_at, validated_at, rejected_at;
    std::optional<std::int64_t> validation_score;
    optional_text rejection_reason;
    timestamp created_at, updated_at;
};

class candidate_generator {
public:
    /// `roles` must outlive the generator and keep its size: candidates refer to roles by position.
    candidate_generator(std::uint64_t seed, std::size_t count, const std::vector<role_record>& roles,
                        std::size_t organization_count);

    std::size_t count() const { return count_; }

    /// The placement of candidate `index` (1 <= index <= count()).
    candidate_placement placement(std::uint32_t index) const;

    /// The full generated row of candidate `index` (1 <= index <= count()), before any PATCH.
    candidate_record record(std::uint32_t index) const;

    /// The pipeline progress of a candidate, ordered by role and then step order.
    std::vector<candidate_step> steps(const candidate_record& candidate) const;

    /// Parses "cand_<index>" (no sign, no leading zero); 0 when it names no candidate.
    std::uint32_t index_of(std::string_view id) const;

private:
    std::uint64_t seed_;
    std::size_t count_;
    const std::vector<role_record>& roles_;
    std::size_t organization_count_;
    std::size_t roles_per_organization_;
};

}  // namespace talentray::mock::detail
