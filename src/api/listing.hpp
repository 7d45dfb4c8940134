// Whole lists as pagers: the request of the list operation, handed to `pager<T>` for paging.
#pragma once

#include <talentray/error.hpp>
#include <talentray/pager.hpp>
#include <talentray/request.hpp>

#include <utility>

namespace talentray::detail {

/// An offset pager over the list `request` describes; its query already holds `page` (where to
/// start) and `pageSize`. Throws `talentray::error` when the request could not be formed or the
/// options are invalid; sends nothing.
template <class T>
pager<T> offset_pager(const client& owner, result<request_spec> request, int page_size, pager_options options) {
    if (!request) throw error(std::move(request).error());
    return pager<T>::offset(owner, std::move(*request), page_size, std::move(options));
}

/// A cursor pager over the list `request` describes; its query already holds `limit` and, when
/// the walk starts further back, `before`. Throws and sends as `offset_pager`.
template <class T>
pager<T> cursor_pager(const client& owner, result<request_spec> request, int limit, pager_options options) {
    if (!request) throw error(std::move(request).error());
    return pager<T>::cursor(owner, std::move(*request), limit, std::move(options));
}

}  // namespace talentray::detail
