// Client-side validation of request bodies, and what they put on the wire.
#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>

#include "invalid_argument.hpp"

#include <catch2/catch.hpp>

namespace tr = talentray;

using talentray::testing::invalid;

TEST_CASE("an update with nothing to send is refused") {
    CHECK(invalid(tr::candidate_update{}.validate()) == "candidate_update: empty body; set at least one field");
    CHECK(invalid(tr::role_update{}.validate()) == "role_update: empty body; set at least one field");
    CHECK(invalid(tr::test_update{}.validate()) == "test_update: empty body; set at least one field");
    CHECK(invalid(tr::potential_candidate_update{}.validate()) ==
          "potential_candidate_update: empty body; set at least one field");
    // Clearing a field is something to send.
    tr::candidate_update clear_email;
    clear_email.email = tr::null;
    CHECK(clear_email.validate().has_value());
    tr::role_update make_private;
    make_private.is_public = false;
    CHECK(make_private.validate().has_value());
}

TEST_CASE("candidate_update refuses empty strings and says how to clear") {
    tr::candidate_update u;
    u.status = "";
    CHECK(invalid(u.validate()) == "candidate_update.status must not be empty");
    u = {};
    u.full_name = "";
    CHECK(invalid(u.validate()) == "candidate_update.full_name must not be empty");
    u = {};
    u.email = "";
    CHECK(invalid(u.validate()) == "candidate_update.email must not be empty (assign talentray::null to clear it)");
    u = {};
    u.summary = "";  // an empty summary is a legitimate value
    CHECK(u.validate().has_value());
}

TEST_CASE("role_update and test_update check their fields") {
    tr::role_update r;
    r.name = "";
    CHECK(invalid(r.validate()) == "role_update.name must not be empty");
    r = {};
    r.work_type = "four-day-week";  // open vocabulary: the server decides
    CHECK(r.validate().has_value());

    tr::test_update t;
    t.language = "english";
    CHECK(invalid(t.validate()) == "test_update.language must be a two-letter ISO 639-1 code such as \"en\"");
    t.language = "EN";
    CHECK_FALSE(t.validate().has_value());
    t.language = "en";
    CHECK(t.validate().has_value());
    t.duration = -5;
    CHECK(invalid(t.validate()) == "test_update.duration must not be negative");
    t.duration = 45;
    t.type = "";
    CHECK(invalid(t.validate()) == "test_update.type must not be empty");
}

TEST_CASE("potential_candidate_create needs a name and an organization") {
    tr::potential_candidate_create c;
    CHECK(invalid(c.validate()) == "potential_candidate_create.full_name is required");
    c.full_name = "Sam Lee";
    CHECK(invalid(c.validate()) == "potential_candidate_create.organization_id is required");
    c.organization_id = "org_acme";
    CHECK(c.validate().has_value());
    c.skills = std::vector<std::string>{"python", ""};
    CHECK(invalid(c.validate()) == "potential_candidate_create.skills[1] must not be empty");
    c.skills.reset();
    c.contact_email = "";
    CHECK(invalid(c.validate()) == "potential_candidate_create.contact_email must not be empty");
}

TEST_CASE("potential_candidate_create sends the required fields and only the optional ones set") {
    tr::potential_candidate_create c{.full_name = "Sam Lee", .organization_id = "org_acme"};
    c.skills = std::vector<std::string>{"python", "sql"};
    CHECK(tr::encode(c) ==
          boost::json::parse(R"({"fullName": "Sam Lee", "organizationId": "org_acme", "skills": ["python", "sql"]})"));
}

TEST_CASE("potential_candidate_update checks its fields") {
    tr::potential_candidate_update u;
    u.contact_email = "";
    CHECK(invalid(u.validate()) ==
          "potential_candidate_update.contact_email must not be empty (assign talentray::null to clear it)");
    u.contact_email = tr::null;
    u.skills = std::vector<std::string>{};  // replacing the list with an empty one is allowed
    CHECK(u.validate().has_value());
    CHECK(tr::encode(u) == boost::json::parse(R"({"contactEmail": null, "skills": []})"));
}

TEST_CASE("create_api_key_request follows the documented rules") {
    tr::create_api_key_request r{.name = "Karaca SAP nightly sync", .user_id = "user_abc123"};
    CHECK(r.validate().has_value());
    CHECK(tr::encode(r) == boost::json::parse(R"({"name": "Karaca SAP nightly sync", "userId": "user_abc123"})"));

    r.expires_in_days = 0;
    CHECK(invalid(r.validate()) == "create_api_key_request.expires_in_days must be 1..365, got 0");
    r.expires_in_days = 366;
    CHECK(invalid(r.validate()) == "create_api_key_request.expires_in_days must be 1..365, got 366");
    r.expires_in_days = 365;
    CHECK(r.validate().has_value());
    r.expires_in_days = 1;
    CHECK(r.validate().has_value());

    r.name = std::string(255, 'n');
    CHECK(r.validate().has_value());
    r.name = std::string(256, 'n');
    CHECK(invalid(r.validate()) == "create_api_key_request.name must be at most 255 characters");
    // Counted as a JavaScript server counts: 255 two-byte characters fit...
    r.name.clear();
    for (int i = 0; i < 255; ++i) r.name += "\xC3\xA9";  // é
    CHECK(r.validate().has_value());
    // ...128 characters outside the BMP take 256 UTF-16 units and do not.
    r.name.clear();
    for (int i = 0; i < 128; ++i) r.name += "\xF0\x9F\x98\x80";  // U+1F600
    CHECK_FALSE(r.validate().has_value());

    r.name = "";
    CHECK(invalid(r.validate()) == "create_api_key_request.name is required");
    r.name = "n";
    r.user_id = "";
    CHECK(invalid(r.validate()) == "create_api_key_request.user_id is required");
}

TEST_CASE("create_api_key_request sends scopes only when set, and checks them") {
    tr::create_api_key_request r{.name = "n", .user_id = "u", .expires_in_days = 30};
    r.scopes = std::vector<std::string>{"candidates:read", "roles:read"};
    CHECK(r.validate().has_value());
    CHECK(tr::encode(r) == boost::json::parse(
                               R"({"name": "n", "userId": "u", "expiresInDays": 30, "scopes": ["candidates:read", "roles:read"]})"));
    r.scopes = std::vector<std::string>{"candidates:read", "roles: read"};
    CHECK(invalid(r.validate()) == "create_api_key_request.scopes[1] must not contain spaces or control characters");
    r.scopes = std::vector<std::string>{""};
    CHECK(invalid(r.validate()) == "create_api_key_request.scopes[0] must not be empty");
}

TEST_CASE("apply_request needs a role") {
    tr::apply_request a;
    CHECK(invalid(a.validate()) == "apply_request.role_id is required");
    a.role_id = "clx123abc";
    CHECK(a.validate().has_value());
    CHECK(tr::encode(a) == boost::json::parse(R"({"roleId": "clx123abc"})"));
    a.locale = "";
    CHECK(invalid(a.validate()) == "apply_request.locale must not be empty");
    a.locale = "de";
    CHECK(tr::encode(a) == boost::json::parse(R"({"roleId": "clx123abc", "locale": "de"})"));
}
