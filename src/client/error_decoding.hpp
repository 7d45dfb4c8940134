// The one place where a non-2xx response becomes a talentray error.
#pragma once

#include <talentray/error.hpp>
#include <talentray/response.hpp>

#include <string_view>

namespace talentray::detail {

/// Decodes a non-2xx response into a code and diagnostics. Branches on the HTTP status first
/// and reads the body as supplementary: v1 bodies (`/api/v1/...`) carry a machine code plus
/// `message`, `details`, `requiredScopes`, `grantedScopes`; legacy and public bodies carry a
/// human-readable `error`. A body that is not JSON (an HTML 502 page) or has an unexpected shape
/// is described, never trusted. Server-provided text is cut to 1 KiB and made terminal-safe
/// (`terminal_safe_text`: no control or bidirectional characters, valid UTF-8).
/// `Retry-After` is parsed when present; `Location` is kept for a 3xx.
error_info decode_error_response(const response& res, std::string_view method, std::string_view path);

}  // namespace talentray::detail
