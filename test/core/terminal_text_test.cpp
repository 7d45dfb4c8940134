// Server text shown on a terminal: no control, no reordering, only valid UTF-8.
#include "base/terminal_text.hpp"

#include <catch2/catch.hpp>

#include <string>

using talentray::detail::terminal_safe_text;

TEST_CASE("terminal text: C0, DEL and C1 controls become spaces") {
    CHECK(terminal_safe_text("a\nb\x1b[31mc\x7f") == "a b [31mc ");
    CHECK(terminal_safe_text("x\xC2\x9B" "31my\xC2\x85z") == "x 31my z");  // CSI and NEL as C1
    CHECK(terminal_safe_text("caf\xC3\xA9 \xC2\xA0ok") == "caf\xC3\xA9 \xC2\xA0ok");  // é and NBSP stay
}

TEST_CASE("terminal text: bidirectional overrides, isolates and marks are removed") {
    const std::string bidi[] = {"\xD8\x9C", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAA", "\xE2\x80\xAB",
                                "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7",
                                "\xE2\x81\xA8", "\xE2\x81\xA9"};
    for (const std::string& mark : bidi) CHECK(terminal_safe_text("ab" + mark + "cd") == "abcd");
    CHECK(terminal_safe_text("\xE2\x80\x8D") == "\xE2\x80\x8D");  // a zero-width joiner is not bidi
}

TEST_CASE("terminal text: each byte of invalid UTF-8 becomes U+FFFD") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(terminal_safe_text("a\x80z") == "a" + fffd + "z");                       // stray continuation
    CHECK(terminal_safe_text("a\xC3") == "a" + fffd);                              // truncated
    CHECK(terminal_safe_text("\xC0\xAF") == fffd + fffd);                          // overlong '/'
    CHECK(terminal_safe_text("\xE0\x80\xAF") == fffd + fffd + fffd);               // overlong, 3 bytes
    CHECK(terminal_safe_text("\xED\xA0\x80") == fffd + fffd + fffd);               // a surrogate
    CHECK(terminal_safe_text("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);    // past U+10FFFF
    CHECK(terminal_safe_text("\xFF") == fffd);
    CHECK(terminal_safe_text("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");           // an emoji stays
}

TEST_CASE("terminal text: a cut keeps at most max_bytes of the text, on a character boundary") {
    CHECK(terminal_safe_text("abcdef", 6) == "abcdef");
    CHECK(terminal_safe_text("abcdef", 4) == "abcd…");
    CHECK(terminal_safe_text("ab\xC3\xA9", 3) == "ab…");  // é would end past byte 3
}

TEST_CASE("terminal text: the bound is on what is shown, so replacements cannot grow it past max_bytes") {
    // Found by fuzz_error_decoding: each invalid byte becomes three, which tripled the length.
    const std::string invalid(1000, '\xFF');
    const std::string shown = terminal_safe_text(invalid, 1024);
    CHECK(shown.size() <= 1024 + std::string_view{"…"}.size());
    CHECK(shown.size() >= 1024 - 3 + std::string_view{"…"}.size());
    CHECK(shown.ends_with("…"));
    CHECK(terminal_safe_text("\xFF\xFF", 6) == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(terminal_safe_text("\xFF\xFF", 5) == "\xEF\xBF\xBD…");
}
