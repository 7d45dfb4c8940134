// Building request targets so that no value can change their shape: percent-encoding, path
// templates filled from the operation table, and the target of the request line.
//
// Internal to the library, not installed. The talentray CLI includes it too (it forms pager and
// bench requests from the operation table): the one internal header the CLI may include.
#pragma once

#include <talentray/error.hpp>
#include <talentray/model/url.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace talentray {

/// Percent-encodes `segment` for use as one path segment: everything but the RFC 3986
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so `/`, `?`, `#`, `%`, spaces,
/// CR/LF and non-ASCII bytes cannot change the path. A segment made only of dots (`.`, `..`)
/// is encoded as `%2E...` so that it cannot be taken for a dot-segment. Never fails.
std::string encode_path_segment(std::string_view segment);

/// Percent-encodes a query parameter name or value (everything but unreserved characters;
/// a space becomes `%20`, never `+`). Never fails.
std::string encode_query_component(std::string_view component);

/// `name=value&name=value`, each part encoded; empty for no parameters (no `?` is added).
std::string encode_query(const query_params& params);

/// Fills a path template such as `/api/v1/candidates/{id}/steps` with encoded values:
/// `build_path("/api/v1/candidates/{id}/steps", {{"id", id}})`.
///
/// Each placeholder must be a whole segment and gets exactly one value, encoded with
/// `encode_path_segment`. Returns the path, or `errc::invalid_argument` naming the parameter
/// when a value is empty (`path parameter "id" must not be empty`), a placeholder has no value,
/// a value has no placeholder or is given twice, or the template is malformed (does not start
/// with `/`, has an unclosed or partial-segment placeholder, or a literal character that would
/// need encoding). Throws only `std::bad_alloc`.
result<std::string> build_path(std::string_view path_template,
                               std::initializer_list<path_param> params);

/// `path`, followed by `?` and the encoded query when there are parameters: the target of an
/// HTTP request line.
std::string make_target(std::string_view path, const query_params& query);

}  // namespace talentray
