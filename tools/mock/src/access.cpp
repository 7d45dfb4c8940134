#include "access.hpp"

#include <algorithm>

namespace talentray::mock::detail {
namespace {

bool member_of(const user_record& user, std::string_view organization_id) {
    return user.organization_id && *user.organization_id == organization_id;
}

bool is_hiring_manager_of(const user_record& user, const role_record& role) {
    return std::find(role.hiring_manager_user_ids.begin(), role.hiring_manager_user_ids.end(), user.id) !=
           role.hiring_manager_user_ids.end();
}

}  // namespace

bool has_write_authority(const user_record& user, std::string_view organization_id) {
    return user.is_admin() || (user.is_employer_writer() && member_of(user, organization_id));
}

bool can_see_role(const user_record& user, const role_record& role) {
    if (user.is_admin() || is_hiring_manager_of(user, role)) return true;
    if (!user.is_employer_writer() || !member_of(user, role.organization_id)) return false;
    return !role.confidential || role.hr_rep_user_id == user.id;
}

bool can_write_role(const user_record& user, const role_record& role) {
    return has_write_authority(user, role.organization_id);
}

bool can_see_test(const user_record& user, const test_record& test) {
    if (user.is_admin() || test.is_public()) return true;
    return std::any_of(test.organization_ids.begin(), test.organization_ids.end(),
                       [&](const std::string& org) { return member_of(user, org); });
}

bool can_write_test(const user_record& user, const test_record& test) {
    if (user.is_admin()) return true;
    return std::any_of(test.organization_ids.begin(), test.organization_ids.end(),
                       [&](const std::string& org) { return has_write_authority(user, org); });
}

bool can_see_lead(const user_record& user, const lead_record& lead) {
    if (user.is_admin()) return true;
    return std::any_of(lead.organizations.begin(), lead.organizations.end(),
                       [&](const lead_organization_link& link) { return member_of(user, link.organization_id); });
}

bool can_write_lead(const user_record& user, const lead_record& lead) {
    return std::any_of(lead.organizations.begin(), lead.organizations.end(), [&](const lead_organization_link& link) {
        return has_write_authority(user, link.organization_id);
    }) || user.is_admin();
}

bool can_see_candidate(const user_record& user, const candidate_placement& placement, const fixtures& world) {
    if (user.is_admin()) return true;
    if (user.is_employer_writer() && member_of(user, world.organizations[placement.organization].id)) return true;
    for (std::size_t i = 0; i < placement.role_count; ++i)
        if (is_hiring_manager_of(user, world.roles[placement.role_positions[i]])) return true;
    return false;
}

bool can_write_candidate(const user_record& user, const candidate_placement& placement, const fixtures& world) {
    return has_write_authority(user, world.organizations[placement.organization].id);
}

}  // namespace talentray::mock::detail
