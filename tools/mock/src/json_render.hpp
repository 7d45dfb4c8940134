// Records to JSON, in exactly the shapes of contract §7 and §8. Field order follows the
// documented examples, so responses read like the vendor's.
#pragma once

#include "candidates.hpp"
#include "records.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace talentray::mock::detail {

boost::json::value text_or_null(const optional_text& text);

/// OffsetPagination (§8.1).
boost::json::object offset_pagination(std::size_t page, std::size_t page_size, std::size_t total_count);

boost::json::object render_candidate(const candidate_record& candidate, const std::vector<role_record>& roles);
boost::json::object render_candidate_step(const candidate_step& step);
boost::json::object render_role(const role_record& role);
boost::json::object render_role_step(const role_step_record& step);
boost::json::object render_test(const test_record& test);
/// PotentialCandidate; each role link's roleName is the role's current name.
boost::json::object render_lead(const lead_record& lead, const std::vector<role_record>& roles);

/// PortalOrg; `with_primary_color` false gives the shorter theme of the job page example.
boost::json::object render_portal_org(const organization_record& org, bool with_primary_color);
/// PortalRole; salary fields are omitted (not null) unless the portal shows salaries.
boost::json::object render_portal_role(const role_record& role, bool show_salary);

/// ApiKey list item, with its owner.
boost::json::object render_api_key(const api_key_record& key, const user_record& owner);
/// CreatedApiKey: the only shape that carries the plaintext key.
boost::json::object render_created_key(const api_key_record& key);
/// ApiKeyUsageKey.
boost::json::object render_usage_key(const api_key_record& key, const user_record& owner);
/// ApiKeyUsageRow.
/// `resolution` (1 ms or 1 s) decides how its timestamp is written: with or without a fraction.
boost::json::object render_usage_row(const usage_row& row, std::chrono::milliseconds resolution);

/// A usage-log time as the log writes it at `resolution`: "...:45.123Z" or, at 1 s, "...:45Z".
std::string format_usage_time(timestamp t, std::chrono::milliseconds resolution);

}  // namespace talentray::mock::detail
