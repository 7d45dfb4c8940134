// UTF-8 validity, for invariants on text that must stay valid after the SDK cuts it.
#pragma once

#include <cstddef>
#include <string_view>

namespace talentray::fuzz {

/// True when `text` is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values past
/// U+10FFFF), as Boost.JSON requires of every string it parses.
inline bool is_valid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char lead = byte(i);
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xbf;  // the allowed range of the second byte
        if (lead < 0x80) length = 1;
        else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
        else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0) low = 0xa0;
            if (lead == 0xed) high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0) low = 0x90;
            if (lead == 0xf4) high = 0x8f;
        } else
            return false;
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const unsigned char c = byte(i + k);
            if (k == 1 ? (c < low || c > high) : (c < 0x80 || c > 0xbf)) return false;
        }
        i += length;
    }
    return true;
}

}  // namespace talentray::fuzz
