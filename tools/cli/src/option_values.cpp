#include "option_values.hpp"

#include "usage_error.hpp"

#include <charconv>
#include <limits>
#include <string>

namespace talentray::cli {
namespace {

[[noreturn]] void refuse(std::string_view option, std::string_view text, std::string_view why) {
    throw usage_error(std::string(option) + ": '" + std::string(text) + "' " + std::string(why));
}

// The leading decimal digits of `text` as a number; `rest` receives what follows them.
bool leading_number(std::string_view text, std::uint64_t& value, std::string_view& rest) {
    const char* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || stop == text.data()) return false;
    rest = text.substr(static_cast<std::size_t>(stop - text.data()));
    return true;
}

}  // namespace

std::chrono::milliseconds parse_duration(std::string_view text, std::string_view option) {
    std::uint64_t amount = 0;
    std::string_view unit;
    if (text.empty() || text.front() == '-' || text.front() == '+' || !leading_number(text, amount, unit))
        refuse(option, text, "is not a duration; write e.g. 30s, 1500ms or 2m");
    std::uint64_t factor = 0;
    if (unit.empty() || unit == "s") factor = 1000;
    else if (unit == "ms") factor = 1;
    else if (unit == "m") factor = 60'000;
    else if (unit == "h") factor = 3'600'000;
    else refuse(option, text, "has an unknown unit '" + std::string(unit) + "'; use ms, s, m or h");
    if (amount == 0) refuse(option, text, "must be positive");
    if (amount > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / factor / 1000)
        refuse(option, text, "is too long");
    return std::chrono::milliseconds{static_cast<std::int64_t>(amount * factor)};
}

rate_limit parse_rate_limit(std::string_view text, std::string_view option) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) refuse(option, text, "is not a rate limit; write N/DURATION, e.g. 600/60s");
    const std::string_view count_text = text.substr(0, slash);
    const std::string_view window_text = text.substr(slash + 1);

    std::uint64_t count = 0;
    std::string_view after_count;
    if (!leading_number(count_text, count, after_count) || !after_count.empty())
        refuse(option, text, "does not start with a request count; write N/DURATION, e.g. 600/60s");
    if (count < 2) refuse(option, text, "must allow at least 2 requests per window");
    if (count > std::numeric_limits<std::uint32_t>::max()) refuse(option, text, "allows too many requests");

    const std::chrono::milliseconds window = parse_duration(window_text, option);
    if (window.count() % 1000 != 0) refuse(option, text, "needs a window of whole seconds");
    return {static_cast<std::uint32_t>(count), std::chrono::duration_cast<std::chrono::seconds>(window)};
}

}  // namespace talentray::cli
