// Extra header fields: tokens for names, no CR/LF in values, and no field the client owns.
#include "base/header_rules.hpp"

#include <catch2/catch.hpp>

using talentray::header_field;
using talentray::detail::header_field_problem;

TEST_CASE("trace and request-id fields are allowed") {
    CHECK_FALSE(header_field_problem({"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, "h"));
    CHECK_FALSE(header_field_problem({"X-Request-Id", "job 42\twith a tab"}, "h"));
    CHECK_FALSE(header_field_problem({"x-empty", ""}, "h"));
}

TEST_CASE("a value with CR, LF or another control character is refused, naming the field, not the value") {
    using namespace std::string_literals;
    for (const std::string& value : {"a\r\nX-Injected: 1"s, "a\nb"s, "nul\0byte"s, "del\x7f"s}) {
        const auto problem = header_field_problem({"X-Request-Id", value}, "request_spec::headers[1]");
        REQUIRE(problem);
        CHECK(*problem == "request_spec::headers[1]: the value of 'X-Request-Id' contains CR, LF or another control "
                          "character");
    }
}

TEST_CASE("a name that is not an HTTP token is refused without being quoted") {
    for (const std::string name : {"", "X Request", "X-Id:", "X-Id\r\nHost", "caf\xc3\xa9"}) {
        const auto problem = header_field_problem({name, "v"}, "client_options::headers[0]");
        REQUIRE(problem);
        CHECK(problem->starts_with("client_options::headers[0]: the header name "));
        if (!name.empty()) CHECK(problem->find(name) == std::string::npos);
    }
}

TEST_CASE("fields the client sets itself cannot be replaced, whatever their case") {
    for (const std::string name : {"Authorization", "authorization", "X-API-KEY", "Host", "content-length",
                                   "Transfer-Encoding", "Connection", "Content-Type", "Proxy-Authorization", "Accept"}) {
        const auto problem = header_field_problem({name, "v"}, "h");
        REQUIRE(problem);
        CHECK(*problem == "h: '" + name + "' is set by the client itself and cannot be replaced");
    }
    CHECK(*header_field_problem({"User-Agent", "v"}, "h") ==
          "h: 'User-Agent' is set by the client itself and cannot be replaced (use client_options::user_agent)");
}

TEST_CASE("Accept-Encoding cannot be replaced: the client decodes only what it asked for") {
    CHECK(*header_field_problem({"accept-encoding", "br"}, "h") ==
          "h: 'accept-encoding' is set by the client itself and cannot be replaced (use "
          "client_options::compression)");
}
