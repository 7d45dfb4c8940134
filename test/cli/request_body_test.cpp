// Building create/update bodies from field flags and --body.
#include "request_body.hpp"
#include "usage_error.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <array>

using namespace talentray::cli;

namespace {

constexpr std::array<field_spec, 5> specs{{
    {"fullName", "full-name", field_type::string, false, true, ""},
    {"email", "email", field_type::string, true, false, ""},
    {"salaryMin", "salary-min", field_type::integer, true, false, ""},
    {"isPublic", "is-public", field_type::boolean, false, false, ""},
    {"skills", "skills", field_type::string_list, true, false, ""},
}};

field_input given(std::vector<std::string> values) { return {true, std::move(values), false}; }
field_input cleared() { return {false, {}, true}; }

std::string built(std::array<field_input, 5> inputs, const char* base = "{}") {
    return boost::json::serialize(build_body(specs, inputs, boost::json::parse(base).as_object()));
}

}  // namespace

TEST_CASE("body: each flag becomes its field with the field's JSON type") {
    CHECK(built({given({"Jane Doe"}), given({"jane@example.com"}), given({"90000"}), given({"false"}),
                 given({"python", "sql"})}) ==
          R"({"fullName":"Jane Doe","email":"jane@example.com","salaryMin":90000,"isPublic":false,"skills":["python","sql"]})");
}

TEST_CASE("body: --clear-FIELD sends null, or the empty list for a list; absent flags send nothing") {
    CHECK(built({given({"Jane"}), cleared(), cleared(), {}, cleared()}) ==
          R"({"fullName":"Jane","email":null,"salaryMin":null,"skills":[]})");
    CHECK(built({given({"Jane"}), {}, {}, {}, {}}) == R"({"fullName":"Jane"})");
}

TEST_CASE("body: flags override the same field of --body; other --body fields stay") {
    CHECK(built({field_input{}, given({"new@example.com"}), {}, {}, {}}, R"({"fullName":"From Body","email":"old@example.com"})") ==
          R"({"fullName":"From Body","email":"new@example.com"})");
    CHECK(built({field_input{}, cleared(), {}, {}, {}}, R"({"fullName":"From Body","email":"old@example.com"})") ==
          R"({"fullName":"From Body","email":null})");
}

TEST_CASE("body: values that do not fit, contradictions, missing required and unknown fields are refused") {
    CHECK_THROWS_MATCHES(built({given({"J"}), {}, given({"12k"}), {}, {}}), usage_error,
                         Catch::Message("--salary-min: '12k' is not an integer"));
    CHECK_THROWS_WITH(built({given({"J"}), {}, given({""}), {}, {}}), Catch::Contains("'' is not an integer"));
    CHECK_THROWS_WITH(built({given({"J"}), {}, {}, given({"yes"}), {}}),
                      Catch::Contains("--is-public: 'yes' is not true or false"));
    CHECK_THROWS_WITH(built({given({"J"}), {}, {}, {}, given({"python", ""})}), Catch::Contains("--skills: an item is empty"));
    CHECK_THROWS_WITH(built({given({"J"}), {true, {"a@b.c"}, true}, {}, {}, {}}),
                      Catch::Contains("--email and --clear-email contradict each other"));
    CHECK_THROWS_MATCHES(built({field_input{}, given({"a@b.c"}), {}, {}, {}}), usage_error,
                         Catch::Message("--full-name is required (or \"fullName\" in --body)"));
    CHECK_THROWS_WITH(built({given({"J"}), {}, {}, {}, {}}, R"({"fulName":"typo"})"),
                      Catch::Contains("--body: unknown field \"fulName\"; this command takes fullName, email, "
                                      "salaryMin, isPublic, skills"));
}

TEST_CASE("body: --body text must be a JSON object; errors name the source") {
    CHECK(boost::json::serialize(parse_body(R"( {"a": 1} )", "body.json")) == R"({"a":1})");
    CHECK_THROWS_WITH(parse_body("{\"a\": ", "body.json"), Catch::StartsWith("--body: body.json is not valid JSON ("));
    CHECK_THROWS_WITH(parse_body("{\"a\": 1} trailing", "body.json"), Catch::Contains("is not valid JSON"));
    CHECK_THROWS_WITH(parse_body("", "standard input"), Catch::Contains("standard input is not valid JSON"));
    CHECK_THROWS_MATCHES(parse_body("[1]", "body.json"), usage_error,
                         Catch::Message("--body: body.json must hold a JSON object {...} of fields"));
    CHECK_THROWS_WITH(read_body("/nonexistent/body.json"), Catch::Contains("--body: cannot open /nonexistent/body.json"));
}
