// One Redis reply as a plain value, copied out of hiredis's reply tree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace talentray::detail {

struct redis_reply {
    enum class kind { nil, integer, string, status, error, array };
    kind type = kind::nil;
    std::int64_t integer = 0;         ///< `integer`
    std::string text;                 ///< `string`, `status` and `error`
    std::vector<redis_reply> elements;  ///< `array`

    bool is_error() const noexcept { return type == kind::error; }
};

}  // namespace talentray::detail
