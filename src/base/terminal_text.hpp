// Making server text safe to show on a terminal: what the SDK repeats of a server's response
// ends up on someone's stderr, where control and bidirectional characters are instructions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace talentray::detail {

/// `text` as printable UTF-8, at most `max_bytes` bytes of it (then "…" marks the cut):
/// - C0 controls, DEL and C1 controls (U+0080..U+009F) become spaces;
/// - bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
///   U+202A..U+202E, U+2066..U+2069) are removed, so text cannot reorder what follows it;
/// - each byte that is not part of valid UTF-8 (stray continuation bytes, truncated, overlong
///   or surrogate sequences, code points above U+10FFFF) becomes U+FFFD.
/// The cut falls on a character boundary. Pure; never throws
/// except `std::bad_alloc`.
std::string terminal_safe_text(std::string_view text, std::size_t max_bytes = std::string_view::npos);

}  // namespace talentray::detail
