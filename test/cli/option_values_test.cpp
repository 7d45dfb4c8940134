// Durations and rate limits as typed on the command line.
#include "option_values.hpp"
#include "usage_error.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using talentray::cli::parse_duration;
using talentray::cli::parse_rate_limit;
using talentray::cli::rate_limit;
using talentray::cli::usage_error;

TEST_CASE("durations: units ms, s, m, h; a bare number is seconds") {
    CHECK(parse_duration("30s", "--timeout") == 30s);
    CHECK(parse_duration("30", "--timeout") == 30s);
    CHECK(parse_duration("1500ms", "--timeout") == 1500ms);
    CHECK(parse_duration("2m", "--timeout") == 120s);
    CHECK(parse_duration("1h", "--timeout") == 3600s);
}

TEST_CASE("durations: bad text names the option and quotes the value") {
    CHECK_THROWS_MATCHES(parse_duration("", "--timeout"), usage_error, Catch::Message("--timeout: '' is not a duration; write e.g. 30s, 1500ms or 2m"));
    CHECK_THROWS_WITH(parse_duration("fast", "--timeout"), Catch::Contains("--timeout: 'fast' is not a duration"));
    CHECK_THROWS_WITH(parse_duration("-5s", "--timeout"), Catch::Contains("'-5s'"));
    CHECK_THROWS_WITH(parse_duration("0s", "--timeout"), Catch::Contains("must be positive"));
    CHECK_THROWS_WITH(parse_duration("3days", "--timeout"), Catch::Contains("unknown unit 'days'"));
    CHECK_THROWS_WITH(parse_duration("99999999999999999999h", "--timeout"), Catch::Contains("--timeout"));
    CHECK_THROWS_WITH(parse_duration("9999999999999999h", "--timeout"), Catch::Contains("too long"));
}

TEST_CASE("rate limits: N/DURATION in whole seconds") {
    CHECK(parse_rate_limit("600/60s", "--rate-limit") == rate_limit{600, 60s});
    CHECK(parse_rate_limit("10/1s", "--rate-limit") == rate_limit{10, 1s});
    CHECK(parse_rate_limit("36000/1h", "--rate-limit") == rate_limit{36000, 3600s});
    CHECK(parse_rate_limit("2/5", "--rate-limit") == rate_limit{2, 5s});
}

TEST_CASE("rate limits: malformed, too small or sub-second limits are refused with a reason") {
    CHECK_THROWS_WITH(parse_rate_limit("600", "--rate-limit"), Catch::Contains("--rate-limit: '600' is not a rate limit"));
    CHECK_THROWS_WITH(parse_rate_limit("/60s", "--rate-limit"), Catch::Contains("request count"));
    CHECK_THROWS_WITH(parse_rate_limit("6x/60s", "--rate-limit"), Catch::Contains("request count"));
    CHECK_THROWS_WITH(parse_rate_limit("1/60s", "--rate-limit"), Catch::Contains("at least 2"));
    CHECK_THROWS_WITH(parse_rate_limit("600/500ms", "--rate-limit"), Catch::Contains("whole seconds"));
    CHECK_THROWS_WITH(parse_rate_limit("600/60d", "--rate-limit"), Catch::Contains("unknown unit"));
    CHECK_THROWS_WITH(parse_rate_limit("99999999999/1s", "--rate-limit"), Catch::Contains("too many"));
}
