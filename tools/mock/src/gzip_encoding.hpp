// Whether a request accepts gzip, and gzip compression of a response's body.
#pragma once

#include <string>
#include <string_view>

namespace talentray::mock::detail {

/// True when an Accept-Encoding value allows gzip (RFC 9110 12.5.3): a `gzip` (or `x-gzip`)
/// entry with a non-zero q-value, or, without one, a `*` with a non-zero q-value. `gzip;q=0`
/// refuses gzip whatever `*` says. Names are compared without regard to case. Pure.
bool accepts_gzip(std::string_view accept_encoding) noexcept;

/// True when this build of the mock can compress (it was built with zlib).
bool gzip_available() noexcept;

/// `body` as one gzip member, at zlib's default level. Throws std::runtime_error without zlib.
std::string gzip_compress(std::string_view body);

}  // namespace talentray::mock::detail
