// /api/v1/sourcing through client::sourcing(): list_page, get, create, update, remove
// (§7.20-7.24).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

using namespace api_test;

namespace {

tr::potential_candidate_create new_lead() {
    tr::potential_candidate_create lead;
    lead.full_name = "Sam Lee";
    lead.organization_id = "org_acme";
    lead.email = "sam.cv@example.com";
    lead.skills = std::vector<std::string>{"python", "sql"};
    return lead;
}

}  // namespace

TEST_CASE("sourcing list_page and get: leads the key can see, filters by their documented names") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    const tr::offset_page<tr::potential_candidate> all = fixture.run(employer.sourcing().list_page());
    REQUIRE_FALSE(all.data.empty());

    tr::list_potential_candidates_params params;
    params.status = all.data.front().status;
    params.page_size = 5;
    const auto by_status = fixture.run(employer.sourcing().try_list_page(params));
    REQUIRE(by_status);
    CHECK(by_status->pagination.page_size == 5);
    for (const auto& lead : by_status->data) CHECK(lead.status == params.status);

    tr::list_potential_candidates_params for_role;
    for_role.role_id = "role_nope";
    CHECK(fixture.run(employer.sourcing().list_page(for_role)).pagination.total_count == 0);
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/sourcing");

    const tr::potential_candidate fetched = fixture.run(employer.sourcing().get(all.data.front().id));
    CHECK(fetched == all.data.front());
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/sourcing/" + fetched.id);

    const auto missing = fixture.run(employer.sourcing().try_get("pc_99999"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == tr::errc::not_found);
}

TEST_CASE("sourcing create: 201 with the new lead, linked to its organization") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::potential_candidate created = fixture.run(employer.sourcing().create(new_lead()));
    CHECK(created.full_name == "Sam Lee");
    CHECK(created.email == "sam.cv@example.com");
    CHECK(created.skills == std::vector<std::string>{"python", "sql"});
    CHECK(created.status == "uploaded");
    REQUIRE(created.organizations.size() == 1);
    CHECK(created.organizations.front().organization_id == "org_acme");
    CHECK(created.roles.empty());
    CHECK(fixture.server.stats().responses_by_status.at(201) == 1);
    CHECK(fixture.server.stats().executions("POST /api/v1/sourcing") == 1);
    CHECK(fixture.last_request_of(fixture.keys().employer) == "POST /api/v1/sourcing");
    CHECK(fixture.run(employer.sourcing().get(created.id)) == created);
}

TEST_CASE("sourcing create: 400 with details, 403 forbidden, local refusals") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    tr::potential_candidate_create unknown_org = new_lead();
    unknown_org.organization_id = "org_nope";
    const auto invalid = fixture.run(employer.sourcing().try_create(unknown_org));
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == tr::errc::bad_request);
    CHECK(invalid.error().diag.api_code == "bad_request");
    CHECK_FALSE(invalid.error().diag.details.empty());

    const tr::client manager = fixture.client_for(fixture.keys().hiring_manager);
    const auto forbidden = fixture.run(manager.sourcing().try_create(new_lead()));
    REQUIRE_FALSE(forbidden);
    CHECK(forbidden.error().code == tr::errc::forbidden);

    tr::potential_candidate_create nameless = new_lead();
    nameless.full_name.clear();
    const auto refused = fixture.run(employer.sourcing().try_create(nameless));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_argument);
    CHECK_THAT(refused.error().diag.client_message, Catch::Contains("full_name"));
    CHECK(fixture.route_count("POST /api/v1/sourcing") == 2);
    CHECK(fixture.server.stats().executions("POST /api/v1/sourcing") == 0);
}

TEST_CASE("sourcing create: a POST whose response is lost is not sent again") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    fixture.run(employer.me());  // a pooled connection, so the lost response hits a reused one
    mock::fault_options faults;
    faults.drop_before_header_rate = 1.0;  // the server creates the lead, then hangs up
    fixture.server.set_faults(faults);

    const auto lost = fixture.run(employer.sourcing().try_create(new_lead()));
    REQUIRE_FALSE(lost);
    CHECK(lost.error().diag.http_status == 0);
    CHECK(fixture.route_count("POST /api/v1/sourcing") == 1);
    CHECK(fixture.server.stats().executions("POST /api/v1/sourcing") == 1);
}

TEST_CASE("sourcing update: skills replaced, contact cleared; 400, 403, 404") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::potential_candidate lead = fixture.run(employer.sourcing().create(new_lead()));

    tr::potential_candidate_update changes;
    changes.skills = std::vector<std::string>{"go"};
    changes.contact_email = tr::null;
    changes.status = "parsed";
    const tr::potential_candidate after = fixture.run(employer.sourcing().update(lead.id, changes));
    CHECK(after.skills == std::vector<std::string>{"go"});
    CHECK_FALSE(after.contact_email);
    CHECK(after.status == "parsed");
    CHECK(after.email == lead.email);
    CHECK(fixture.last_request_of(fixture.keys().employer) == "PATCH /api/v1/sourcing/" + lead.id);

    tr::potential_candidate_update bad_email;
    bad_email.email = "nope";
    const auto invalid = fixture.run(employer.sourcing().try_update(lead.id, bad_email));
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == tr::errc::bad_request);
    CHECK(invalid.error().diag.details.size() == 1);

    const tr::client manager = fixture.client_for(fixture.keys().hiring_manager);
    const auto forbidden = fixture.run(manager.sourcing().try_update(lead.id, changes));
    REQUIRE_FALSE(forbidden);
    CHECK(forbidden.error().code == tr::errc::forbidden);

    const auto missing = fixture.run(employer.sourcing().try_update("pc_99999", changes));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == tr::errc::not_found);
    CHECK(fixture.server.stats().executions("PATCH /api/v1/sourcing/{id}") == 1);
}

TEST_CASE("sourcing remove: 204, then the lead is gone; 403 and 404") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    const tr::potential_candidate lead = fixture.run(employer.sourcing().create(new_lead()));

    const tr::client manager = fixture.client_for(fixture.keys().hiring_manager);
    const auto forbidden = fixture.run(manager.sourcing().try_remove(lead.id));
    REQUIRE_FALSE(forbidden);
    CHECK(forbidden.error().code == tr::errc::forbidden);

    fixture.run(employer.sourcing().remove(lead.id));
    CHECK(fixture.server.stats().responses_by_status.at(204) == 1);
    CHECK(fixture.last_request_of(fixture.keys().employer) == "DELETE /api/v1/sourcing/" + lead.id);
    const auto gone = fixture.run(employer.sourcing().try_get(lead.id));
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == tr::errc::not_found);

    const auto again = fixture.run(employer.sourcing().try_remove(lead.id));
    REQUIRE_FALSE(again);
    CHECK(again.error().code == tr::errc::not_found);
    CHECK_THROWS_AS(fixture.run(employer.sourcing().remove("")), tr::error);
    CHECK(fixture.server.stats().executions("DELETE /api/v1/sourcing/{id}") == 1);
}
