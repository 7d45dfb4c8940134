// The three HTTP-date forms, written out, so harnesses can check that parsing reads back what
// a server would send for a given instant.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace talentray::fuzz {

struct http_date_fields {
    std::chrono::year_month_day date;
    std::chrono::hh_mm_ss<std::chrono::seconds> time;
    unsigned weekday;  // 0 = Sunday
};

inline http_date_fields split(std::chrono::sys_seconds instant) {
    const auto day = std::chrono::floor<std::chrono::days>(instant);
    return {std::chrono::year_month_day{day}, std::chrono::hh_mm_ss{instant - day},
            std::chrono::weekday{day}.c_encoding()};
}

inline constexpr const char* short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr const char* long_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
inline constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// "Sun, 06 Nov 1994 08:49:37 GMT" (years 0000..9999).
inline std::string imf_fixdate(std::chrono::sys_seconds instant) {
    const auto f = split(instant);
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d GMT", short_days[f.weekday],
                  unsigned(f.date.day()), months[unsigned(f.date.month()) - 1], int(f.date.year()),
                  int(f.time.hours().count()), int(f.time.minutes().count()), int(f.time.seconds().count()));
    return text;
}

/// "Sunday, 06-Nov-94 08:49:37 GMT".
inline std::string rfc850_date(std::chrono::sys_seconds instant) {
    const auto f = split(instant);
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02u-%s-%02d %02d:%02d:%02d GMT", long_days[f.weekday],
                  unsigned(f.date.day()), months[unsigned(f.date.month()) - 1], int(f.date.year()) % 100,
                  int(f.time.hours().count()), int(f.time.minutes().count()), int(f.time.seconds().count()));
    return text;
}

/// "Sun Nov  6 08:49:37 1994".
inline std::string asctime_date(std::chrono::sys_seconds instant) {
    const auto f = split(instant);
    char text[64];
    std::snprintf(text, sizeof text, "%s %s %2u %02d:%02d:%02d %04d", short_days[f.weekday],
                  months[unsigned(f.date.month()) - 1], unsigned(f.date.day()), int(f.time.hours().count()),
                  int(f.time.minutes().count()), int(f.time.seconds().count()), int(f.date.year()));
    return text;
}

}  // namespace talentray::fuzz
