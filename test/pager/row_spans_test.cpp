#include "pager/row_spans.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using talentray::errc;
using talentray::detail::array_element_spans;

namespace {

std::vector<std::string> spans_of(std::string_view text, std::initializer_list<std::string_view> path) {
    auto spans = array_element_spans(text, path);
    REQUIRE(spans.has_value());
    return {spans->begin(), spans->end()};
}

}  // namespace

TEST_CASE("row spans: each element exactly as written", "[pager][row_spans]") {
    const std::string body = R"({"pagination":{"page":0},"data":[1, "a,]\"}" ,{"x" : [1,{"y":"]"}]},null,true, -2.5e3 ]})";
    CHECK(spans_of(body, {"data"}) ==
          std::vector<std::string>{"1", R"("a,]\"}")", R"({"x" : [1,{"y":"]"}]})", "null", "true", "-2.5e3"});
}

TEST_CASE("row spans: bytes are not re-encoded", "[pager][row_spans]") {
    const std::string body = "{\"data\":[\"\\u00e9\",\"\xc3\xa9\",{\"n\":1.50}]}";
    CHECK(spans_of(body, {"data"}) == std::vector<std::string>{"\"\\u00e9\"", "\"\xc3\xa9\"", "{\"n\":1.50}"});
}

TEST_CASE("row spans: a nested path skips look-alike members", "[pager][row_spans]") {
    const std::string body =
        R"({"success":true,"data":{"key":{"rows":[9]},"rows":[{"a":"\"}"},{}],"pagination":{"hasMore":false}}})";
    CHECK(spans_of(body, {"data", "rows"}) == std::vector<std::string>{R"({"a":"\"}"})", "{}"});
}

TEST_CASE("row spans: escaped member names and duplicates resolve like the parser", "[pager][row_spans]") {
    CHECK(spans_of(R"({"d\u0061ta":[1]})", {"data"}) == std::vector<std::string>{"1"});
    CHECK(spans_of(R"({"data":[1],"data":[2,3]})", {"data"}) == std::vector<std::string>{"2", "3"});
    CHECK(spans_of(" { \"data\" : [ ] } ", {"data"}).empty());
}

TEST_CASE("row spans: a missing or malformed path is an error", "[pager][row_spans]") {
    CHECK(array_element_spans(R"({"rows":[1]})", {"data"}).error().code == errc::invalid_response);
    CHECK(array_element_spans(R"({"data":{"rows":1}})", {"data", "rows"}).error().code == errc::invalid_response);
    CHECK(array_element_spans(R"([1,2])", {"data"}).error().code == errc::invalid_response);
    CHECK(array_element_spans(R"({"data":[1,{"a":2)", {"data"}).error().code == errc::invalid_response);
    CHECK(array_element_spans(R"({"data":["unterminated)", {"data"}).error().code == errc::invalid_response);
}
