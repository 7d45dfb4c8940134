// Every model decodes the contract's example bodies and encodes them back to the same JSON.
#include "contract_examples.hpp"

#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/cv_screening.hpp>
#include <talentray/model/me.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>

#include <catch2/catch.hpp>

namespace tr = talentray;
namespace ex = contract_examples;

namespace {

tr::timestamp ts(std::string_view text) {
    return tr::timestamp::parse(text).value();
}

// Decodes `original`, checks that encoding gives `original` back, and returns the model.
template <class T>
T round_trip(const boost::json::value& original) {
    tr::result<T> decoded = tr::decode<T>(original);
    if (!decoded) FAIL(decoded.error().diag.client_message);
    CHECK(tr::encode(*decoded) == original);
    return *decoded;
}

template <class T>
T round_trip(const char* text) {
    return round_trip<T>(boost::json::parse(text));
}

// The offset envelope of §4.3 around one documented item.
boost::json::value page_of(const char* item) {
    return boost::json::object{
        {"data", boost::json::array{boost::json::parse(item)}},
        {"pagination", boost::json::parse(R"({"page": 1, "pageSize": 50, "totalCount": 51, "totalPages": 2})")}};
}

}  // namespace

TEST_CASE("candidates page round-trips") {
    const auto page = round_trip<tr::offset_page<tr::candidate>>(ex::candidates_page);
    REQUIRE(page.data.size() == 1);
    const tr::candidate& c = page.data[0];
    CHECK(c.id == "cand_1");
    CHECK(c.full_name == "Jane Doe");
    CHECK(c.email == "jane@example.com");
    CHECK(c.phone == "+905551112233");
    CHECK(c.status == "Active");
    CHECK(c.created_at == ts("2026-06-01T10:00:00Z"));
    CHECK(c.updated_at == ts("2026-06-02T08:00:00Z"));
    REQUIRE(c.roles.size() == 1);
    CHECK(c.roles[0].role_id == "role_eng_be");
    CHECK(c.roles[0].role_name == "Senior Backend Engineer");
    CHECK(c.roles[0].organization_id == "org_acme");
    CHECK(c.roles[0].status == "In Pipeline");
    CHECK(c.roles[0].overall_fit_score == 82);
    CHECK_FALSE(c.roles[0].approved);
    CHECK(page.pagination == tr::offset_pagination{0, 20, 134, 7});

    // A bare candidate (GET /candidates/{id}) is the same shape.
    const auto single = round_trip<tr::candidate>(boost::json::parse(ex::candidates_page).at("data").at(0));
    CHECK(single == c);
}

TEST_CASE("candidate steps round-trip") {
    const auto steps = round_trip<tr::full_list<tr::candidate_step>>(ex::candidate_steps);
    REQUIRE(steps.data.size() == 1);
    const tr::candidate_step& s = steps.data[0];
    CHECK(s.id == "crs_1");
    CHECK(s.role_id == "role_eng_be");
    CHECK(s.role_step_id == "step_cv");
    CHECK(s.name == "CV Screening");
    CHECK(s.order == 1);
    CHECK(s.step_type == "cv_screening");
    CHECK(s.status == "validated");
    CHECK(s.started_at == ts("2026-06-01T10:00:00Z"));
    CHECK(s.completed_at == ts("2026-06-01T11:00:00Z"));
    CHECK(s.validated_at == ts("2026-06-01T11:05:00Z"));
    CHECK_FALSE(s.rejected_at);
    CHECK(s.validation_score == 78);
    CHECK_FALSE(s.rejection_reason);
    CHECK_FALSE(s.offer_response);
    // The full list has no pagination and writes none.
    CHECK_FALSE(tr::encode(steps).as_object().contains("pagination"));
}

TEST_CASE("roles round-trip, alone and in a page") {
    const auto r = round_trip<tr::role>(ex::role);
    CHECK(r.id == "role_eng_be");
    CHECK(r.organization_id == "org_acme");
    CHECK(r.status == "open");
    CHECK(r.priority == "high");
    CHECK(r.is_public);
    CHECK(r.work_type == "remote");
    CHECK(r.salary_min == 90000);
    CHECK(r.salary_max == 120000);
    CHECK(r.salary_currency == "EUR");
    CHECK(r.salary_period == "year");
    CHECK(r.target_hire_count == 2);
    CHECK(r.role_level == "senior");
    CHECK(r.created_at == ts("2026-05-01T09:00:00Z"));

    const auto page = round_trip<tr::offset_page<tr::role>>(page_of(ex::role));
    REQUIRE(page.data.size() == 1);
    CHECK(page.data[0] == r);
    CHECK(page.pagination == tr::offset_pagination{1, 50, 51, 2});
}

TEST_CASE("role steps round-trip") {
    const auto steps = round_trip<tr::full_list<tr::role_step>>(ex::role_steps);
    REQUIRE(steps.data.size() == 1);
    const tr::role_step& s = steps.data[0];
    CHECK(s.id == "step_cv");
    CHECK_FALSE(s.description);
    CHECK(s.validation_type == "auto");
    CHECK(s.passing_score == 70);
    CHECK(s.is_required);
    CHECK_FALSE(s.allow_skip);
}

TEST_CASE("tests round-trip, alone and in a page") {
    const auto t = round_trip<tr::test>(ex::test);
    CHECK(t.id == "test_js");
    CHECK(t.type == "multiple_choice");
    CHECK(t.description == "Core JS assessment.");
    CHECK(t.duration == 30);
    CHECK(t.target_persona == "Backend Engineer");
    CHECK(t.analysis_category == "hard_skill");
    CHECK(t.language == "en");
    CHECK_FALSE(t.is_public);
    CHECK(t.organization_ids == std::vector<std::string>{"org_acme"});
    CHECK(t.updated_at == ts("2026-04-10T09:00:00Z"));
    const auto page = round_trip<tr::offset_page<tr::test>>(page_of(ex::test));
    CHECK(page.data.at(0) == t);
}

TEST_CASE("potential candidates round-trip, alone and in a page") {
    const auto lead = round_trip<tr::potential_candidate>(ex::potential_candidate);
    CHECK(lead.id == "pc_1");
    CHECK(lead.email == "sam.cv@example.com");
    CHECK(lead.contact_email == "sam@example.com");
    CHECK(lead.skills == std::vector<std::string>{"python", "sql"});
    CHECK(lead.summary == "5y data engineering.");
    CHECK_FALSE(lead.candidate_id);
    REQUIRE(lead.organizations.size() == 1);
    CHECK(lead.organizations[0] == tr::lead_organization_link{"org_acme", "Pool"});
    REQUIRE(lead.roles.size() == 1);
    CHECK(lead.roles[0].resume_fit_score == 71);
    CHECK(lead.roles[0].overall_fit_score == -1);
    const auto page = round_trip<tr::offset_page<tr::potential_candidate>>(page_of(ex::potential_candidate));
    CHECK(page.data.at(0) == lead);
}

TEST_CASE("a CV-screening batch round-trips with its members page") {
    const auto batch = round_trip<tr::cv_screening_batch>(ex::cv_screening_batch);
    CHECK(batch.batch_id == "batch_2026_06_01");
    CHECK(batch.status == "completed");
    CHECK(batch.total_candidates == 25);
    CHECK(batch.completed_candidates == 25);
    CHECK(batch.processing_candidates == 0);
    REQUIRE(batch.members.data.size() == 1);
    CHECK_FALSE(batch.members.data[0].contact_email);
    CHECK_FALSE(batch.members.data[0].phone);
    CHECK(batch.members.data[0].roles.empty());
    CHECK(batch.members.pagination == tr::offset_pagination{0, 20, 25, 2});
}

TEST_CASE("me round-trips for a key and for a session") {
    const auto who = round_trip<tr::me>(ex::me);
    CHECK(who.user == tr::me_user{"user_abc123", "integrations@acme.com", "user"});
    CHECK(who.auth.type == "api_key");
    CHECK(who.auth.key_id == "apikey_xyz789");
    CHECK(who.auth.scopes == std::vector<std::string>{"candidates:read", "roles:read"});

    // A session carries neither keyId nor scopes, and encoding does not invent them.
    const auto session = round_trip<tr::me>(
        R"({"user": {"id": "user_1", "email": "a@b.c", "role": "user"}, "auth": {"type": "session"}})");
    CHECK(session.auth.type == "session");
    CHECK_FALSE(session.auth.key_id);
    CHECK_FALSE(session.auth.scopes);

    // A key with no scopes is not a session: the empty list survives.
    const auto unscoped = round_trip<tr::me>(
        R"({"user": {"id": "u", "email": "a@b.c", "role": "user"}, "auth": {"type": "api_key", "keyId": "k", "scopes": []}})");
    REQUIRE(unscoped.auth.scopes);
    CHECK(unscoped.auth.scopes->empty());
}

TEST_CASE("API-key administration responses round-trip") {
    const auto created = round_trip<tr::legacy_success<tr::created_api_key>>(ex::created_api_key);
    CHECK(created.data.id == "apikey_xyz789");
    CHECK(created.data.key.size() == 67);
    CHECK(created.data.prefix == "tr_");
    CHECK(created.data.start == "tr_aaaa");
    CHECK(created.data.expires_at == ts("2026-09-03T12:00:00Z"));
    CHECK(created.data.user_id == "user_abc123");

    const auto keys = round_trip<tr::legacy_success<std::vector<tr::api_key>>>(ex::api_keys);
    REQUIRE(keys.data.size() == 1);
    const tr::api_key& k = keys.data[0];
    CHECK(k.name == "Karaca SAP nightly sync");
    CHECK(k.enabled);
    CHECK(k.last_request == ts("2026-06-04T15:30:45Z"));
    CHECK(k.expires_at == ts("2026-09-03T12:00:00Z"));
    CHECK(k.request_count == 1250);
    CHECK(k.owner.platform_role == "admin");
    CHECK_FALSE(k.owner.org_role);
    CHECK_FALSE(k.owner.organization_id);

    const auto usage = round_trip<tr::legacy_success<tr::api_key_usage>>(ex::api_key_usage);
    CHECK(usage.data.key.request_count == 1250);
    CHECK(usage.data.key.owner.name == "Admin User");
    REQUIRE(usage.data.rows.size() == 1);
    const tr::api_key_usage_row& row = usage.data.rows[0];
    CHECK(row.id == "usage_001");
    CHECK(row.timestamp == ts("2026-06-04T15:30:45Z"));
    CHECK(row.method == "POST");
    CHECK(row.path == "/api/admin/api-keys");
    CHECK(row.ip == "192.0.2.100");
    CHECK(row.user_agent == "curl/7.68.0");
    CHECK(row.auth_endpoint == "/get-session");
    CHECK(usage.data.pagination.limit == 50);
    CHECK(usage.data.pagination.has_more);
    CHECK(usage.data.pagination.next_before == ts("2026-06-04T15:20:00Z"));
}

TEST_CASE("the career portal, a public job and an invite round-trip") {
    const auto portal = round_trip<tr::career_portal>(ex::career_portal);
    CHECK(portal.org.slug == "acme");
    CHECK(portal.org.portal_theme.primary_color == "#4F1AD6");
    CHECK(portal.org.portal_theme.show_salary);
    REQUIRE(portal.roles.size() == 1);
    const tr::portal_role& r = portal.roles[0];
    CHECK(r.description == boost::json::object{});
    CHECK(r.collar_type == "white");
    CHECK(r.salary_min == 90000);
    CHECK(r.salary_period == "year");

    // Without showSalary the salary keys are absent, and stay absent when encoded.
    const auto job = round_trip<tr::public_job>(ex::public_job);
    CHECK_FALSE(job.org.portal_theme.show_salary);
    CHECK_FALSE(job.org.portal_theme.primary_color);
    CHECK_FALSE(job.role.salary_min);
    CHECK_FALSE(job.role.salary_currency);
    const boost::json::object role_json = tr::encode(job.role).as_object();
    CHECK_FALSE(role_json.contains("salaryMin"));
    CHECK_FALSE(role_json.contains("salaryPeriod"));

    const auto link = round_trip<tr::invite>(ex::invite);
    CHECK(link.invite_url == "https://app.talent-ray.com/en/signup/invite/inv_abc123");
}

TEST_CASE("a portal role description is kept as opaque JSON") {
    boost::json::value json = boost::json::parse(ex::public_job);
    json.at("role").as_object()["description"] =
        boost::json::parse(R"({"type": "doc", "content": [{"type": "paragraph", "text": "Hi"}]})");
    const auto job = round_trip<tr::public_job>(json);
    CHECK(job.role.description.at("content").at(0).at("text") == "Hi");
}

TEST_CASE("request bodies round-trip") {
    round_trip<tr::candidate_update>(R"({"fullName": "Jane Roe", "email": null, "summary": "x"})");
    round_trip<tr::role_update>(R"({"status": "closed", "workType": null, "salaryMax": 130000, "isPublic": true})");
    round_trip<tr::test_update>(R"({"duration": 45, "targetPersona": null})");
    round_trip<tr::potential_candidate_create>(
        R"({"fullName": "Sam Lee", "organizationId": "org_acme", "skills": ["python"], "status": "uploaded"})");
    round_trip<tr::potential_candidate_update>(R"({"contactEmail": null, "skills": []})");
    const auto key = round_trip<tr::create_api_key_request>(
        R"({"name": "Karaca SAP nightly sync", "userId": "user_abc123", "expiresInDays": 90})");
    CHECK_FALSE(key.scopes);
    round_trip<tr::create_api_key_request>(R"({"name": "n", "userId": "u", "scopes": ["candidates:read"]})");
    round_trip<tr::apply_request>(R"({"roleId": "clx123abc", "locale": "de"})");
    round_trip<tr::apply_request>(R"({"roleId": "clx123abc"})");
}

TEST_CASE("decode_or_throw returns the model") {
    const auto who = tr::decode_or_throw<tr::me>(boost::json::parse(ex::me));
    CHECK(who.user.id == "user_abc123");
}
