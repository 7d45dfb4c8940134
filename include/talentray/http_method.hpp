// talentray/http_method.hpp — the HTTP method of a request, and whether it may be replayed.
#pragma once

// Boost 1.81's verb.hpp defines an inline operator<< but does not include <ostream> itself.
#include <ostream>

#include <boost/beast/http/verb.hpp>

namespace talentray {

/// Beast's verb: `http_method::get`, `post`, `patch`, `delete_`, ... Its text ("GET", "DELETE")
/// is `to_string(method)`, found by argument-dependent lookup in Boost.Beast.
using http_method = boost::beast::http::verb;

/// True for the methods RFC 9110 §9.2.2 calls idempotent (GET, HEAD, PUT, DELETE, OPTIONS,
/// TRACE): sending such a request twice has the effect of sending it once, so it may be replayed
/// after an unknown outcome. POST and PATCH are not.
constexpr bool is_idempotent(http_method method) noexcept {
    switch (method) {
    case http_method::get:
    case http_method::head:
    case http_method::put:
    case http_method::delete_:
    case http_method::options:
    case http_method::trace: return true;
    default: return false;
    }
}

}  // namespace talentray
