// Decoding is tolerant where the API may grow and strict where a value would be wrong, and
// every failure names the JSON path.
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

#include <cstdint>

namespace tr = talentray;
namespace ex = contract_examples;
namespace json = boost::json;

namespace {

template <class T>
std::string decode_failure(const json::value& body) {
    tr::result<T> decoded = tr::decode<T>(body);
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().code == tr::errc::invalid_response);
    return decoded.error().diag.client_message;
}

json::object candidate_item() {
    return json::parse(ex::candidates_page).at("data").at(0).as_object();
}

// A page of `count` valid candidates.
json::value candidates_page(std::size_t count) {
    json::array data;
    for (std::size_t i = 0; i < count; ++i) data.push_back(candidate_item());
    return json::object{{"data", data},
                        {"pagination", {{"page", 0}, {"pageSize", 20}, {"totalCount", count}, {"totalPages", 1}}}};
}

json::value& first_role_of(json::value& page, std::size_t item) {
    return page.at("data").at(item).at("roles").at(0);
}

}  // namespace

TEST_CASE("a wrong type names the full JSON path") {
    json::value page = candidates_page(4);
    first_role_of(page, 3).as_object()["overallFitScore"] = "82";
    CHECK(decode_failure<tr::offset_page<tr::candidate>>(page) ==
          "data[3].roles[0].overallFitScore: expected integer, got string");
}

TEST_CASE("a missing required field names its path") {
    json::value page = candidates_page(2);
    page.at("data").at(1).as_object().erase("fullName");
    CHECK(decode_failure<tr::offset_page<tr::candidate>>(page) == "data[1].fullName: required field is missing");

    json::value no_pagination = candidates_page(1);
    no_pagination.as_object().erase("pagination");
    CHECK(decode_failure<tr::offset_page<tr::candidate>>(no_pagination) == "pagination: required field is missing");
}

TEST_CASE("null in a required field is a wrong type") {
    json::object item = candidate_item();
    item["id"] = nullptr;
    CHECK(decode_failure<tr::candidate>(item) == "id: expected string, got null");
    item = candidate_item();
    item["roles"] = nullptr;
    CHECK(decode_failure<tr::candidate>(item) == "roles: expected array, got null");
}

TEST_CASE("each JSON kind is named in messages") {
    json::object item = candidate_item();
    item["status"] = true;
    CHECK(decode_failure<tr::candidate>(item) == "status: expected string, got boolean");
    item = candidate_item();
    item["status"] = 1.5;
    CHECK(decode_failure<tr::candidate>(item) == "status: expected string, got number");
    item = candidate_item();
    item["roles"] = json::object{};
    CHECK(decode_failure<tr::candidate>(item) == "roles: expected array, got object");
    item = candidate_item();
    item["roles"] = json::array{"role_eng_be"};
    CHECK(decode_failure<tr::candidate>(item) == "roles[0]: expected object, got string");
    item = candidate_item();
    item["roles"].as_array()[0].as_object()["approved"] = 0;
    CHECK(decode_failure<tr::candidate>(item) == "roles[0].approved: expected boolean, got integer");
}

TEST_CASE("the wrong shape of the whole body is reported at the root") {
    CHECK(decode_failure<tr::candidate>(json::array{}) == "(root): expected object, got array");
    CHECK(decode_failure<tr::me>(json::value(nullptr)) == "(root): expected object, got null");
}

TEST_CASE("integers are range-checked, never truncated") {
    const std::int64_t two_pow_40 = std::int64_t{1} << 40;
    json::object item = candidate_item();
    item["roles"].as_array()[0].as_object()["overallFitScore"] = two_pow_40;
    CHECK(decode_failure<tr::candidate>(item) ==
          "roles[0].overallFitScore: integer 1099511627776 is out of range -2147483648..2147483647");

    // The same value fits a 64-bit member.
    json::value keys = json::parse(ex::api_keys);
    keys.at("data").at(0).as_object()["requestCount"] = two_pow_40;
    auto decoded = tr::decode<tr::legacy_success<std::vector<tr::api_key>>>(keys);
    REQUIRE(decoded.has_value());
    CHECK(decoded->data[0].request_count == two_pow_40);

    // Above INT64_MAX (Boost.JSON holds it as uint64).
    keys.at("data").at(0).as_object()["requestCount"] = std::uint64_t{18446744073709551615u};
    CHECK(decode_failure<tr::legacy_success<std::vector<tr::api_key>>>(keys) ==
          "data[0].requestCount: integer 18446744073709551615 is out of range "
          "-9223372036854775808..9223372036854775807");

    // A value built in code may hold a small number as uint64; it is still just a number.
    keys.at("data").at(0).as_object()["requestCount"] = std::uint64_t{1250};
    CHECK(tr::decode<tr::legacy_success<std::vector<tr::api_key>>>(keys).value().data[0].request_count == 1250);
    keys.at("data").at(0).as_object()["requestCount"] = std::uint64_t{9223372036854775808u};
    CHECK(decode_failure<tr::legacy_success<std::vector<tr::api_key>>>(keys) ==
          "data[0].requestCount: integer 9223372036854775808 is out of range "
          "-9223372036854775808..9223372036854775807");

    json::value role = json::parse(ex::role);
    role.as_object()["targetHireCount"] = -2147483649LL;
    CHECK(decode_failure<tr::role>(role) ==
          "targetHireCount: integer -2147483649 is out of range -2147483648..2147483647");
}

TEST_CASE("integral numbers written with a fraction or exponent are integers; fractions are not") {
    json::object item = candidate_item();
    item["roles"].as_array()[0].as_object()["overallFitScore"] = json::parse("82.0");
    auto decoded = tr::decode<tr::candidate>(item);
    REQUIRE(decoded.has_value());
    CHECK(decoded->roles[0].overall_fit_score == 82);

    item["roles"].as_array()[0].as_object()["overallFitScore"] = json::parse("1e2");
    CHECK(tr::decode<tr::candidate>(item).value().roles[0].overall_fit_score == 100);

    item["roles"].as_array()[0].as_object()["overallFitScore"] = 82.5;
    CHECK(decode_failure<tr::candidate>(item) == "roles[0].overallFitScore: expected integer, got number 82.5");

    item["roles"].as_array()[0].as_object()["overallFitScore"] = json::parse("1e10");
    CHECK(decode_failure<tr::candidate>(item) ==
          "roles[0].overallFitScore: integer 10000000000 is out of range -2147483648..2147483647");
}

TEST_CASE("a malformed date-time names its path and the problem") {
    json::value page = candidates_page(1);
    page.at("data").at(0).as_object()["createdAt"] = "2026-13-01T00:00:00Z";
    CHECK(decode_failure<tr::offset_page<tr::candidate>>(page) ==
          "data[0].createdAt: invalid ISO 8601 timestamp \"2026-13-01T00:00:00Z\": month 13 is out of range 01..12");
    page.at("data").at(0).as_object()["createdAt"] = 1780587045;
    CHECK(decode_failure<tr::offset_page<tr::candidate>>(page) ==
          "data[0].createdAt: expected date-time string, got integer");
}

TEST_CASE("unknown fields are ignored at every level") {
    json::value page = candidates_page(1);
    page.as_object()["links"] = json::object{{"next", "/api/v1/candidates?page=1"}};
    page.at("pagination").as_object()["cursor"] = "abc";
    page.at("data").at(0).as_object()["avatarUrl"] = "https://example.com/a.png";
    first_role_of(page, 0).as_object()["stage"] = json::object{{"nested", json::array{1, 2}}};
    auto decoded = tr::decode<tr::offset_page<tr::candidate>>(page);
    if (!decoded) FAIL(decoded.error().diag.client_message);
    // ...and are not invented on the way back.
    CHECK(tr::encode(*decoded) == candidates_page(1));
}

TEST_CASE("unknown values of open vocabularies are kept as they are") {
    json::value steps = json::parse(ex::candidate_steps);
    steps.at("data").at(0).as_object()["stepType"] = "video_interview";
    steps.at("data").at(0).as_object()["status"] = "on_hold";
    auto decoded = tr::decode<tr::full_list<tr::candidate_step>>(steps);
    REQUIRE(decoded.has_value());
    CHECK(decoded->data[0].step_type == "video_interview");
    CHECK(decoded->data[0].status == "on_hold");

    json::value batch = json::parse(ex::cv_screening_batch);
    batch.as_object()["status"] = "failed";
    CHECK(tr::decode<tr::cv_screening_batch>(batch).value().status == "failed");

    json::value who = json::parse(ex::me);
    who.at("auth").as_object()["type"] = "oauth";
    CHECK(tr::decode<tr::me>(who).value().auth.type == "oauth");
}

namespace {

// For each key: the model decodes when the key is null and when it is absent, and encoding
// writes null (nullable) or leaves the key out (omittable) for the empty member.
template <class T>
void check_nullable_keys(const json::value& example, json::array path_to_object,
                         std::initializer_list<std::string_view> keys, bool encoded_as_null) {
    for (std::string_view key : keys) {
        for (bool remove : {false, true}) {
            INFO("key " << key << (remove ? " absent" : " null"));
            json::value body = example;
            json::value* target = &body;
            for (const json::value& step : path_to_object)
                target = step.is_string() ? &target->at(step.as_string()) : &target->at(step.to_number<std::size_t>());
            if (remove)
                target->as_object().erase(key);
            else
                target->as_object()[key] = nullptr;
            tr::result<T> decoded = tr::decode<T>(body);
            if (!decoded) FAIL(decoded.error().diag.client_message);
            json::value encoded = tr::encode(*decoded);
            json::value* encoded_target = &encoded;
            for (const json::value& step : path_to_object)
                encoded_target = step.is_string() ? &encoded_target->at(step.as_string())
                                                  : &encoded_target->at(step.to_number<std::size_t>());
            const json::value* written = encoded_target->as_object().if_contains(key);
            if (encoded_as_null) {
                REQUIRE(written);
                CHECK(written->is_null());
            } else {
                CHECK_FALSE(written);
            }
        }
    }
}

}  // namespace

TEST_CASE("every nullable field may be null or absent") {
    check_nullable_keys<tr::offset_page<tr::candidate>>(json::parse(ex::candidates_page), {"data", 0},
                                                        {"email", "phone"}, true);
    check_nullable_keys<tr::full_list<tr::candidate_step>>(json::parse(ex::candidate_steps), {"data", 0},
        {"startedAt", "completedAt", "validatedAt", "rejectedAt", "validationScore", "rejectionReason",
         "offerResponse"},
        true);
    check_nullable_keys<tr::role>(json::parse(ex::role), {},
                                  {"priority", "department", "location", "workType", "salaryMin", "salaryMax",
                                   "salaryCurrency", "salaryPeriod", "targetHireCount", "roleLevel"},
                                  true);
    check_nullable_keys<tr::full_list<tr::role_step>>(json::parse(ex::role_steps), {"data", 0}, {"description", "passingScore"},
                                                      true);
    check_nullable_keys<tr::test>(json::parse(ex::test), {},
                                  {"description", "duration", "targetPersona", "analysisCategory", "language"}, true);
    check_nullable_keys<tr::potential_candidate>(json::parse(ex::potential_candidate), {},
                                                 {"email", "contactEmail", "phone", "summary", "candidateId"}, true);
    check_nullable_keys<tr::legacy_success<std::vector<tr::api_key>>>(json::parse(ex::api_keys), {"data", 0},
                                                                      {"name", "lastRequest", "expiresAt"}, true);
    check_nullable_keys<tr::legacy_success<std::vector<tr::api_key>>>(json::parse(ex::api_keys), {"data", 0, "owner"}, {"name", "platformRole", "orgRole", "organizationId"}, true);
    check_nullable_keys<tr::legacy_success<tr::api_key_usage>>(json::parse(ex::api_key_usage), {"data", "key"},
                                                               {"name", "lastRequest"}, true);
    check_nullable_keys<tr::legacy_success<tr::api_key_usage>>(json::parse(ex::api_key_usage), {"data", "key", "owner"},
                                                               {"name"}, true);
    check_nullable_keys<tr::legacy_success<tr::api_key_usage>>(json::parse(ex::api_key_usage), {"data", "rows", 0},
                                                               {"ip", "userAgent", "authEndpoint"}, true);
    check_nullable_keys<tr::legacy_success<tr::api_key_usage>>(json::parse(ex::api_key_usage), {"data", "pagination"},
                                                               {"nextBefore"}, true);
    check_nullable_keys<tr::career_portal>(json::parse(ex::career_portal), {"org"}, {"logo", "domain"}, true);
    check_nullable_keys<tr::career_portal>(json::parse(ex::career_portal), {"roles", 0},
                                           {"description", "department", "location", "workType", "collarType"}, true);
    // Fields the API omits rather than nulls stay omitted.
    check_nullable_keys<tr::career_portal>(json::parse(ex::career_portal), {"roles", 0},
                                           {"salaryMin", "salaryMax", "salaryCurrency", "salaryPeriod"}, false);
    check_nullable_keys<tr::career_portal>(json::parse(ex::career_portal), {"org", "portalTheme"}, {"primaryColor"}, false);
    check_nullable_keys<tr::me>(json::parse(ex::me), {"auth"}, {"keyId", "scopes"}, false);
}

TEST_CASE("nested objects and array elements report their own paths") {
    json::value keys = json::parse(ex::api_keys);
    keys.at("data").as_array().push_back(keys.at("data").at(0));
    keys.at("data").at(1).at("owner").as_object().erase("email");
    CHECK(decode_failure<tr::legacy_success<std::vector<tr::api_key>>>(keys) ==
          "data[1].owner.email: required field is missing");

    json::value lead = json::parse(ex::potential_candidate);
    lead.at("skills").as_array().push_back(7);
    CHECK(decode_failure<tr::potential_candidate>(lead) == "skills[2]: expected string, got integer");

    json::value batch = json::parse(ex::cv_screening_batch);
    batch.at("data").at(0).at("organizations").at(0).as_object()["status"] = json::array{};
    CHECK(decode_failure<tr::cv_screening_batch>(batch) == "data[0].organizations[0].status: expected string, got array");
    batch = json::parse(ex::cv_screening_batch);
    batch.at("pagination").as_object()["totalPages"] = "2";
    CHECK(decode_failure<tr::cv_screening_batch>(batch) == "pagination.totalPages: expected integer, got string");
}

TEST_CASE("the legacy envelope must say success") {
    json::value body = json::parse(ex::created_api_key);
    body.as_object()["success"] = false;
    CHECK(decode_failure<tr::legacy_success<tr::created_api_key>>(body) == "success: expected true, got false");
    body.as_object().erase("success");
    CHECK(decode_failure<tr::legacy_success<tr::created_api_key>>(body) == "success: required field is missing");
    body.as_object()["success"] = "true";
    CHECK(decode_failure<tr::legacy_success<tr::created_api_key>>(body) == "success: expected boolean, got string");
}

TEST_CASE("request bodies are read as strictly as the server reads them") {
    // Fields that cannot be cleared refuse null.
    CHECK(decode_failure<tr::candidate_update>(json::parse(R"({"fullName": null})")) ==
          "fullName: expected string, got null");
    CHECK(decode_failure<tr::role_update>(json::parse(R"({"isPublic": null})")) ==
          "isPublic: expected boolean, got null");
    CHECK(decode_failure<tr::role_update>(json::parse(R"({"salaryMin": "90000"})")) ==
          "salaryMin: expected integer, got string");
    CHECK(decode_failure<tr::potential_candidate_create>(json::parse(R"({"organizationId": "org_acme"})")) ==
          "fullName: required field is missing");
    CHECK(decode_failure<tr::create_api_key_request>(json::parse(R"({"name": "n", "userId": "u", "scopes": "all"})")) ==
          "scopes: expected array, got string");
    // Unknown fields are ignored, as the server does.
    auto update = tr::decode<tr::test_update>(json::parse(R"({"questions": [], "duration": 20})"));
    REQUIRE(update.has_value());
    CHECK(update->duration == 20);
}

TEST_CASE("decode_or_throw throws talentray::error with the path") {
    json::object item = candidate_item();
    item.erase("status");
    try {
        (void)tr::decode_or_throw<tr::candidate>(item);
        FAIL("decode_or_throw did not throw");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::invalid_response);
        CHECK(std::string(e.what()).find("status: required field is missing") != std::string::npos);
    }
}
