// What each operation puts on the wire, checked without a network: method, exact path, query
// names, body field names, credentials and replay safety, and that bad input is refused before
// anything could be sent.
#include "api/requests.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace tr = talentray;
namespace wire = talentray::detail::wire;
namespace json = boost::json;

namespace {

// One operation formed from sample input, and what the contract says must come out.
struct formed_request {
    std::string sdk_name;                                          // as in endpoints.tsv
    std::vector<std::pair<std::string, std::string>> path_values;  // placeholder -> sample value
    tr::result<tr::request_spec> formed;
    std::string method;
    std::string path;
    tr::query_params query;
    std::optional<std::string> body;  // JSON text; absent: no body at all
    bool public_endpoint = false;
};

std::string method_of(const tr::request_spec& spec) { return std::string(boost::beast::http::to_string(spec.method)); }

tr::create_api_key_request sample_key_request() {
    tr::create_api_key_request body;
    body.name = "Karaca SAP nightly sync";
    body.user_id = "user_abc123";
    body.expires_in_days = 30;
    return body;
}

tr::candidate_update sample_candidate_update() {
    tr::candidate_update body;
    body.full_name = "Jane Doe";
    body.email = tr::null;
    body.summary = "Strong backend engineer";
    return body;
}

tr::role_update sample_role_update() {
    tr::role_update body;
    body.work_type = "hybrid";
    body.salary_min = tr::null;
    body.target_hire_count = 3;
    body.is_public = false;
    return body;
}

tr::test_update sample_test_update() {
    tr::test_update body;
    body.analysis_category = "hard_skill";
    body.target_persona = tr::null;
    body.duration = 45;
    return body;
}

tr::potential_candidate_create sample_lead() {
    tr::potential_candidate_create body;
    body.full_name = "Sam Lee";
    body.organization_id = "org_acme";
    body.contact_email = "sam@example.com";
    body.skills = std::vector<std::string>{"python", "sql"};
    return body;
}

tr::potential_candidate_update sample_lead_update() {
    tr::potential_candidate_update body;
    body.contact_email = tr::null;
    body.skills = std::vector<std::string>{"go"};
    return body;
}

std::vector<formed_request> every_operation() {
    tr::api_key_usage_params usage;
    usage.limit = 50;
    usage.before = tr::timestamp::parse("2026-06-04T15:20:00Z").value();
    tr::apply_request application;
    application.role_id = "clx123abc";
    application.locale = "pt-BR";
    tr::list_candidates_params candidates;
    candidates.role_id = "role_eng_be";
    candidates.page = 2;
    candidates.page_size = 100;
    tr::list_roles_params roles;
    roles.organization_id = "org_acme";
    roles.status = "open";
    tr::list_tests_params tests;
    tests.type = "multiple_choice";
    tests.analysis_category = "hard_skill";
    tests.language = "en";
    tr::list_potential_candidates_params leads;
    leads.role_id = "role_eng_be";
    leads.status = "parsed";
    leads.page = 1;
    tr::cv_screening_batch_params batch;
    batch.page = 1;
    batch.page_size = 10;

    // clang-format off
    return {
        {"create_api_key", {}, wire::create_api_key(sample_key_request()), "POST", "/api/admin/api-keys", {},
         R"({"name":"Karaca SAP nightly sync","userId":"user_abc123","expiresInDays":30})"},
        {"list_api_keys", {}, wire::list_api_keys(), "GET", "/api/admin/api-keys", {}, {}},
        {"revoke_api_key", {{"id", "apikey_xyz789"}}, wire::revoke_api_key("apikey_xyz789"), "DELETE",
         "/api/admin/api-keys/apikey_xyz789", {}, {}},
        {"get_api_key_usage", {{"id", "apikey_xyz789"}}, wire::get_api_key_usage("apikey_xyz789", usage), "GET",
         "/api/admin/api-keys/apikey_xyz789/usage", {{"limit", "50"}, {"before", "2026-06-04T15:20:00Z"}}, {}},
        {"get_career_portal", {{"orgSlug", "acme"}}, wire::get_career_portal("acme"), "GET",
         "/api/public/portal/acme", {}, {}, true},
        {"get_public_job", {{"orgSlug", "acme"}, {"roleId", "clx123abc"}}, wire::get_public_job("acme", "clx123abc"),
         "GET", "/api/public/portal/acme/roles/clx123abc", {}, {}, true},
        {"apply_to_public_job", {{"orgSlug", "acme"}}, wire::apply_to_public_job("acme", application), "POST",
         "/api/public/portal/acme/apply", {}, R"({"roleId":"clx123abc","locale":"pt-BR"})", true},
        {"get_me", {}, wire::get_me(), "GET", "/api/v1/me", {}, {}},
        {"list_candidates", {}, wire::list_candidates(candidates), "GET", "/api/v1/candidates",
         {{"page", "2"}, {"pageSize", "100"}, {"roleId", "role_eng_be"}}, {}},
        {"get_candidate", {{"id", "cand_1"}}, wire::get_candidate("cand_1"), "GET", "/api/v1/candidates/cand_1", {}, {}},
        {"update_candidate", {{"id", "cand_1"}}, wire::update_candidate("cand_1", sample_candidate_update()), "PATCH",
         "/api/v1/candidates/cand_1", {}, R"({"fullName":"Jane Doe","email":null,"summary":"Strong backend engineer"})"},
        {"list_candidate_steps", {{"id", "cand_1"}}, wire::list_candidate_steps("cand_1"), "GET",
         "/api/v1/candidates/cand_1/steps", {}, {}},
        {"list_roles", {}, wire::list_roles(roles), "GET", "/api/v1/roles",
         {{"page", "0"}, {"pageSize", "20"}, {"organizationId", "org_acme"}, {"status", "open"}}, {}},
        {"get_role", {{"id", "role_eng_be"}}, wire::get_role("role_eng_be"), "GET", "/api/v1/roles/role_eng_be", {}, {}},
        {"update_role", {{"id", "role_eng_be"}}, wire::update_role("role_eng_be", sample_role_update()), "PATCH",
         "/api/v1/roles/role_eng_be", {},
         R"({"workType":"hybrid","salaryMin":null,"targetHireCount":3,"isPublic":false})"},
        {"list_role_steps", {{"id", "role_eng_be"}}, wire::list_role_steps("role_eng_be"), "GET",
         "/api/v1/roles/role_eng_be/steps", {}, {}},
        {"list_tests", {}, wire::list_tests(tests), "GET", "/api/v1/tests",
         {{"page", "0"}, {"pageSize", "20"}, {"type", "multiple_choice"}, {"analysisCategory", "hard_skill"},
          {"language", "en"}}, {}},
        {"get_test", {{"id", "test_js"}}, wire::get_test("test_js"), "GET", "/api/v1/tests/test_js", {}, {}},
        {"update_test", {{"id", "test_js"}}, wire::update_test("test_js", sample_test_update()), "PATCH",
         "/api/v1/tests/test_js", {}, R"({"analysisCategory":"hard_skill","targetPersona":null,"duration":45})"},
        {"list_potential_candidates", {}, wire::list_potential_candidates(leads), "GET", "/api/v1/sourcing",
         {{"page", "1"}, {"pageSize", "20"}, {"roleId", "role_eng_be"}, {"status", "parsed"}}, {}},
        {"get_potential_candidate", {{"id", "pc_1"}}, wire::get_potential_candidate("pc_1"), "GET",
         "/api/v1/sourcing/pc_1", {}, {}},
        {"create_potential_candidate", {}, wire::create_potential_candidate(sample_lead()), "POST", "/api/v1/sourcing",
         {}, R"({"fullName":"Sam Lee","organizationId":"org_acme","contactEmail":"sam@example.com","skills":["python","sql"]})"},
        {"update_potential_candidate", {{"id", "pc_1"}}, wire::update_potential_candidate("pc_1", sample_lead_update()),
         "PATCH", "/api/v1/sourcing/pc_1", {}, R"({"contactEmail":null,"skills":["go"]})"},
        {"delete_potential_candidate", {{"id", "pc_1"}}, wire::delete_potential_candidate("pc_1"), "DELETE",
         "/api/v1/sourcing/pc_1", {}, {}},
        {"get_cv_screening_batch", {{"batchId", "batch_2026_06_01"}},
         wire::get_cv_screening_batch("batch_2026_06_01", batch), "GET", "/api/v1/cv-screening/batches/batch_2026_06_01",
         {{"page", "1"}, {"pageSize", "10"}}, {}},
    };
    // clang-format on
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, '\t')) fields.push_back(field);
    return fields;
}

std::string fill(std::string path_template, const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [name, value] : values) {
        const std::string placeholder = '{' + name + '}';
        const auto at = path_template.find(placeholder);
        REQUIRE(at != std::string::npos);
        path_template.replace(at, placeholder.size(), value);
    }
    return path_template;
}

}  // namespace

TEST_CASE("every operation is formed as its contract page says") {
    const auto operations = every_operation();
    REQUIRE(operations.size() == 25);
    for (const formed_request& op : operations) {
        INFO(op.sdk_name);
        REQUIRE(op.formed);
        const tr::request_spec& spec = *op.formed;
        CHECK(method_of(spec) == op.method);
        CHECK(spec.path == op.path);
        CHECK(spec.query == op.query);
        if (op.body) {
            REQUIRE(spec.body);
            CHECK(*spec.body == json::parse(*op.body));
        } else {
            CHECK_FALSE(spec.body);
        }
        // Public calls carry no credentials, whatever the client holds.
        CHECK(spec.authenticated == !op.public_endpoint);
        // A POST may have taken effect when its response is lost: it must never be replayed.
        if (op.method == "POST" || op.method == "PATCH") CHECK_FALSE(spec.is_idempotent());
        if (op.method == "GET" || op.method == "DELETE") CHECK(spec.is_idempotent());
        CHECK(spec.priority == tr::priority::interactive);
        CHECK_FALSE(spec.timeout);
        CHECK_FALSE(spec.retry);
    }
}

TEST_CASE("methods, paths and credentials agree with endpoints.tsv") {
    const std::filesystem::path tsv = TALENTRAY_ENDPOINTS_TSV;
    std::map<std::string, std::vector<std::string>> rows;
    std::ifstream in(tsv);
    INFO("reading " << tsv);
    REQUIRE(in.is_open());
    std::string line;
    REQUIRE(std::getline(in, line));  // header
    while (std::getline(in, line))
        if (!line.empty()) {
            auto fields = split_tabs(line);
            REQUIRE(fields.size() == 8);
            rows[fields[7]] = fields;
        }
    REQUIRE(rows.size() == 25);
    for (const formed_request& op : every_operation()) {
        INFO(op.sdk_name);
        REQUIRE(rows.contains(op.sdk_name));
        const auto& row = rows[op.sdk_name];
        REQUIRE(op.formed);
        CHECK(method_of(*op.formed) == row[0]);
        CHECK(op.formed->path == fill(row[1], op.path_values));
        CHECK(op.formed->authenticated == (row[3] != "public"));
    }
}

TEST_CASE("a hostile id stays one segment of the documented path") {
    using former = tr::result<tr::request_spec> (*)(std::string_view);
    const std::vector<std::pair<former, std::string>> by_id{
        {wire::revoke_api_key, "/api/admin/api-keys/"},
        {wire::get_candidate, "/api/v1/candidates/"},
        {wire::list_candidate_steps, "/api/v1/candidates/"},
        {wire::get_role, "/api/v1/roles/"},
        {wire::list_role_steps, "/api/v1/roles/"},
        {wire::get_test, "/api/v1/tests/"},
        {wire::get_potential_candidate, "/api/v1/sourcing/"},
        {wire::delete_potential_candidate, "/api/v1/sourcing/"},
        {wire::get_career_portal, "/api/public/portal/"},
    };
    const std::vector<std::pair<std::string, std::string>> hostile{
        {"../admin/api-keys", "..%2Fadmin%2Fapi-keys"},     {"..", "%2E%2E"},   {"a?b=c#d", "a%3Fb%3Dc%23d"},
        {"x y\r\nHost: evil", "x%20y%0D%0AHost%3A%20evil"}, {"100%", "100%25"}, {"Ayşe", "Ay%C5%9Fe"},
    };
    for (const auto& [form, prefix] : by_id) {
        for (const auto& [id, encoded] : hostile) {
            INFO(prefix << " with id " << id);
            const auto formed = form(id);
            REQUIRE(formed);
            CHECK(formed->path.starts_with(prefix + encoded));
            const std::string rest = formed->path.substr(prefix.size() + encoded.size());
            CHECK((rest.empty() || rest == "/steps"));
        }
    }
    const auto usage = wire::get_api_key_usage("../../v1/me", {});
    REQUIRE(usage);
    CHECK(usage->path == "/api/admin/api-keys/..%2F..%2Fv1%2Fme/usage");
    const auto job = wire::get_public_job("acme/roles", "x/../y");
    REQUIRE(job);
    CHECK(job->path == "/api/public/portal/acme%2Froles/roles/x%2F..%2Fy");
}

TEST_CASE("bad input is refused before sending, naming the field and the request") {
    auto refused = [](const tr::result<tr::request_spec>& formed, std::string_view method, std::string_view path,
                      std::string_view mentions) {
        INFO(method << ' ' << path << " should mention " << mentions);
        REQUIRE_FALSE(formed);
        CHECK(formed.error().code == tr::errc::invalid_argument);
        CHECK(formed.error().diag.method == method);
        CHECK(formed.error().diag.path == path);
        CHECK(formed.error().diag.http_status == 0);
        CHECK_THAT(formed.error().diag.client_message, Catch::Contains(std::string(mentions)));
    };

    SECTION("empty path parameters") {
        refused(wire::get_candidate(""), "GET", "/api/v1/candidates/{id}", "\"id\"");
        refused(wire::update_candidate("", sample_candidate_update()), "PATCH", "/api/v1/candidates/{id}", "\"id\"");
        refused(wire::list_candidate_steps(""), "GET", "/api/v1/candidates/{id}/steps", "\"id\"");
        refused(wire::get_role(""), "GET", "/api/v1/roles/{id}", "\"id\"");
        refused(wire::update_role("", sample_role_update()), "PATCH", "/api/v1/roles/{id}", "\"id\"");
        refused(wire::list_role_steps(""), "GET", "/api/v1/roles/{id}/steps", "\"id\"");
        refused(wire::get_test(""), "GET", "/api/v1/tests/{id}", "\"id\"");
        refused(wire::update_test("", sample_test_update()), "PATCH", "/api/v1/tests/{id}", "\"id\"");
        refused(wire::get_potential_candidate(""), "GET", "/api/v1/sourcing/{id}", "\"id\"");
        refused(wire::update_potential_candidate("", sample_lead_update()), "PATCH", "/api/v1/sourcing/{id}", "\"id\"");
        refused(wire::delete_potential_candidate(""), "DELETE", "/api/v1/sourcing/{id}", "\"id\"");
        refused(wire::get_cv_screening_batch("", {}), "GET", "/api/v1/cv-screening/batches/{batchId}", "\"batchId\"");
        refused(wire::revoke_api_key(""), "DELETE", "/api/admin/api-keys/{id}", "\"id\"");
        refused(wire::get_api_key_usage("", {}), "GET", "/api/admin/api-keys/{id}/usage", "\"id\"");
        refused(wire::get_career_portal(""), "GET", "/api/public/portal/{orgSlug}", "\"orgSlug\"");
        refused(wire::get_public_job("acme", ""), "GET", "/api/public/portal/{orgSlug}/roles/{roleId}", "\"roleId\"");
        refused(wire::get_public_job("", "clx123abc"), "GET", "/api/public/portal/{orgSlug}/roles/{roleId}",
                "\"orgSlug\"");
        tr::apply_request application;
        application.role_id = "clx123abc";
        refused(wire::apply_to_public_job("", application), "POST", "/api/public/portal/{orgSlug}/apply",
                "\"orgSlug\"");
    }

    SECTION("query parameters") {
        tr::list_candidates_params candidates;
        candidates.page_size = 0;
        refused(wire::list_candidates(candidates), "GET", "/api/v1/candidates", "page_size");
        tr::list_roles_params roles;
        roles.page = -1;
        refused(wire::list_roles(roles), "GET", "/api/v1/roles", "page");
        tr::list_tests_params tests;
        tests.language = "";
        refused(wire::list_tests(tests), "GET", "/api/v1/tests", "language");
        tr::list_potential_candidates_params leads;
        leads.page_size = 101;
        refused(wire::list_potential_candidates(leads), "GET", "/api/v1/sourcing", "page_size");
        tr::cv_screening_batch_params batch;
        batch.page_size = 0;
        refused(wire::get_cv_screening_batch("batch_2026_06_01", batch), "GET",
                "/api/v1/cv-screening/batches/{batchId}", "page_size");
        tr::api_key_usage_params usage;
        usage.limit = 501;
        refused(wire::get_api_key_usage("apikey_xyz789", usage), "GET", "/api/admin/api-keys/{id}/usage", "limit");
    }

    SECTION("bodies") {
        refused(wire::update_candidate("cand_1", {}), "PATCH", "/api/v1/candidates/{id}", "candidate_update");
        tr::candidate_update blank_status;
        blank_status.status = "";
        refused(wire::update_candidate("cand_1", blank_status), "PATCH", "/api/v1/candidates/{id}", "status");
        refused(wire::update_role("role_eng_be", {}), "PATCH", "/api/v1/roles/{id}", "role_update");
        tr::test_update bad_language;
        bad_language.language = "english";
        refused(wire::update_test("test_js", bad_language), "PATCH", "/api/v1/tests/{id}", "language");
        tr::potential_candidate_create nameless = sample_lead();
        nameless.full_name.clear();
        refused(wire::create_potential_candidate(nameless), "POST", "/api/v1/sourcing", "full_name");
        refused(wire::update_potential_candidate("pc_1", {}), "PATCH", "/api/v1/sourcing/{id}",
                "potential_candidate_update");
        tr::create_api_key_request unnamed = sample_key_request();
        unnamed.name.clear();
        refused(wire::create_api_key(unnamed), "POST", "/api/admin/api-keys", "name");
        tr::create_api_key_request too_long = sample_key_request();
        too_long.expires_in_days = 366;
        refused(wire::create_api_key(too_long), "POST", "/api/admin/api-keys", "expires_in_days");
        refused(wire::apply_to_public_job("acme", {}), "POST", "/api/public/portal/{orgSlug}/apply", "role_id");
    }
}

TEST_CASE("optional body fields and filters are sent only when set") {
    tr::create_api_key_request minimal;
    minimal.name = "n";
    minimal.user_id = "user_abc123";
    auto key = wire::create_api_key(minimal);
    REQUIRE(key);
    CHECK(*key->body == json::parse(R"({"name":"n","userId":"user_abc123"})"));

    tr::create_api_key_request scoped = minimal;
    scoped.scopes = std::vector<std::string>{"candidates:read"};
    auto with_scopes = wire::create_api_key(scoped);
    REQUIRE(with_scopes);
    CHECK(*with_scopes->body == json::parse(R"({"name":"n","userId":"user_abc123","scopes":["candidates:read"]})"));

    tr::apply_request application;
    application.role_id = "clx123abc";
    auto apply = wire::apply_to_public_job("acme", application);
    REQUIRE(apply);
    CHECK(*apply->body == json::parse(R"({"roleId":"clx123abc"})"));

    auto usage = wire::get_api_key_usage("apikey_xyz789", {});
    REQUIRE(usage);
    CHECK(usage->query == tr::query_params{{"limit", "100"}});

    auto candidates = wire::list_candidates({});
    REQUIRE(candidates);
    CHECK(candidates->query == tr::query_params{{"page", "0"}, {"pageSize", "20"}});
}

TEST_CASE("request_spec::of forms a raw request of an operation as its typed call does") {
    const auto raw = tr::request_spec::of(tr::operation::get_candidate, {{"id", "a/../b"}});
    REQUIRE(raw);
    const auto typed = wire::get_candidate("a/../b");
    REQUIRE(typed);
    CHECK(raw->method == typed->method);
    CHECK(raw->path == "/api/v1/candidates/a%2F..%2Fb");
    CHECK(raw->path == typed->path);
    CHECK(raw->operation == tr::operation::get_candidate);
    CHECK(raw->authenticated);

    const auto portal = tr::request_spec::of(tr::operation::apply_to_public_job, {{"orgSlug", "acme"}});
    REQUIRE(portal);
    CHECK(portal->path == "/api/public/portal/acme/apply");
    CHECK_FALSE(portal->authenticated);  // the public portal never carries the key
    CHECK_FALSE(portal->is_idempotent());  // a POST is never replayed

    const auto list = tr::request_spec::of(tr::operation::list_candidates);
    REQUIRE(list);
    CHECK(list->path == "/api/v1/candidates");
    CHECK(list->query.empty());
}

TEST_CASE("request_spec::of refuses a missing, empty or unknown path parameter, naming it and the request") {
    const auto missing = tr::request_spec::of(tr::operation::get_role);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == tr::errc::invalid_argument);
    CHECK(missing.error().diag.method == "GET");
    CHECK(missing.error().diag.path == "/api/v1/roles/{id}");
    CHECK_THAT(missing.error().diag.client_message, Catch::Contains("id"));

    const auto empty = tr::request_spec::of(tr::operation::get_role, {{"id", ""}});
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error().diag.client_message, Catch::Contains("path parameter \"id\" must not be empty"));

    const auto unknown = tr::request_spec::of(tr::operation::list_roles, {{"id", "role_1"}});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == tr::errc::invalid_argument);
    CHECK_THAT(unknown.error().diag.client_message, Catch::Contains("id"));
}
