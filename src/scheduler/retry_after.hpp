// scheduler/retry_after.hpp — parsing of `Retry-After` and HTTP-date values
// (RFC 9110 §10.2.3 and §5.6.7). Header-only: the client calls it on every 429 and 503.
#pragma once

#include "base/http_text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace talentray {

/// The value a delta-seconds or date too large to represent is read as: 2^31 seconds, the
/// saturation RFC 9111 §1.2.2 prescribes for delta-seconds. Callers cap it (see
/// `scheduler_options::max_pause`), so a huge or overflowing value still means "long" and never
/// wraps around to "short".
inline constexpr std::chrono::seconds retry_after_saturation{std::int64_t{1} << 31};

namespace detail::http_date {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

using http_text::iequals;
using http_text::to_lower;
using http_text::trim_ows;

/// Exactly `s.size()` digits as a number, or -1.
constexpr int digits(std::string_view s) noexcept {
    if (s.empty()) return -1;
    int value = 0;
    for (char c : s) {
        if (!is_digit(c)) return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

/// 1..12 for "Jan".."Dec" (any case), 0 otherwise.
constexpr unsigned month_number(std::string_view s) noexcept {
    constexpr std::string_view names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (unsigned i = 0; i < 12; ++i)
        if (iequals(s, names[i])) return i + 1;
    return 0;
}

constexpr bool is_day_name(std::string_view s) noexcept {
    constexpr std::string_view names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (auto n : names)
        if (iequals(s, n)) return true;
    return false;
}

constexpr bool is_long_day_name(std::string_view s) noexcept {
    constexpr std::string_view names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
    for (auto n : names)
        if (iequals(s, n)) return true;
    return false;
}

/// "HH:MM:SS" as seconds since midnight, or -1. A leap second (60) reads as 59.
constexpr int time_of_day(std::string_view s) noexcept {
    if (s.size() != 8 || s[2] != ':' || s[5] != ':') return -1;
    const int h = digits(s.substr(0, 2)), m = digits(s.substr(3, 2)), sec = digits(s.substr(6, 2));
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return -1;
    return h * 3600 + m * 60 + (sec == 60 ? 59 : sec);
}

inline std::optional<std::chrono::sys_seconds> assemble(int year, unsigned month, int day,
                                                        int seconds_of_day) noexcept {
    if (year < 0 || month == 0 || day < 1 || seconds_of_day < 0) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;  // e.g. 31 Feb, 29 Feb of a common year
    return std::chrono::sys_days{ymd} + std::chrono::seconds{seconds_of_day};
}

/// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
inline std::optional<std::chrono::sys_seconds> imf_fixdate(std::string_view s) noexcept {
    if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
        s[16] != ' ' || s[25] != ' ' || s.substr(26) != "GMT" || !is_day_name(s.substr(0, 3)))
        return std::nullopt;
    return assemble(digits(s.substr(12, 4)), month_number(s.substr(8, 3)), digits(s.substr(5, 2)),
                    time_of_day(s.substr(17, 8)));
}

/// RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT". The two-digit year is read as the latest year
/// with those digits that is not more than 50 years after `now` (RFC 9110 §5.6.7).
inline std::optional<std::chrono::sys_seconds> rfc850_date(std::string_view s,
                                                           std::chrono::system_clock::time_point now) noexcept {
    const auto comma = s.find(',');
    if (comma == std::string_view::npos || !is_long_day_name(s.substr(0, comma))) return std::nullopt;
    s.remove_prefix(comma + 1);
    // " 06-Nov-94 08:49:37 GMT"
    if (s.size() != 23 || s[0] != ' ' || s[3] != '-' || s[7] != '-' || s[10] != ' ' || s[19] != ' ' ||
        s.substr(20) != "GMT")
        return std::nullopt;
    const int yy = digits(s.substr(8, 2));
    if (yy < 0) return std::nullopt;
    const int this_year =
        int(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
    int year = this_year - this_year % 100 + yy;
    if (year > this_year + 50) year -= 100;
    if (year + 100 <= this_year + 50) year += 100;  // late in a century: "05" in 2060 is 2105
    return assemble(year, month_number(s.substr(4, 3)), digits(s.substr(1, 2)),
                    time_of_day(s.substr(11, 8)));
}

/// asctime: "Sun Nov  6 08:49:37 1994" (the day is space-padded).
inline std::optional<std::chrono::sys_seconds> asctime_date(std::string_view s) noexcept {
    if (s.size() != 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' ||
        !is_day_name(s.substr(0, 3)))
        return std::nullopt;
    const int day = s[8] == ' ' ? digits(s.substr(9, 1)) : digits(s.substr(8, 2));
    return assemble(digits(s.substr(20, 4)), month_number(s.substr(4, 3)), day,
                    time_of_day(s.substr(11, 8)));
}

}  // namespace detail::http_date

/// Parses an HTTP-date in any of its three forms: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"),
/// RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994").
/// Month and day names are matched without regard to case; the day name is not checked
/// against the date. `now` only resolves RFC 850's two-digit years.
/// Returns the instant, or nothing when `text` is not a valid HTTP-date (including impossible
/// dates such as 30 Feb). Never throws.
inline std::optional<std::chrono::sys_seconds> parse_http_date(
    std::string_view text, std::chrono::system_clock::time_point now) noexcept {
    text = detail::http_date::trim_ows(text);
    if (auto t = detail::http_date::imf_fixdate(text)) return t;
    if (auto t = detail::http_date::asctime_date(text)) return t;
    return detail::http_date::rfc850_date(text, now);
}

/// Parses a `Retry-After` value: delta-seconds ("120") or an HTTP-date (any form accepted by
/// `parse_http_date`), surrounded by optional whitespace.
/// Returns how long to wait from `now`: zero for a date in the past, at most
/// `retry_after_saturation` for huge or overflowing values (the caller applies its own cap),
/// rounded up to whole seconds. Returns nothing for anything else — empty, negative, signed,
/// fractional or otherwise malformed values — so the caller falls back to its default pause.
/// Never throws.
inline std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) noexcept {
    using namespace detail::http_date;
    value = trim_ows(value);
    if (value.empty()) return std::nullopt;
    if (is_digit(value.front())) {
        std::int64_t seconds = 0;
        bool all_digits = true;
        for (char c : value) {
            if (!is_digit(c)) {
                all_digits = false;
                break;
            }
            // Saturate instead of overflowing: a value this large means "very long" anyway.
            if (seconds < retry_after_saturation.count()) seconds = seconds * 10 + (c - '0');
        }
        if (all_digits) return std::chrono::seconds{std::min(seconds, retry_after_saturation.count())};
        // Not delta-seconds; an HTTP-date never starts with a digit, so this is garbage.
        return std::nullopt;
    }
    const auto date = parse_http_date(value, now);
    if (!date) return std::nullopt;
    // In whole seconds: a far date (year 9999) does not fit the clock's nanoseconds. The date
    // is whole, so counting from the start of the current second rounds the wait up.
    const auto now_seconds = std::chrono::floor<std::chrono::seconds>(now);
    if (*date <= now_seconds) return std::chrono::seconds{0};
    return std::min(*date - now_seconds, retry_after_saturation);
}

/// Parses a `Retry-After` value as above, measuring an HTTP-date against the server's own clock:
/// `date_header` is the same response's `Date` header. A client whose clock runs ahead of the
/// server's would otherwise read "retry at 12:00:30" sent at the server's 12:00:00 as a date
/// already past, and not wait at all; the difference of two server dates is immune to skew.
/// When `date_header` is empty or not a valid HTTP-date, the date is measured against `now`.
/// Delta-seconds ignore `date_header`. Returns and never throws as `parse_retry_after` above.
inline std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value, std::string_view date_header, std::chrono::system_clock::time_point now) noexcept {
    const auto trimmed = detail::http_date::trim_ows(value);
    if (trimmed.empty() || detail::http_date::is_digit(trimmed.front())) return parse_retry_after(value, now);
    const auto server_now = parse_http_date(date_header, now);
    return parse_retry_after(value, server_now ? std::chrono::system_clock::time_point{*server_now} : now);
}

}  // namespace talentray
