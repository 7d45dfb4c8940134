#include <talentray/model/timestamp.hpp>

#include <catch2/catch.hpp>

#include <sstream>

namespace tr = talentray;
using namespace std::chrono;

namespace {

tr::timestamp at(sys_days day, microseconds time_of_day) {
    return tr::timestamp{sys_time<microseconds>{day} + time_of_day};
}

std::string parse_failure(std::string_view text) {
    auto parsed = tr::timestamp::parse(text);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == tr::errc::invalid_argument);
    return parsed.error().diag.client_message;
}

}  // namespace

TEST_CASE("timestamp parses the API's form and prints it back unchanged") {
    auto t = tr::timestamp::parse("2026-06-04T15:30:45Z");
    REQUIRE(t.has_value());
    CHECK(*t == at(2026y / June / 4, hours{15} + minutes{30} + seconds{45}));
    CHECK(t->to_string() == "2026-06-04T15:30:45Z");
}

TEST_CASE("timestamp converts offsets to UTC") {
    const auto utc = tr::timestamp::parse("2026-06-04T15:30:45Z").value();
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45+00:00").value() == utc);
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45-00:00").value() == utc);
    CHECK(tr::timestamp::parse("2026-06-04T17:30:45+02:00").value() == utc);
    CHECK(tr::timestamp::parse("2026-06-04T17:30:45+0200").value() == utc);
    CHECK(tr::timestamp::parse("2026-06-04T17:30:45+02").value() == utc);
    CHECK(tr::timestamp::parse("2026-06-04T10:00:45-05:30").value() == utc);
    // Crossing midnight and the year boundary.
    CHECK(tr::timestamp::parse("2026-01-01T00:30:00+01:00").value().to_string() == "2025-12-31T23:30:00Z");
    CHECK(tr::timestamp::parse("2025-12-31T23:30:00-01:00").value().to_string() == "2026-01-01T00:30:00Z");
}

TEST_CASE("timestamp keeps fractional seconds to the microsecond") {
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45.5Z").value().to_string() == "2026-06-04T15:30:45.500Z");
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45.123Z").value().to_string() == "2026-06-04T15:30:45.123Z");
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45.123456Z").value().to_string() ==
          "2026-06-04T15:30:45.123456Z");
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45.000001Z").value().to_string() ==
          "2026-06-04T15:30:45.000001Z");
    // Below a microsecond: truncated, not rounded (never moves an instant into the future).
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45.1234569Z").value().to_string() ==
          "2026-06-04T15:30:45.123456Z");
    // A zero fraction is not printed.
    CHECK(tr::timestamp::parse("2026-06-04T15:30:45.000Z").value().to_string() == "2026-06-04T15:30:45Z");
    CHECK(tr::timestamp::parse("2026-06-04T17:30:45.25+02:00").value().to_string() ==
          "2026-06-04T15:30:45.250Z");
    const auto a = tr::timestamp::parse("2026-06-04T15:30:45.000001Z").value();
    const auto b = tr::timestamp::parse("2026-06-04T15:30:45Z").value();
    CHECK(a.to_sys_time() - b.to_sys_time() == microseconds{1});
}

TEST_CASE("timestamp accepts the RFC 3339 spellings") {
    const auto utc = tr::timestamp::parse("2026-06-04T15:30:45Z").value();
    CHECK(tr::timestamp::parse("2026-06-04t15:30:45z").value() == utc);
    CHECK(tr::timestamp::parse("2026-06-04 15:30:45Z").value() == utc);
}

TEST_CASE("timestamp compares by instant") {
    const auto earlier = tr::timestamp::parse("2026-06-04T15:20:00Z").value();
    const auto later = tr::timestamp::parse("2026-06-04T15:30:45Z").value();
    const auto same_as_later = tr::timestamp::parse("2026-06-04T16:30:45+01:00").value();
    CHECK(earlier < later);
    CHECK(later > earlier);
    CHECK(earlier <= later);
    CHECK(later == same_as_later);
    CHECK(earlier != later);
}

TEST_CASE("timestamp validates the calendar") {
    CHECK(tr::timestamp::parse("2024-02-29T00:00:00Z").has_value());
    CHECK(parse_failure("2026-02-29T00:00:00Z").find("day 29 does not exist in 2026-02") != std::string::npos);
    CHECK(parse_failure("2026-13-01T00:00:00Z").find("month 13 is out of range 01..12") != std::string::npos);
    CHECK(parse_failure("2026-00-01T00:00:00Z").find("month 00") != std::string::npos);
    CHECK(parse_failure("2026-04-31T00:00:00Z").find("day 31") != std::string::npos);
    CHECK(parse_failure("2026-06-04T24:00:00Z").find("hour 24") != std::string::npos);
    CHECK(parse_failure("2026-06-04T23:60:00Z").find("minute 60") != std::string::npos);
    CHECK(parse_failure("2026-06-30T23:59:60Z").find("leap second") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45+24:00").find("offset hours 24") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45+01:60").find("offset minutes 60") != std::string::npos);
}

TEST_CASE("timestamp refuses garbage with a message that quotes it") {
    const std::string message = parse_failure("yesterday");
    CHECK(message == "invalid ISO 8601 timestamp \"yesterday\": expected a date YYYY-MM-DD at the start");
    CHECK(parse_failure("").find("expected a date") != std::string::npos);
    CHECK(parse_failure("2026-06-04").find("expected 'T'") != std::string::npos);
    CHECK(parse_failure("2026-6-4T15:30:45Z").find("expected a date") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30Z").find("expected a time HH:MM:SS") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45").find("missing time zone designator") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45.Z").find("digits after the decimal point") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45ZZ").find("unexpected text after the time zone") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45 UTC").find("expected 'Z' or an offset") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45+2:00").find("expected an offset") != std::string::npos);
    CHECK(parse_failure("2026-06-04T15:30:45+02:0").find("two digits of offset minutes") != std::string::npos);
    CHECK(parse_failure("1780587045").find("expected a date") != std::string::npos);
    // Control characters and non-ASCII bytes in the input do not reach the message raw.
    const std::string hostile = parse_failure("2026\r\nX-Injected: \xC3\xA9");
    CHECK(hostile.find('\r') == std::string::npos);
    CHECK(hostile.find('\n') == std::string::npos);
    CHECK(hostile.find("\\r\\nX-Injected: \\xC3\\xA9") != std::string::npos);
}

TEST_CASE("timestamp prints every field zero-padded and the default is the epoch") {
    CHECK(tr::timestamp{}.to_string() == "1970-01-01T00:00:00Z");
    CHECK(at(sys_days{0005y / January / 2}, hours{3} + minutes{4} + seconds{5}).to_string() ==
          "0005-01-02T03:04:05Z");
    CHECK(tr::timestamp::parse("0000-01-01T00:00:00Z").value().to_string() == "0000-01-01T00:00:00Z");
    CHECK(tr::timestamp::parse("9999-12-31T23:59:59.999999Z").value().to_string() ==
          "9999-12-31T23:59:59.999999Z");
    CHECK(at(sys_days{year{10000} / January / 1}, {}).to_string() == "+10000-01-01T00:00:00Z");
    CHECK(tr::timestamp{sys_seconds{seconds{-1}}}.to_string() == "1969-12-31T23:59:59Z");
    std::ostringstream out;
    out << tr::timestamp::parse("2026-06-04T15:30:45Z").value();
    CHECK(out.str() == "2026-06-04T15:30:45Z");
}

TEST_CASE("timestamp::now is close to the system clock") {
    const auto before = floor<microseconds>(system_clock::now());
    const auto now = tr::timestamp::now().to_sys_time();
    const auto after = system_clock::now();
    CHECK(before <= now);
    CHECK(now <= after);
}
