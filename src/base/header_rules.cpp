#include "base/header_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace talentray::detail {

namespace {

// RFC 9110 5.6.2: tchar.
bool is_token_char(unsigned char c) {
    if (std::isalnum(c)) return true;
    constexpr std::string_view others = "!#$%&'*+-.^_`|~";
    return others.find(static_cast<char>(c)) != std::string_view::npos;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// Credentials, message framing and what the client owns: replacing any of them would leak a
// secret, desynchronise the connection or make the client misread the response.
constexpr std::array<std::string_view, 16> reserved = {
    "Authorization", "Proxy-Authorization", "x-api-key", "Host",    "Content-Length",
    "Content-Type",  "Transfer-Encoding",   "Connection", "Keep-Alive", "Upgrade",
    "TE",            "Trailer",             "Expect",     "Accept",     "User-Agent",
    "Accept-Encoding",
};

}  // namespace

std::optional<std::string> header_field_problem(const header_field& field, const std::string& where) {
    if (field.name.empty()) return where + ": the header name is empty";
    if (!std::all_of(field.name.begin(), field.name.end(), [](char c) { return is_token_char(static_cast<unsigned char>(c)); }))
        return where + ": the header name contains a character not allowed in an HTTP field name (allowed: letters, "
                       "digits and !#$%&'*+-.^_`|~)";
    for (const std::string_view name : reserved)
        if (equal_ignoring_case(field.name, name))
            return where + ": '" + field.name + "' is set by the client itself and cannot be replaced" +
                   (equal_ignoring_case(name, "User-Agent")        ? " (use client_options::user_agent)"
                    : equal_ignoring_case(name, "Accept-Encoding") ? " (use client_options::compression)"
                                                                    : "");
    const bool bad_value = std::any_of(field.value.begin(), field.value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && u != '\t') || u == 0x7f;
    });
    if (bad_value) return where + ": the value of '" + field.name + "' contains CR, LF or another control character";
    return std::nullopt;
}

}  // namespace talentray::detail
