#include <talentray/model/timestamp.hpp>

#include "base/quoted_text.hpp"

#include <ostream>

namespace talentray {
namespace {

using namespace std::chrono;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`, advancing it; false when they are not all there.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& out) noexcept {
    if (text.size() - pos < count) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (!is_digit(c)) return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    out = value;
    return true;
}

// Reads one of the (one to three) `accepted` characters at `pos`, advancing it. A plain loop:
// string_view::find would call memchr, several times for every timestamp of every row.
bool read_char(std::string_view text, std::size_t& pos, std::string_view accepted) noexcept {
    if (pos >= text.size()) return false;
    for (const char c : accepted) {
        if (text[pos] == c) {
            ++pos;
            return true;
        }
    }
    return false;
}

std::string two_digits(int value) {
    return {static_cast<char>('0' + value / 10 % 10), static_cast<char>('0' + value % 10)};
}

// The reason `text` is not a date-time, or the instant it names.
struct parse_outcome {
    timestamp instant;
    std::string problem;  // empty on success
};

parse_outcome parse_iso8601(std::string_view text) {
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 4, year) || !read_char(text, pos, "-") ||
        !read_digits(text, pos, 2, month) || !read_char(text, pos, "-") ||
        !read_digits(text, pos, 2, day))
        return {{}, "expected a date YYYY-MM-DD at the start"};
    // RFC 3339 §5.6 allows a lower-case `t`, and a space "for readability".
    if (!read_char(text, pos, "Tt "))
        return {{}, "expected 'T' between the date and the time"};
    if (!read_digits(text, pos, 2, hour) || !read_char(text, pos, ":") ||
        !read_digits(text, pos, 2, minute) || !read_char(text, pos, ":") ||
        !read_digits(text, pos, 2, second))
        return {{}, "expected a time HH:MM:SS after the date"};

    microseconds fraction{0};
    if (read_char(text, pos, ".")) {
        const std::size_t first = pos;
        std::int64_t micros = 0;
        for (; pos < text.size() && is_digit(text[pos]); ++pos) {
            // Digits past the sixth are below the type's resolution: truncated.
            if (pos - first < 6) micros = micros * 10 + (text[pos] - '0');
        }
        if (pos == first) return {{}, "expected digits after the decimal point"};
        for (std::size_t scale = pos - first; scale < 6; ++scale) micros *= 10;
        fraction = microseconds{micros};
    }

    minutes offset{0};
    if (read_char(text, pos, "Zz")) {
        // UTC
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const bool west = text[pos++] == '-';
        int offset_hours = 0, offset_minutes = 0;
        if (!read_digits(text, pos, 2, offset_hours))
            return {{}, "expected an offset +HH:MM or -HH:MM"};
        if (pos < text.size()) {
            const bool colon = read_char(text, pos, ":");
            if (!read_digits(text, pos, 2, offset_minutes))
                return {{}, colon ? "expected two digits of offset minutes" : "expected an offset +HH:MM or -HH:MM"};
        }
        if (offset_hours > 23) return {{}, "offset hours " + two_digits(offset_hours) + " are out of range 00..23"};
        if (offset_minutes > 59) return {{}, "offset minutes " + two_digits(offset_minutes) + " are out of range 00..59"};
        offset = hours{offset_hours} + minutes{offset_minutes};
        if (west) offset = -offset;
    } else if (pos == text.size()) {
        return {{}, "missing time zone designator ('Z' or an offset such as +00:00)"};
    } else {
        return {{}, "expected 'Z' or an offset such as +00:00 after the time"};
    }
    if (pos != text.size()) return {{}, "unexpected text after the time zone"};

    if (month < 1 || month > 12) return {{}, "month " + two_digits(month) + " is out of range 01..12"};
    const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                              std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok())
        return {{}, "day " + two_digits(day) + " does not exist in " + std::to_string(year) + '-' + two_digits(month)};
    if (hour > 23) return {{}, "hour " + two_digits(hour) + " is out of range 00..23"};
    if (minute > 59) return {{}, "minute " + two_digits(minute) + " is out of range 00..59"};
    if (second == 60) return {{}, "leap second 60 cannot be represented"};
    if (second > 59) return {{}, "second " + two_digits(second) + " is out of range 00..59"};

    const auto local = sys_days{date} + hours{hour} + minutes{minute} + seconds{second} + fraction;
    return {timestamp{local - offset}, {}};
}

void append_padded(std::string& out, long long value, int width) {
    std::string digits = std::to_string(value);
    if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
    out += digits;
}

}  // namespace

timestamp timestamp::now() noexcept {
    return timestamp{floor<duration>(system_clock::now())};
}

result<timestamp> timestamp::parse(std::string_view text) {
    parse_outcome outcome = parse_iso8601(text);
    if (!outcome.problem.empty())
        return make_error_info(errc::invalid_argument,
                               "invalid ISO 8601 timestamp " + detail::quoted(text) + ": " + outcome.problem);
    return outcome.instant;
}

std::string timestamp::to_string() const {
    const auto day_start = floor<days>(time_);
    const year_month_day date{day_start};
    const hh_mm_ss clock_time{time_ - day_start};

    std::string out;
    out.reserve(27);
    const int year = static_cast<int>(date.year());
    if (year < 0) {
        out += '-';
        append_padded(out, -static_cast<long long>(year), 4);
    } else {
        if (year > 9999) out += '+';  // ISO 8601 expanded representation
        append_padded(out, year, 4);
    }
    out += '-';
    append_padded(out, static_cast<unsigned>(date.month()), 2);
    out += '-';
    append_padded(out, static_cast<unsigned>(date.day()), 2);
    out += 'T';
    append_padded(out, clock_time.hours().count(), 2);
    out += ':';
    append_padded(out, clock_time.minutes().count(), 2);
    out += ':';
    append_padded(out, clock_time.seconds().count(), 2);
    const auto micros = clock_time.subseconds().count();
    if (micros != 0) {
        out += '.';
        if (micros % 1000 == 0)
            append_padded(out, micros / 1000, 3);
        else
            append_padded(out, micros, 6);
    }
    out += 'Z';
    return out;
}

std::ostream& operator<<(std::ostream& out, const timestamp& t) {
    return out << t.to_string();
}

}  // namespace talentray
