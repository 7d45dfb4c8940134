// Every subcommand of the talentray executable against the in-process mock: exit status, and
// stdout compared with what the API answers.
#include "cli_fixture.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

using namespace cli_test;
namespace json = boost::json;

namespace {

json::value parse_object(const outcome& result) {
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    boost::system::error_code ec;
    json::value value = json::parse(result.out, ec);
    INFO(result.out);
    REQUIRE_FALSE(ec);
    return value;
}

std::vector<json::value> parse_rows(const outcome& result) {
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    return parse_json_lines(result.out);
}

}  // namespace

TEST_CASE("commands: me prints the principal as indented JSON") {
    const cli_fixture f;
    const outcome result = f.as_employer({"me"});
    const json::value me = parse_object(result);
    CHECK(me.at("user").at("id") == "user_employer");
    CHECK(me.at("auth").at("keyId") == json::value(f.server.keys().employer.id));
    CHECK(result.out.find("\n  \"user\": {\n") != std::string::npos);
    CHECK(result.err.empty());
}

TEST_CASE("commands: --user-agent is the User-Agent the server sees; an empty or multi-line one is refused") {
    const cli_fixture f;
    REQUIRE(f.as_employer({"--user-agent", "nightly-export/3", "me"}).exit_status == 0);
    const auto arrivals = f.server.stats().arrivals;
    REQUIRE(arrivals.size() == 1);
    CHECK(arrivals[0].user_agent == "nightly-export/3");

    const outcome empty = f.as_employer({"--user-agent", "", "me"});
    CHECK(empty.exit_status == 2);
    CHECK_THAT(empty.err, Catch::Contains("--user-agent: must not be empty"));
    const outcome two_lines = f.as_employer({"--user-agent", "a\nb", "me"});
    CHECK(two_lines.exit_status == 2);
    CHECK_THAT(two_lines.err, Catch::Contains("--user-agent: control characters"));
    CHECK(f.server.stats().arrivals.size() == 1);  // neither reached the server
}

TEST_CASE("commands: --verbose logs each request on stderr, never the key") {
    const cli_fixture f;
    const outcome result = f.as_employer({"--verbose", "candidates", "list", "--all", "--page-size", "100"});
    REQUIRE(result.exit_status == 0);
    CHECK_THAT(result.err, Catch::Contains("GET /api/v1/candidates -> 200 in "));
    CHECK(result.err.find(f.server.keys().employer.key) == std::string::npos);
    CHECK(result.err.find(f.server.keys().employer.key.substr(3, 20)) == std::string::npos);
}

TEST_CASE("commands: candidates list, --page, --count, --all, get, steps, update") {
    const cli_fixture f;
    const std::vector<json::value> all = f.offset_rows("/api/v1/candidates", f.server.keys().employer.key);

    const std::vector<json::value> first = parse_rows(f.as_employer({"candidates", "list"}));
    REQUIRE(first.size() == 20);
    CHECK(first.front().at("id") == all.front().at("id"));
    const std::vector<json::value> third = parse_rows(f.as_employer({"candidates", "list", "--page", "2", "--page-size", "7"}));
    REQUIRE(third.size() == 7);
    CHECK(third.front().at("id") == all[14].at("id"));

    const outcome count = f.as_employer({"candidates", "list", "--count"});
    CHECK(count.exit_status == 0);
    CHECK(count.out == std::to_string(all.size()) + "\n");

    const std::vector<json::value> every = parse_rows(f.as_employer({"candidates", "list", "--all"}));
    REQUIRE(every.size() == all.size());
    CHECK(every.back().at("id") == all.back().at("id"));

    const std::string role = std::string(all.front().at("roles").at(0).at("roleId").as_string());
    const std::vector<json::value> in_role = parse_rows(f.as_employer({"candidates", "list", "--all", "--role-id", role}));
    CHECK_FALSE(in_role.empty());
    CHECK(in_role.size() < all.size());

    const json::value one = parse_object(f.as_employer({"candidates", "get", "cand_1"}));
    CHECK(one == f.get_json("/api/v1/candidates/cand_1", f.server.keys().employer.key));

    const std::vector<json::value> steps = parse_rows(f.as_employer({"candidates", "steps", "cand_1"}));
    CHECK(json::value(json::array(steps.begin(), steps.end())) ==
          f.get_json("/api/v1/candidates/cand_1/steps", f.server.keys().employer.key).at("data"));

    const json::value updated =
        parse_object(f.as_employer({"candidates", "update", "cand_1", "--status", "Hired", "--clear-phone"}));
    CHECK(updated.at("status") == "Hired");
    CHECK(updated.at("phone").is_null());
    const json::value stored = f.get_json("/api/v1/candidates/cand_1", f.server.keys().employer.key);
    CHECK(stored.at("status") == "Hired");
    CHECK(stored.at("phone").is_null());
}

TEST_CASE("commands: roles list, get, update with typed fields, steps") {
    const cli_fixture f;
    const std::vector<json::value> open = parse_rows(f.as_employer({"roles", "list", "--all", "--status", "open"}));
    REQUIRE_FALSE(open.empty());
    for (const json::value& role : open) CHECK(role.at("status") == "open");
    CHECK(parse_object(f.as_employer({"roles", "get", "role_eng_be"})).at("name") == "Senior Backend Engineer");
    const json::value updated = parse_object(f.as_employer(
        {"roles", "update", "role_eng_be", "--salary-min", "95000", "--is-public", "false", "--clear-priority"}));
    CHECK(updated.at("salaryMin") == 95000);
    CHECK(updated.at("isPublic") == false);
    CHECK(updated.at("priority").is_null());
    const std::vector<json::value> steps = parse_rows(f.as_employer({"roles", "steps", "role_eng_be"}));
    REQUIRE_FALSE(steps.empty());
    CHECK(steps.front().at("order") == 1);
}

TEST_CASE("commands: tests list, get, update from a --body file and from stdin") {
    const cli_fixture f;
    const std::vector<json::value> tests = parse_rows(f.as_employer({"tests", "list", "--all"}));
    CHECK(tests.size() == f.offset_rows("/api/v1/tests", f.server.keys().employer.key).size());
    CHECK(parse_object(f.as_employer({"tests", "get", "test_js"})).at("id") == "test_js");

    write_text(f.scratch / "body.json", R"({"duration": 45, "targetPersona": "Backend Engineer"})");
    const json::value from_file =
        parse_object(f.as_employer({"tests", "update", "test_js", "--body", (f.scratch / "body.json").string()}));
    CHECK(from_file.at("duration") == 45);
    CHECK(from_file.at("targetPersona") == "Backend Engineer");
    const json::value from_stdin = parse_object(
        f.as_employer({"tests", "update", "test_js", "--body", "-", "--duration", "50"}, R"({"targetPersona": null})"));
    CHECK(from_stdin.at("duration") == 50);
    CHECK(from_stdin.at("targetPersona").is_null());
}

TEST_CASE("commands: sourcing create, get, update, list, delete") {
    const cli_fixture f;
    const json::value created = parse_object(f.as_employer({"sourcing", "create", "--full-name", "Ada Lovelace",
                                                            "--organization-id", "org_acme", "--skills", "math,engines",
                                                            "--email", "ada@example.com"}));
    const std::string id(created.at("id").as_string());
    CHECK(created.at("skills") == json::array{"math", "engines"});
    CHECK(f.server.stats().executions("POST /api/v1/sourcing") == 1);

    CHECK(parse_object(f.as_employer({"sourcing", "get", id})).at("fullName") == "Ada Lovelace");
    const json::value updated =
        parse_object(f.as_employer({"sourcing", "update", id, "--clear-email", "--clear-skills", "--status", "parsed"}));
    CHECK(updated.at("email").is_null());
    CHECK(updated.at("skills") == json::array{});
    const std::vector<json::value> parsed = parse_rows(f.as_employer({"sourcing", "list", "--all", "--status", "parsed"}));
    CHECK(std::any_of(parsed.begin(), parsed.end(), [&](const json::value& lead) { return lead.at("id") == json::value(id); }));

    const outcome removed = f.as_employer({"sourcing", "delete", id, "--yes"});
    CHECK(removed.exit_status == 0);
    CHECK(removed.out.empty());
    CHECK_THAT(removed.err, Catch::Contains("deleted potential candidate " + id));
    CHECK(f.as_employer({"sourcing", "get", id}).exit_status == 6);
}

TEST_CASE("commands: cv-screening batch, and every member with --members") {
    const cli_fixture f;
    const json::value batch = parse_object(f.as_employer({"cv-screening", "batch", "batch_2026_06_01", "--page-size", "5"}));
    CHECK(batch.at("batchId") == "batch_2026_06_01");
    CHECK(batch.at("data").as_array().size() == 5);
    const std::vector<json::value> members =
        parse_rows(f.as_employer({"cv-screening", "batch", "batch_2026_06_01", "--members", "--page-size", "10"}));
    CHECK(members.size() == 25);
    CHECK(members.front().at("id") == "pc_1");
}

TEST_CASE("commands: keys create, list, usage (one page and --all), revoke, as the admin") {
    const cli_fixture f;
    const std::string admin = f.server.keys().admin.key;
    const json::value created = parse_object(
        f.talentray({"keys", "create", "--name", "nightly sync", "--user-id", "user_employer", "--expires-in-days", "30",
                     "--scopes", "candidates:read"},
                    admin));
    const std::string id(created.at("id").as_string());
    CHECK(created.at("key").as_string().size() == 67);
    const outcome me = f.talentray({"me"}, std::string(created.at("key").as_string()));
    CHECK(parse_object(me).at("auth").at("scopes") == json::array{"candidates:read"});

    const std::vector<json::value> keys = parse_rows(f.talentray({"keys", "list"}, admin));
    CHECK(std::any_of(keys.begin(), keys.end(), [&](const json::value& key) { return key.at("id") == json::value(id); }));

    const std::string employer_id = f.server.keys().employer.id;
    const outcome page = f.talentray({"keys", "usage", employer_id, "--limit", "3"}, admin);
    CHECK(parse_rows(page).size() == 3);
    CHECK_THAT(page.err, Catch::Contains("more rows (older than "));
    CHECK_THAT(page.err, Catch::Contains("add --all to read every page"));
    const std::vector<json::value> log = parse_rows(f.talentray({"keys", "usage", employer_id, "--all", "--limit", "500"}, admin));
    CHECK(log.size() == f.usage_rows(employer_id).size());

    const outcome revoked = f.talentray({"keys", "revoke", id, "--yes"}, admin);
    CHECK(revoked.exit_status == 0);
    CHECK_THAT(revoked.err, Catch::Contains("revoked API key " + id));
    CHECK(f.talentray({"me"}, std::string(created.at("key").as_string())).exit_status == 4);
}

TEST_CASE("commands: portal get, job, apply need no key") {
    const cli_fixture f;
    const json::value portal = parse_object(f.talentray({"portal", "get", "acme"}, ""));
    CHECK(portal.at("org").at("slug") == "acme");
    const std::string role(portal.at("roles").at(0).at("id").as_string());
    CHECK(parse_object(f.talentray({"portal", "job", "acme", role}, "")).at("role").at("id") == json::value(role));
    const json::value invite = parse_object(f.talentray({"portal", "apply", "acme", "--role-id", role, "--locale", "de"}, ""));
    CHECK_THAT(std::string(invite.at("inviteUrl").as_string()), Catch::StartsWith("https://"));
}
