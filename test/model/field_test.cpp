#include <talentray/model/candidate.hpp>
#include <talentray/model/field.hpp>
#include <talentray/model/role.hpp>

#include <catch2/catch.hpp>

namespace tr = talentray;

TEST_CASE("nullable_field has three distinct states") {
    tr::nullable_field<std::string> absent;
    CHECK(absent.is_absent());
    CHECK_FALSE(absent.is_null());
    CHECK_FALSE(absent.has_value());

    tr::nullable_field<std::string> cleared = tr::null;
    CHECK(cleared.is_null());
    CHECK_FALSE(cleared.is_absent());
    CHECK_FALSE(cleared.has_value());

    tr::nullable_field<std::string> set = "x@y.z";
    CHECK(set.has_value());
    CHECK(*set == "x@y.z");
    CHECK(set.value() == "x@y.z");
    CHECK(set->size() == 5);

    CHECK(absent != cleared);
    CHECK(cleared != set);
    CHECK(absent != set);
    CHECK(cleared == tr::null);
    CHECK(set == std::string("x@y.z"));
}

TEST_CASE("nullable_field moves between states by assignment") {
    tr::nullable_field<int> f;
    f = 5;
    CHECK(f.has_value());
    CHECK(*f == 5);
    f = tr::null;
    CHECK(f.is_null());
    CHECK_THROWS_AS(f.value(), std::bad_optional_access);
    f = {};
    CHECK(f.is_absent());
    f = 0;  // zero is a value, not "absent"
    CHECK(f.has_value());
    f.reset();
    CHECK(f.is_absent());
    CHECK_THROWS_AS(f.value(), std::bad_optional_access);
}

TEST_CASE("an update body sends set fields, null for cleared fields and nothing for the rest") {
    tr::candidate_update update;
    update.status = "Hired";
    update.email = tr::null;
    update.phone = "+905551112233";
    const boost::json::value json = tr::encode(update);
    CHECK(json == boost::json::parse(R"({"status": "Hired", "email": null, "phone": "+905551112233"})"));
    CHECK_FALSE(json.as_object().contains("fullName"));
    CHECK_FALSE(json.as_object().contains("summary"));

    CHECK(tr::encode(tr::candidate_update{}) == boost::json::object{});
}

TEST_CASE("a role update clears integers with null and sets them with numbers") {
    tr::role_update update;
    update.salary_min = tr::null;
    update.salary_max = std::int64_t{1} << 40;  // larger than any int, kept exactly
    update.target_hire_count = 0;
    update.is_public = false;
    CHECK(tr::encode(update) == boost::json::parse(R"({"salaryMin": null, "salaryMax": 1099511627776,
                                                        "targetHireCount": 0, "isPublic": false})"));
}

TEST_CASE("decoding an update body keeps absent, null and set apart") {
    auto update = tr::decode<tr::candidate_update>(boost::json::parse(R"({"email": null, "phone": "+1"})"));
    REQUIRE(update.has_value());
    CHECK(update->email.is_null());
    CHECK(update->phone == std::string("+1"));
    CHECK(update->summary.is_absent());
    CHECK_FALSE(update->full_name.has_value());
}
