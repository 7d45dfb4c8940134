// /api/public/portal through client::career_portal(): portal, job, apply (§7.5-7.7).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

using namespace api_test;

namespace {

tr::apply_request application(std::string role_id) {
    tr::apply_request request;
    request.role_id = std::move(role_id);
    request.locale = "en";
    return request;
}

}  // namespace

TEST_CASE("career portal: open public roles, salaries only where the portal shows them") {
    api_fixture fixture;
    const tr::client anonymous = fixture.keyless_client();

    const tr::career_portal acme = fixture.run(anonymous.career_portal().portal("acme"));
    CHECK(acme.org.slug == "acme");
    CHECK(acme.org.name == "Acme Inc.");
    CHECK(acme.org.portal_theme.show_salary);
    REQUIRE_FALSE(acme.roles.empty());
    for (const tr::portal_role& r : acme.roles) {
        INFO(r.id);
        CHECK(r.id != "role_data");   // not public
        CHECK(r.id != "role_sales");  // paused
        CHECK(r.salary_min);
        CHECK(r.salary_currency);
    }
    CHECK(fixture.route_count("GET /api/public/portal/{orgSlug}") == 1);

    const tr::career_portal globex = fixture.run(anonymous.career_portal().portal("globex"));
    CHECK_FALSE(globex.org.portal_theme.show_salary);
    REQUIRE_FALSE(globex.roles.empty());
    for (const tr::portal_role& r : globex.roles) {
        CHECK_FALSE(r.salary_min);
        CHECK_FALSE(r.salary_period);
    }

    for (const char* slug : {"initech", "nope"}) {
        INFO(slug);
        const auto missing = fixture.run(anonymous.career_portal().try_portal(slug));
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == tr::errc::not_found);
        CHECK(missing.error().diag.http_status == 404);
        CHECK_FALSE(missing.error().diag.api_message.empty());
    }
}

TEST_CASE("career portal job: one open public role; 404 when it is not") {
    api_fixture fixture;
    const tr::client anonymous = fixture.keyless_client();
    const tr::public_job job = fixture.run(anonymous.career_portal().job("acme", "role_eng_be"));
    CHECK(job.org.slug == "acme");
    CHECK(job.role.id == "role_eng_be");
    CHECK(job.role.name == "Senior Backend Engineer");
    CHECK(job.role.work_type == "remote");
    CHECK(fixture.route_count("GET /api/public/portal/{orgSlug}/roles/{roleId}") == 1);

    for (const auto& [slug, role] : {std::pair{"acme", "role_data"}, std::pair{"acme", "role_globex_eng_be"},
                                     std::pair{"initech", "role_initech_eng_be"}}) {
        INFO(slug << '/' << role);
        const auto missing = fixture.run(anonymous.career_portal().try_job(slug, role));
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == tr::errc::not_found);
    }
}

TEST_CASE("career portal apply: an invite URL, reused for the same application; 400 and 404") {
    api_fixture fixture;
    const tr::client anonymous = fixture.keyless_client();

    const tr::invite first = fixture.run(anonymous.career_portal().apply("acme", application("role_eng_be")));
    CHECK_THAT(first.invite_url, Catch::StartsWith("https://app.talent-ray.com/en/signup/invite/"));
    const tr::invite again = fixture.run(anonymous.career_portal().apply("acme", application("role_eng_be")));
    CHECK(again.invite_url == first.invite_url);
    CHECK(fixture.server.stats().executions("POST /api/public/portal/{orgSlug}/apply") == 2);

    tr::apply_request odd_locale = application("role_eng_be");
    odd_locale.locale = "not a locale";
    const auto invalid = fixture.run(anonymous.career_portal().try_apply("acme", odd_locale));
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == tr::errc::bad_request);
    CHECK_THAT(invalid.error().diag.api_message, Catch::StartsWith("locale"));

    const auto closed = fixture.run(anonymous.career_portal().try_apply("acme", application("role_support")));
    REQUIRE_FALSE(closed);
    CHECK(closed.error().code == tr::errc::not_found);

    const auto refused = fixture.run(anonymous.career_portal().try_apply("acme", application("")));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_argument);
    CHECK_THAT(refused.error().diag.client_message, Catch::Contains("role_id"));
    CHECK(fixture.route_count("POST /api/public/portal/{orgSlug}/apply") == 4);
}

TEST_CASE("career portal: no credentials are sent even when the client has a key") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    fixture.run(employer.career_portal().portal("acme"));
    fixture.run(employer.career_portal().job("acme", "role_eng_be"));
    fixture.run(employer.career_portal().apply("acme", application("role_eng_be")));
    const auto stats = fixture.server.stats();
    CHECK(stats.requests == 3);
    CHECK(stats.requests_by_key.empty());  // no request authenticated as any key
    // ...while the same client's authenticated calls do carry the key.
    fixture.run(employer.me());
    CHECK(fixture.server.stats().requests_by_key.at(fixture.keys().employer.id) == 1);
}

TEST_CASE("career portal: a 500 comes back as server_error") {
    api_fixture fixture;
    const tr::client anonymous = fixture.keyless_client();
    mock::fault_options faults;
    faults.server_error_rate = 1.0;
    fixture.server.set_faults(faults);
    tr::call_options once;
    once.retry = tr::retry_options{};
    once.retry->max_attempts = 1;
    const auto failed = fixture.run(anonymous.career_portal().try_portal("acme", once));
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == tr::errc::server_error);
    CHECK(failed.error().diag.http_status == 500);
    CHECK(fixture.route_count("GET /api/public/portal/{orgSlug}") == 1);
}
