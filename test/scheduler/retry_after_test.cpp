// Retry-After and HTTP-date parsing: every form, and garbage.
#include "scheduler/retry_after.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
namespace tr = talentray;

namespace {
// Sun, 06 Nov 1994 08:49:37 GMT
const sys_seconds rfc_example = sys_days{year{1994} / November / 6} + hours{8} + minutes{49} + seconds{37};
const system_clock::time_point now_2026 = sys_days{year{2026} / June / 5} + hours{12};
}  // namespace

TEST_CASE("delta-seconds, with optional whitespace") {
    CHECK(tr::parse_retry_after("30", now_2026) == seconds{30});
    CHECK(tr::parse_retry_after("0", now_2026) == seconds{0});
    CHECK(tr::parse_retry_after(" \t120 ", now_2026) == seconds{120});
    CHECK(tr::parse_retry_after("007", now_2026) == seconds{7});
}

TEST_CASE("huge and overflowing delta-seconds saturate instead of wrapping") {
    CHECK(tr::parse_retry_after("2147483648", now_2026) == tr::retry_after_saturation);
    CHECK(tr::parse_retry_after("99999999999999999999999999999", now_2026) == tr::retry_after_saturation);
    CHECK(tr::parse_retry_after("2147483647", now_2026) == seconds{2147483647});
}

TEST_CASE("garbage is ignored") {
    for (const char* bad : {"", "   ", "-5", "+5", "1.5", "30s", "3 0", "abc", "Infinity", "0x10", "NaN",
                            "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC"}) {
        INFO("value: '" << bad << "'");
        CHECK_FALSE(tr::parse_retry_after(bad, now_2026));
    }
}

TEST_CASE("the three HTTP-date forms") {
    CHECK(tr::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", now_2026) == rfc_example);
    CHECK(tr::parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", now_2026) == rfc_example);
    CHECK(tr::parse_http_date("Sun Nov  6 08:49:37 1994", now_2026) == rfc_example);
    CHECK(tr::parse_http_date("  Sun, 06 Nov 1994 08:49:37 GMT ", now_2026) == rfc_example);
    CHECK(tr::parse_http_date("sun, 06 nov 1994 08:49:37 GMT", now_2026) == rfc_example);
}

TEST_CASE("RFC 850 two-digit years are never more than 50 years ahead") {
    const auto in_2026 = tr::parse_http_date("Friday, 05-Jun-26 12:00:30 GMT", now_2026);
    REQUIRE(in_2026);
    CHECK(*in_2026 == sys_days{year{2026} / June / 5} + hours{12} + seconds{30});
    const auto seventy_six = tr::parse_http_date("Thursday, 01-Jan-76 00:00:00 GMT", now_2026);
    REQUIRE(seventy_six);
    CHECK(year_month_day{floor<days>(*seventy_six)}.year() == year{2076});
    const auto seventy_seven = tr::parse_http_date("Friday, 01-Jan-77 00:00:00 GMT", now_2026);
    REQUIRE(seventy_seven);
    CHECK(year_month_day{floor<days>(*seventy_seven)}.year() == year{1977});
}

TEST_CASE("RFC 850 two-digit years late in a century may name the next one") {
    // Found by fuzz_retry_after: "05" read in 2060 must be 2105 (45 years ahead), not 2005.
    const system_clock::time_point now_2060 = sys_days{year{2060} / June / 5};
    const auto oh_five = tr::parse_http_date("Monday, 01-Jan-05 00:00:00 GMT", now_2060);
    REQUIRE(oh_five);
    CHECK(year_month_day{floor<days>(*oh_five)}.year() == year{2105});
    const auto eleven = tr::parse_http_date("Thursday, 08-Sep-11 16:56:51 GMT", sys_days{year{1970} / January / 1});
    REQUIRE(eleven);
    CHECK(year_month_day{floor<days>(*eleven)}.year() == year{2011});
    const auto sixty = tr::parse_http_date("Tuesday, 01-Jun-60 00:00:00 GMT", now_2060);
    REQUIRE(sixty);
    CHECK(year_month_day{floor<days>(*sixty)}.year() == year{2060});
}

TEST_CASE("impossible dates and malformed fields are rejected") {
    for (const char* bad : {"Sun, 31 Feb 2026 08:49:37 GMT", "Sun, 29 Feb 2025 08:49:37 GMT",
                            "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
                            "Sun, 06 Foo 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                            "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT",
                            "Sun,06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMTX",
                            "Funday, 06-Nov-94 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
                            "Sun Nov  6 8:49:37 1994", "Sun, 00 Nov 1994 08:49:37 GMT"}) {
        INFO("value: '" << bad << "'");
        CHECK_FALSE(tr::parse_http_date(bad, now_2026));
    }
    CHECK(tr::parse_http_date("Sat, 29 Feb 2028 00:00:00 GMT", now_2026));  // leap year
}

TEST_CASE("Retry-After as a date: the wait from now, zero when past, rounded up") {
    CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 12:00:30 GMT", now_2026) == seconds{30});
    CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 11:00:00 GMT", now_2026) == seconds{0});
    CHECK(tr::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now_2026) == seconds{0});
    CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 12:00:30 GMT", now_2026 + milliseconds{200}) == seconds{30});
    CHECK(tr::parse_retry_after("Friday, 05-Jun-26 12:01:00 GMT", now_2026) == seconds{60});
    CHECK(tr::parse_retry_after("Fri Jun  5 12:00:10 2026", now_2026) == seconds{10});
    CHECK(tr::parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now_2026) == tr::retry_after_saturation);
}

TEST_CASE("Retry-After as a date is measured against the response's Date when it has one") {
    // The server says "at 12:00:30" at its 12:00:00; the client's clock runs 5 minutes ahead.
    const auto client_ahead = now_2026 + minutes{5};
    CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 12:00:30 GMT", "Fri, 05 Jun 2026 12:00:00 GMT", client_ahead) ==
          seconds{30});
    // ...or 5 minutes behind: still the server's 30 s, not 5 min 30 s.
    CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 12:00:30 GMT", "Fri, 05 Jun 2026 12:00:00 GMT",
                                now_2026 - minutes{5}) == seconds{30});
    // A Retry-After date before the server's own Date means now.
    CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 11:59:00 GMT", "Fri, 05 Jun 2026 12:00:00 GMT", client_ahead) ==
          seconds{0});
    // Any form of the Date header is read.
    CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 12:00:30 GMT", "Fri Jun  5 12:00:00 2026", client_ahead) ==
          seconds{30});
}

TEST_CASE("without a usable Date, a Retry-After date is measured against the local clock") {
    for (std::string_view date : {"", "yesterday", "Fri, 31 Feb 2026 12:00:00 GMT"}) {
        CAPTURE(date);
        CHECK(tr::parse_retry_after("Fri, 05 Jun 2026 12:00:30 GMT", date, now_2026) == seconds{30});
    }
}

TEST_CASE("delta-seconds ignore the Date header") {
    CHECK(tr::parse_retry_after("120", "Fri, 05 Jun 2026 11:00:00 GMT", now_2026) == seconds{120});
    CHECK(tr::parse_retry_after(" 7 ", "", now_2026) == seconds{7});
    CHECK_FALSE(tr::parse_retry_after("-5", "Fri, 05 Jun 2026 11:00:00 GMT", now_2026));
}
