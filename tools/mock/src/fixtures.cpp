#include "fixtures.hpp"

#include "catalogue.hpp"
#include "seeded_random.hpp"

#include <algorithm>
#include <array>

namespace talentray::mock::detail {
namespace {

using namespace std::chrono;

constexpr std::uint64_t role_tag = hash_text("role");
constexpr std::uint64_t test_tag = hash_text("test");
constexpr std::uint64_t lead_tag = hash_text("lead");
constexpr std::uint64_t usage_tag = hash_text("usage");
constexpr std::uint64_t key_tag = hash_text("api-key");

optional_text text_or_null(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return std::string(text);
}

template <class T>
const T& pick(seeded_random& random, std::span<const T> values) {
    return values[random.below(values.size())];
}

std::vector<organization_record> make_organizations() {
    std::vector<organization_record> result;
    for (const organization_template& t : organization_templates()) {
        result.push_back({std::string(t.id), std::string(t.name), std::string(t.slug), std::string(t.domain),
                          "https://assets.talent-ray.example/logos/" + std::string(t.slug) + ".png",
                          std::string(t.primary_color), t.portal_enabled, t.show_salary});
    }
    return result;
}

std::vector<user_record> make_users() {
    std::vector<user_record> result;
    for (const user_template& t : user_templates()) {
        result.push_back({std::string(t.id), std::string(t.email), std::string(t.name), std::string(t.platform_role),
                          text_or_null(t.org_role), text_or_null(t.organization_id)});
    }
    return result;
}

std::string role_id(const organization_template& org, const role_template& role) {
    if (org.slug == "acme") return "role_" + std::string(role.suffix);
    return "role_" + std::string(org.slug) + "_" + std::string(role.suffix);
}

// Who is attached to which role: drives the hiring-manager and confidential-role visibility rules.
void assign_people(role_record& role, const organization_template& org, const role_template& t) {
    if (org.slug == "acme") {
        if (t.suffix == "eng_be" || t.suffix == "eng_fe" || t.suffix == "exec")
            role.hiring_manager_user_ids.push_back("user_hiring_manager");
        if (t.suffix == "exec") role.hr_rep_user_id = "user_acme_recruiter";
    } else if (org.slug == "globex" && t.suffix == "data") {
        role.hiring_manager_user_ids.push_back("user_globex_hiring_manager");
    }
}

std::vector<role_step_record> make_steps(const role_record& role, const role_template& t) {
    std::vector<role_step_record> steps;
    int order = 0;
    const std::string suffix = role.id.substr(5);  // drop "role_"
    for (const step_template& s : pipeline_steps(t.pipeline)) {
        ++order;
        role_step_record step;
        step.id = "step_" + suffix + "_" + std::to_string(order);
        step.role_id = role.id;
        step.name = std::string(s.name);
        if (s.step_type == "interview") step.description = "A structured conversation with the hiring team.";
        step.order = order;
        step.step_type = std::string(s.step_type);
        step.validation_type = std::string(s.validation_type);
        if (s.passing_score >= 0) step.passing_score = s.passing_score;
        step.is_required = s.is_required;
        step.allow_skip = s.allow_skip;
        step.created_at = role.created_at;
        step.updated_at = role.created_at;
        steps.push_back(std::move(step));
    }
    return steps;
}

std::vector<role_record> make_roles(std::uint64_t seed) {
    std::vector<role_record> result;
    const timestamp base = make_timestamp(2026, 3, 1, 9);
    for (const organization_template& org : organization_templates()) {
        for (const role_template& t : role_templates()) {
            role_record role;
            role.id = role_id(org, t);
            seeded_random random{derive(seed, role_tag, hash_text(role.id))};
            role.organization_id = std::string(org.id);
            role.name = std::string(t.name);
            role.status = std::string(t.status);
            role.priority = std::string(t.priority);
            role.department = std::string(t.department);
            role.location = std::string(t.location);
            role.work_type = std::string(t.work_type);
            role.collar_type = std::string(t.collar_type);
            role.role_level = std::string(t.role_level);
            const std::int64_t jitter = random.between(-5, 5) * 1000;
            role.salary_min = t.salary_min + jitter;
            role.salary_max = t.salary_max + jitter;
            role.salary_currency = "EUR";
            role.salary_period = "year";
            role.target_hire_count = random.between(1, 4);
            role.is_public = t.is_public;
            role.confidential = t.confidential;
            role.description_text = "Join " + std::string(org.name) + " as " + role.name + " in " +
                                    std::string(t.location) + ".";
            role.created_at = base + days{random.between(0, 60)} + minutes{random.between(0, 600)};
            role.updated_at = role.created_at + days{random.between(0, 20)};
            assign_people(role, org, t);
            role.steps = make_steps(role, t);
            result.push_back(std::move(role));
        }
    }
    return result;
}

std::vector<test_record> make_tests(std::uint64_t seed) {
    std::vector<test_record> result;
    const timestamp base = make_timestamp(2026, 1, 15, 9);
    for (const test_template& t : test_templates()) {
        seeded_random random{derive(seed, test_tag, hash_text(t.id))};
        test_record test;
        test.id = std::string(t.id);
        test.name = std::string(t.name);
        test.type = std::string(t.type);
        test.description = test.name + " assessment.";
        test.target_persona = text_or_null(t.target_persona);
        test.analysis_category = std::string(t.analysis_category);
        test.language = std::string(t.language);
        test.duration = t.duration;
        std::string_view orgs = t.organizations;
        while (!orgs.empty()) {
            const std::size_t plus = orgs.find('+');
            test.organization_ids.push_back("org_" + std::string(orgs.substr(0, plus)));
            orgs = plus == std::string_view::npos ? std::string_view{} : orgs.substr(plus + 1);
        }
        test.created_at = base + days{random.between(0, 90)};
        test.updated_at = test.created_at + days{random.between(0, 30)};
        result.push_back(std::move(test));
    }
    return result;
}

struct batch_plan {
    std::string_view id;
    std::size_t first, last;  // lead indexes, inclusive
    timestamp uploaded_at;
};

// pc_34..pc_37 are still being screened; pc_45..pc_47 are acme members of a mostly-globex batch,
// so an acme key sees only part of it; the initech batch is invisible to acme keys entirely.
const std::array<batch_plan, 4>& batch_plans() {
    static const std::array<batch_plan, 4> plans{
        batch_plan{"batch_2026_06_01", 1, 25, make_timestamp(2026, 6, 1, 10)},
        batch_plan{"batch_2026_06_02", 26, 37, make_timestamp(2026, 6, 2, 14)},
        batch_plan{"batch_2026_05_20", 38, 47, make_timestamp(2026, 5, 20, 8)},
        batch_plan{"batch_2026_05_02", 48, 55, make_timestamp(2026, 5, 2, 16)},
    };
    return plans;
}

constexpr std::size_t first_processing_lead = 34;
constexpr std::size_t last_processing_lead = 37;

std::string_view lead_organization(std::size_t index, seeded_random& random) {
    if (index <= 37) return "org_acme";
    if (index <= 44) return "org_globex";
    if (index <= 47) return "org_acme";
    if (index <= 55) return "org_initech";
    const auto roll = random.below(10);
    return roll < 5 ? "org_acme" : roll < 8 ? "org_globex" : "org_initech";
}

}  // namespace

std::string ascii_lower_letters(std::string_view text) {
    std::string result;
    for (char c : text) {
        if (c >= 'A' && c <= 'Z') result += static_cast<char>(c - 'A' + 'a');
        else if (c >= 'a' && c <= 'z') result += c;
    }
    return result;
}

lead_record make_lead(std::uint64_t seed, std::size_t index, std::size_t candidate_count,
                      const std::vector<role_record>& roles) {
    seeded_random random{derive(seed, lead_tag, index)};
    lead_record lead;
    lead.id = "pc_" + std::to_string(index);
    const std::string_view first = pick(random, first_names());
    const std::string_view last = pick(random, last_names());
    lead.full_name = std::string(first) + " " + std::string(last);
    const std::string local = ascii_lower_letters(first) + "." + ascii_lower_letters(last);
    lead.email = local + ".cv" + std::to_string(index) + "@example.com";
    if (random.chance(50)) lead.contact_email = local + std::to_string(index) + "@example.net";
    if (random.chance(60)) lead.phone = "+90555" + std::to_string(random.between(1000000, 9999999));

    const std::string organization{lead_organization(index, random)};
    lead.organizations.push_back({organization, random.chance(80) ? "Pool" : "Shortlisted"});

    for (const batch_plan& plan : batch_plans()) {
        if (index >= plan.first && index <= plan.last) {
            lead.batch_id = std::string(plan.id);
            lead.created_at = plan.uploaded_at + seconds{random.between(0, 300)};
        }
    }
    if (lead.batch_id.empty()) lead.created_at = make_timestamp(2026, 3, 1) + minutes{random.between(0, 130000)};
    lead.updated_at = lead.created_at + minutes{random.between(5, 600)};

    lead.processing = index >= first_processing_lead && index <= last_processing_lead;
    if (lead.processing) {
        lead.status = "processing";
        return lead;  // nothing is parsed yet: no skills, summary or role links
    }
    static constexpr std::array<std::string_view, 5> statuses{"parsed", "parsed", "screened", "contacted",
                                                              "uploaded"};
    lead.status = std::string(statuses[random.below(statuses.size())]);
    const auto skill_count = random.between(1, 4);
    for (std::int64_t i = 0; i < skill_count; ++i) {
        std::string skill{pick(random, skills())};
        if (std::find(lead.skills.begin(), lead.skills.end(), skill) == lead.skills.end())
            lead.skills.push_back(std::move(skill));
    }
    if (random.chance(70))
        lead.summary = std::to_string(random.between(1, 15)) + "y " + std::string(pick(random, summary_fields())) + ".";
    if (candidate_count > 0 && random.chance(10)) lead.candidate_id = "cand_" + std::to_string(1 + random.below(candidate_count));

    std::vector<const role_record*> organization_roles;
    for (const role_record& role : roles)
        if (role.organization_id == organization) organization_roles.push_back(&role);
    const auto link_count = random.between(0, 2);
    for (std::int64_t i = 0; i < link_count && !organization_roles.empty(); ++i) {
        const role_record& role = *organization_roles[random.below(organization_roles.size())];
        const bool duplicate = std::any_of(lead.roles.begin(), lead.roles.end(),
                                           [&](const lead_role_link& l) { return l.role_id == role.id; });
        if (duplicate) continue;
        const bool screened = random.chance(70);
        lead.roles.push_back({role.id, organization, screened ? "Screened" : "Assigned",
                              screened ? random.between(0, 100) : -1,
                              screened && random.chance(30) ? random.between(0, 100) : -1});
    }
    return lead;
}

fixtures make_fixtures(std::uint64_t seed, std::size_t lead_count, std::size_t candidate_count) {
    fixtures world;
    world.organizations = make_organizations();
    world.users = make_users();
    world.roles = make_roles(seed);
    world.tests = make_tests(seed);
    world.leads.reserve(lead_count);
    for (std::size_t i = 1; i <= lead_count; ++i) world.leads.push_back(make_lead(seed, i, candidate_count, world.roles));
    for (const batch_plan& plan : batch_plans()) {
        batch_record batch{std::string(plan.id), {}};
        for (std::size_t i = plan.first; i <= plan.last && i <= lead_count; ++i)
            batch.member_ids.push_back("pc_" + std::to_string(i));
        world.batches.push_back(std::move(batch));
    }
    return world;
}

std::string make_key_secret(std::uint64_t seed, std::string_view salt) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    seeded_random random{derive(seed, key_tag, hash_text(salt))};
    std::string key = "tr_";
    for (int i = 0; i < 64; ++i) key += alphabet[random.below(alphabet.size())];
    return key;
}

std::string usage_row_id(std::uint64_t sequence) { return "usage_" + std::to_string(sequence); }

std::vector<api_key_record> make_seeded_keys(std::uint64_t seed, timestamp started_at, std::size_t usage_rows,
                                             std::size_t usage_rows_per_second) {
    std::vector<std::string> all_scopes;
    std::vector<std::string> read_scopes;
    for (std::string_view scope : documented_scopes()) {
        all_scopes.emplace_back(scope);
        if (scope.ends_with(":read")) read_scopes.emplace_back(scope);
    }
    struct plan {
        std::string_view id, name, owner;
        const std::vector<std::string>* scopes;
    };
    const std::vector<std::string> none;
    const std::array<plan, 6> plans{
        plan{"apikey_admin", "Platform automation", "user_admin", &all_scopes},
        plan{"apikey_employer", "Acme ATS nightly sync", "user_employer", &all_scopes},
        plan{"apikey_hiring_manager", "Hiring manager dashboard", "user_hiring_manager", &all_scopes},
        plan{"apikey_no_scopes", "Acme key without scopes", "user_employer", &none},
        plan{"apikey_read_only", "Acme reporting (read-only)", "user_employer", &read_scopes},
        plan{"apikey_expired", "Acme retired integration", "user_employer", &all_scopes},
    };
    std::vector<api_key_record> keys;
    const timestamp created = make_timestamp(2026, 5, 1, 9);
    for (const plan& p : plans) {
        api_key_record key;
        key.id = std::string(p.id);
        key.name = std::string(p.name);
        key.key = make_key_secret(seed, p.id);
        key.owner_user_id = std::string(p.owner);
        key.scopes = *p.scopes;
        key.created_at = created;
        key.updated_at = created;
        if (p.id == "apikey_expired") key.expires_at = floor<seconds>(started_at) - days{1};
        keys.push_back(std::move(key));
    }

    // The employer key's history: newest row at a fixed instant, then back in time with gaps of
    // 1-90 s plus a millisecond fraction, so every timestamp is distinct; or, with several rows
    // per second, bursts of rows 1 ms apart in one second (ties once timestamps are whole seconds).
    api_key_record& employer = keys[1];
    static constexpr std::array<std::string_view, 6> paths{
        "/api/v1/candidates", "/api/v1/roles", "/api/v1/me", "/api/v1/sourcing", "/api/v1/tests",
        "/api/v1/candidates/cand_1"};
    seeded_random random{derive(seed, usage_tag)};
    timestamp at = make_timestamp(2026, 6, 4, 15, 30, 45);
    std::vector<usage_row> newest_first;
    newest_first.reserve(usage_rows);
    std::size_t burst_left = 0;  // rows of the current burst still to make, this one included
    for (std::size_t i = 0; i < usage_rows; ++i) {
        usage_row row;
        row.at = at;
        if (random.chance(90)) {
            row.method = "GET";
            row.path = std::string(paths[random.below(paths.size())]);
        } else {
            row.method = "PATCH";
            row.path = "/api/v1/candidates/cand_" + std::to_string(random.between(1, 1000));
        }
        row.ip = "192.0.2." + std::to_string(random.between(1, 254));
        row.user_agent = random.chance(80) ? "acme-ats-sync/2.3" : "curl/7.68.0";
        newest_first.push_back(std::move(row));
        if (burst_left > 1) {
            --burst_left;
            at -= milliseconds{1};  // the burst's next row, in the same second
        } else if (usage_rows_per_second > 1) {
            // The next burst: n rows at 1..n ms into a second 1-90 s earlier.
            burst_left = static_cast<std::size_t>(random.between(1, static_cast<std::int64_t>(usage_rows_per_second)));
            at = std::chrono::floor<seconds>(at) - seconds{random.between(1, 90)} +
                 milliseconds{static_cast<std::int64_t>(burst_left)};
        } else {
            at -= seconds{random.between(1, 90)} + milliseconds{random.between(1, 999)};
        }
    }
    std::uint64_t sequence = 0;
    for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it) {
        it->sequence = ++sequence;
        employer.usage.push_back(std::move(*it));
    }
    employer.request_count = usage_rows;
    if (!employer.usage.empty()) employer.last_request = employer.usage.back().at;
    return keys;
}

}  // namespace talentray::mock::detail
