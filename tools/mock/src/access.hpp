// Who may see and change what (contract §2.3, §4.4, §4.5 and the per-endpoint "Visibility" and
// "Authority" notes). Pure predicates over the owner of the calling key.
#pragma once

#include "candidates.hpp"
#include "fixtures.hpp"
#include "records.hpp"

#include <string_view>

namespace talentray::mock::detail {

/// Admins, and employer-writers (owners, recruiters) of `organization_id`.
bool has_write_authority(const user_record& user, std::string_view organization_id);

/// Admins see every role; employer-writers see their organization's roles, confidential ones only
/// as the role's HR rep or hiring manager; anyone sees roles they are hiring manager of.
bool can_see_role(const user_record& user, const role_record& role);
bool can_write_role(const user_record& user, const role_record& role);

/// Admins see every test; everyone else sees platform-global tests and their organization's.
bool can_see_test(const user_record& user, const test_record& test);
/// Platform-global tests are admin-only; others need authority in one of the test's organizations.
bool can_write_test(const user_record& user, const test_record& test);

/// Admins see every lead; everyone else sees leads linked to their organization.
bool can_see_lead(const user_record& user, const lead_record& lead);
bool can_write_lead(const user_record& user, const lead_record& lead);

/// Admins see every candidate; employer-writers see their organization's; anyone sees candidates
/// of roles they are hiring manager of.
bool can_see_candidate(const user_record& user, const candidate_placement& placement, const fixtures& world);
bool can_write_candidate(const user_record& user, const candidate_placement& placement, const fixtures& world);

}  // namespace talentray::mock::detail
