// `Retry-After` values and the HTTP-dates inside them (header-only parsers, RFC 9110).
//
// Input: the header value. It is parsed at three fixed "now"s (the Unix epoch, 2026, 2200) so
// RFC 850's two-digit years and dates in the past are both reached.
//
// Invariants:
//  - the wait is never negative and never beyond `retry_after_saturation`;
//  - delta-seconds read exactly (saturating), and nothing signed or fractional is accepted;
//  - an HTTP-date that parses names the instant its IMF-fixdate rewriting names, and the wait
//    is exactly the whole seconds from `now` to it (zero once it has passed);
//  - the first 8 bytes, read as an instant, parse back from each of the three written forms.
#include "fuzz_check.hpp"
#include "http_date_format.hpp"

#include "scheduler/retry_after.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace {
namespace tr = talentray;
using namespace std::chrono;

sys_seconds instant_of(int y, unsigned m, unsigned d) { return sys_days{year{y} / m / d}; }

void check_value(std::string_view value, system_clock::time_point now) {
    const auto wait = tr::parse_retry_after(value, now);
    const std::string shown(value);
    if (wait) FUZZ_CHECK(*wait >= seconds{0} && *wait <= tr::retry_after_saturation, shown);

    const std::string_view trimmed = tr::detail::http_date::trim_ows(value);
    const bool all_digits = !trimmed.empty() && std::all_of(trimmed.begin(), trimmed.end(), tr::detail::http_date::is_digit);
    if (all_digits) {
        const std::string_view significant = trimmed.substr(std::min(trimmed.find_first_not_of('0'), trimmed.size()));
        std::int64_t expected = tr::retry_after_saturation.count();
        if (significant.size() <= 10) {
            expected = 0;
            for (char c : significant) expected = expected * 10 + (c - '0');
            expected = std::min(expected, tr::retry_after_saturation.count());
        }
        FUZZ_CHECK(wait && wait->count() == expected, shown);
        return;
    }
    if (!trimmed.empty() && (trimmed.front() == '-' || trimmed.front() == '+' || tr::detail::http_date::is_digit(trimmed.front())))
        FUZZ_CHECK(!wait, shown);

    const auto date = tr::parse_http_date(value, now);
    FUZZ_CHECK(date.has_value() == wait.has_value(), shown);
    if (!date) return;
    const std::string rewritten = tr::fuzz::imf_fixdate(*date);
    const auto again = tr::parse_http_date(rewritten, now);
    FUZZ_CHECK(again && *again == *date, shown + " -> " + rewritten);
    const auto now_seconds = floor<seconds>(now);
    const seconds expected = *date <= now_seconds ? seconds{0} : std::min(*date - now_seconds, tr::retry_after_saturation);
    FUZZ_CHECK(*wait == expected, shown);
}

void check_written_forms(const std::uint8_t* data, std::size_t size) {
    if (size < 8) return;
    std::uint64_t bits = 0;
    std::memcpy(&bits, data, sizeof bits);
    // Any instant from 0000-01-01 to 9999-12-31: the range an IMF-fixdate can write.
    const sys_seconds first = instant_of(0, 1, 1), last = instant_of(9999, 12, 31) + hours{24} - seconds{1};
    const auto span = static_cast<std::uint64_t>((last - first).count()) + 1;
    const sys_seconds instant = first + seconds{static_cast<std::int64_t>(bits % span)};
    // `now` is a system_clock time point (nanoseconds): 1970..2261 is what it can hold.
    const sys_seconds now = instant_of(1970, 1, 1) + days{static_cast<int>((bits >> 32) % (291 * 365))};

    const std::string imf = tr::fuzz::imf_fixdate(instant), asc = tr::fuzz::asctime_date(instant);
    const auto from_imf = tr::parse_http_date(imf, now);
    FUZZ_CHECK(from_imf && *from_imf == instant, imf);
    const auto from_asc = tr::parse_http_date(asc, now);
    FUZZ_CHECK(from_asc && *from_asc == instant, asc);
    // RFC 850 keeps two digits of the year: it names an instant only up to 50 years after now.
    const sys_seconds near = now - days{49 * 365} + seconds{static_cast<std::int64_t>(bits % (98ull * 365 * 86400))};
    const std::string rfc850 = tr::fuzz::rfc850_date(near);
    const auto from_rfc850 = tr::parse_http_date(rfc850, now);
    FUZZ_CHECK(from_rfc850 && *from_rfc850 == near, rfc850);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value(reinterpret_cast<const char*>(data), size);
    for (const sys_seconds now : {instant_of(1970, 1, 1), instant_of(2026, 6, 4) + seconds{55845}, instant_of(2200, 1, 1)})
        check_value(value, now + milliseconds{250});
    check_written_forms(data, size);
    return 0;
}
