#include "rate_argument.hpp"

#include "../usage_error.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace talentray::cli::bench {
namespace {

[[noreturn]] void refuse(std::string_view option, std::string_view text, const std::string& why) {
    throw usage_error(std::string(option) + ": '" + std::string(text) + "' " + why +
                      "; give a rate such as 8/s, 480/min or 3000/h, or a share of the key's limit such as 80%");
}

double number(std::string_view digits, std::string_view option, std::string_view text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value,
                                           std::chars_format::fixed);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value))
        refuse(option, text, "does not start with a number");
    if (value <= 0) refuse(option, text, "is not positive");
    return value;
}

}  // namespace

rate_argument parse_rate_argument(std::string_view text, std::string_view option) {
    rate_argument rate;
    if (text.ends_with('%')) {
        rate.percent_of_limit = number(text.substr(0, text.size() - 1), option, text);
        if (rate.percent_of_limit > 1000) refuse(option, text, "is more than 1000% of the limit");
        return rate;
    }
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) refuse(option, text, "has no unit");
    const double count = number(text.substr(0, slash), option, text);
    const std::string_view unit = text.substr(slash + 1);
    if (unit == "s") rate.per_second = count;
    else if (unit == "min" || unit == "m") rate.per_second = count / 60;
    else if (unit == "h") rate.per_second = count / 3600;
    else refuse(option, text, "has an unknown unit '" + std::string(unit) + "' (s, min or h)");
    if (rate.per_second > 100'000) refuse(option, text, "is above 100000 requests per second");
    return rate;
}

double resolve(const rate_argument& argument, std::uint32_t requests, std::chrono::seconds window) noexcept {
    if (!argument.is_share()) return argument.per_second;
    if (window.count() <= 0) return 0;
    return argument.percent_of_limit / 100.0 * static_cast<double>(requests) / static_cast<double>(window.count());
}

}  // namespace talentray::cli::bench
