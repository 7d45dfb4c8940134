// The one spelling of a failed `result`: boost::system::result's in-place error.
#pragma once

#include <talentray/error.hpp>

#include <utility>

namespace talentray::detail {

/// A `result<T>` that holds `info` as its error, moved in (no copy of its text).
template <class T>
result<T> failed(error_info info) {
    return result<T>{boost::system::in_place_error, std::move(info)};
}

}  // namespace talentray::detail
