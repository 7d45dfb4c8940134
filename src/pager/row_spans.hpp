// Locating each element of a JSON array inside the text it was parsed from (exact row bytes).
#pragma once

#include <talentray/error.hpp>

#include <initializer_list>
#include <string_view>
#include <vector>

namespace talentray::detail {

/// The text of each element of the array found by following `path` (object member names) from
/// the top-level object of `json_text`, e.g. `{"data", "rows"}` for `{"data": {"rows": [...]}}`.
/// Each span is the element exactly as written, without surrounding whitespace. When a member
/// name appears twice, the last one counts (as in the parsed value).
///
/// `json_text` is expected to be valid JSON (the caller has parsed it); anything unexpected
/// (the path is missing or not an array, a truncated value) is `errc::invalid_response`.
/// The spans point into `json_text`. Throws only `std::bad_alloc`.
result<std::vector<std::string_view>> array_element_spans(std::string_view json_text,
                                                          std::initializer_list<std::string_view> path);

}  // namespace talentray::detail
