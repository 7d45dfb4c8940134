// base/http_text.hpp — reading the small pieces of protocol text every layer meets: optional
// whitespace around header values, names compared without case, and port numbers in URLs.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace talentray::detail::http_text {

constexpr char to_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

/// ASCII case-insensitive equality, as header names and tokens compare (RFC 9110 §5.1).
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

/// `s` without the spaces and tabs around it (OWS, RFC 9110 §5.6.3).
constexpr std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// The port of a URL's authority: decimal digits only, 1 to 65535. Returns nothing for
/// anything else: empty, a sign, a space, 0, or a value above 65535 (which Boost.URL's
/// `port_number()` would wrap instead of refusing).
inline std::optional<std::uint16_t> parse_port(std::string_view digits) noexcept {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || value == 0 || value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

}  // namespace talentray::detail::http_text
