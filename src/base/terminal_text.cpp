#include "base/terminal_text.hpp"

#include <algorithm>

namespace talentray::detail {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

/// The length of the valid UTF-8 sequence at the start of `text` and its code point, or a
/// length of 0 when it is not one (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
struct decoded {
    std::size_t length = 0;
    char32_t code_point = 0;
};

decoded decode_one(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return {1, lead};
    std::size_t length = 0;
    char32_t value = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
        return {};
    }
    if (text.size() < length) return {};
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(i);
        if (i == 1 ? (next < low || next > high) : (next & 0xC0) != 0x80) return {};
        value = (value << 6) | (next & 0x3F);
    }
    return {length, value};
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

bool is_bidi_format(char32_t c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string terminal_safe_text(std::string_view text, std::size_t max_bytes) {
    std::string out;
    out.reserve(std::min(text.size(), max_bytes));
    std::size_t pos = 0;
    while (pos < text.size()) {
        const decoded one = decode_one(text.substr(pos));
        std::string_view piece;
        if (!one.length)
            piece = replacement;
        else if (is_control(one.code_point))
            piece = " ";
        else if (!is_bidi_format(one.code_point))
            piece = text.substr(pos, one.length);
        // The bound is on what is shown: a replacement is three bytes for one invalid byte.
        if (out.size() + piece.size() > max_bytes) {
            out += "…";
            break;
        }
        out += piece;
        pos += one.length ? one.length : 1;
    }
    return out;
}

}  // namespace talentray::detail
