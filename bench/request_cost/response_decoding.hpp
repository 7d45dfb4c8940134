// The work the libcurl and Beast clients do with a response, so that they match the SDK's typed
// calls: parse the body with Boost.JSON (the options `talentray::response::json()` uses) and
// decode it into the SDK's model (`candidate` or `offset_page<candidate>`).
#pragma once

#include "load_plan.hpp"

#include <cstddef>
#include <string_view>

namespace talentray::bench {

/// Returns the rows decoded; throws std::runtime_error when the body is not the expected model.
std::size_t decode_response(workload_kind workload, std::string_view body);

}  // namespace talentray::bench
