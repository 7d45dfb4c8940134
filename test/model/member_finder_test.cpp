// member_finder finds what object::find finds, in any order, while reading in order is cheap.
#include "model/member_finder.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <vector>

namespace json = boost::json;
using talentray::model_json::member_finder;

namespace {

/// Looks up `keys` in turn, returning each value as text ("-" when missing).
std::vector<std::string> lookups(const json::object& object, const std::vector<std::string>& keys) {
    member_finder members{object};
    std::vector<std::string> found;
    for (const std::string& key : keys) {
        const json::value* value = members.find(key);
        found.push_back(value == nullptr ? "-" : json::serialize(*value));
    }
    return found;
}

}  // namespace

TEST_CASE("member_finder: in order, out of order, missing, repeated and in an empty object") {
    const json::object object = json::parse(R"({"a":1,"b":2,"c":3,"d":4})").as_object();
    CHECK(lookups(object, {"a", "b", "c", "d"}) == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(lookups(object, {"d", "c", "b", "a"}) == std::vector<std::string>{"4", "3", "2", "1"});
    CHECK(lookups(object, {"a", "x", "b", "d", "c", "y"}) == std::vector<std::string>{"1", "-", "2", "4", "3", "-"});
    CHECK(lookups(object, {"b", "b", "d", "a", "a"}) == std::vector<std::string>{"2", "2", "4", "1", "1"});
    CHECK(lookups(object, {"", "ab", "A"}) == std::vector<std::string>{"-", "-", "-"});
    CHECK(lookups(json::object{}, {"a", ""}) == std::vector<std::string>{"-", "-"});
}

TEST_CASE("member_finder: agrees with object::find on a large object read in a scrambled order") {
    // Large enough that Boost.JSON indexes it by hash rather than scanning.
    json::object object;
    for (int i = 0; i < 100; ++i) object["k" + std::to_string(i)] = i;
    member_finder members{object};
    for (int step = 0; step < 300; ++step) {
        const std::string key = "k" + std::to_string((step * 37) % 113);
        const json::value* expected = object.if_contains(key);
        const json::value* found = members.find(key);
        INFO(key);
        CHECK(found == expected);
    }
}
