#include "timestamps.hpp"

#include <cstdio>

namespace talentray::mock::detail {
namespace {

using namespace std::chrono;

std::string format(timestamp t, bool with_milliseconds) {
    const auto day = floor<days>(t);
    const year_month_day date{day};
    const hh_mm_ss time{t - day};
    char text[32];
    const int year = static_cast<int>(date.year());
    const unsigned month = static_cast<unsigned>(date.month());
    const unsigned dom = static_cast<unsigned>(date.day());
    const auto hours_part = static_cast<int>(time.hours().count());
    const auto minutes_part = static_cast<int>(time.minutes().count());
    const auto seconds_part = static_cast<int>(time.seconds().count());
    if (with_milliseconds) {
        std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month, dom, hours_part,
                      minutes_part, seconds_part, static_cast<int>(time.subseconds().count()));
    } else {
        std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, month, dom, hours_part,
                      minutes_part, seconds_part);
    }
    return text;
}

// Reads exactly `width` digits at `pos`; advances pos on success.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += width;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::string format_seconds(timestamp t) { return format(floor<seconds>(t), false); }

std::string format_milliseconds(timestamp t) { return format(t, true); }

timestamp make_timestamp(int year_value, unsigned month_value, unsigned day_value, unsigned hour, unsigned minute,
                         unsigned second) {
    const sys_days day = year_month_day{year{year_value}, month{month_value}, std::chrono::day{day_value}};
    return timestamp{day} + hours{hour} + minutes{minute} + seconds{second};
}

std::optional<timestamp> parse_timestamp(std::string_view text) {
    std::size_t pos = 0;
    const auto y = read_digits(text, pos, 4);
    if (!y || !expect(text, pos, '-')) return std::nullopt;
    const auto mo = read_digits(text, pos, 2);
    if (!mo || !expect(text, pos, '-')) return std::nullopt;
    const auto d = read_digits(text, pos, 2);
    if (!d || !(expect(text, pos, 'T') || expect(text, pos, 't'))) return std::nullopt;
    const auto h = read_digits(text, pos, 2);
    if (!h || !expect(text, pos, ':')) return std::nullopt;
    const auto mi = read_digits(text, pos, 2);
    if (!mi || !expect(text, pos, ':')) return std::nullopt;
    const auto s = read_digits(text, pos, 2);
    if (!s) return std::nullopt;

    int millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        std::size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) millis = millis * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t i = digits; i < 3; ++i) millis *= 10;
    }

    minutes offset{0};
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const auto oh = read_digits(text, pos, 2);
        if (!oh || !expect(text, pos, ':')) return std::nullopt;
        const auto om = read_digits(text, pos, 2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset = minutes{sign * (*oh * 60 + *om)};
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok() || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
    return timestamp{sys_days{date}} + hours{*h} + minutes{*mi} + seconds{*s} + milliseconds{millis} - offset;
}

}  // namespace talentray::mock::detail
