// Fixed vocabulary the generated data is drawn from: organizations, users, role and test
// templates, names and skills. Small and hand-written so fixtures read like a real tenant.
#pragma once

#include <span>
#include <string_view>

namespace talentray::mock::detail {

struct organization_template {
    std::string_view id, name, slug, domain, primary_color;
    bool portal_enabled, show_salary;
};

struct user_template {
    std::string_view id, email, name, platform_role, org_role, organization_id;  // empty: none/null
};

enum class pipeline_kind { engineering, business, operations, executive };

struct role_template {
    std::string_view suffix, name, department, location, work_type, collar_type, role_level, priority, status;
    bool is_public, confidential;
    long salary_min, salary_max;  // EUR per year, before seeded jitter
    pipeline_kind pipeline;
};

struct test_template {
    std::string_view id, name, type, analysis_category, target_persona, language;  // persona empty: null
    long duration;
    std::string_view organizations;  // "acme", "acme+globex", "" = platform-global
};

struct step_template {
    std::string_view name, step_type, validation_type;
    long passing_score;  // < 0: null
    bool is_required, allow_skip;
};

/// Who can see and change what, per organization: acme is the main tenant (portal with salaries),
/// globex a second tenant (portal without salaries), initech a tenant whose portal is disabled.
std::span<const organization_template> organization_templates();
std::span<const user_template> user_templates();
/// Every organization gets one role per template; ids are "role_<suffix>" in acme and
/// "role_<org slug>_<suffix>" elsewhere.
std::span<const role_template> role_templates();
std::span<const test_template> test_templates();
std::span<const step_template> pipeline_steps(pipeline_kind kind);

std::span<const std::string_view> first_names();
std::span<const std::string_view> last_names();
std::span<const std::string_view> skills();
std::span<const std::string_view> summary_fields();

/// The scope strings the contract documents (§3.1), in its order.
std::span<const std::string_view> documented_scopes();

}  // namespace talentray::mock::detail
