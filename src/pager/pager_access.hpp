// Wrapping an engine into a typed pager: for the factories, and for tests with in-memory pages.
#pragma once

#include "pager/page_stream.hpp"

#include <talentray/pager.hpp>

#include <boost/json/value.hpp>

#include <memory>
#include <type_traits>

namespace talentray::detail {

struct pager_access {
    template <class T>
    static pager<T> wrap(std::unique_ptr<page_stream> stream) noexcept {
        return pager<T>{std::move(stream)};
    }
};

/// How `pager<T>` keeps rows: exact text for `raw_row`, heap JSON for `json::value` (the caller
/// takes the rows as they are), arena JSON for models (decoding copies what it keeps).
template <class T>
inline constexpr row_format row_format_of = std::is_same_v<T, raw_row>              ? row_format::text
                                            : std::is_same_v<T, boost::json::value> ? row_format::json
                                                                                    : row_format::model;

}  // namespace talentray::detail
