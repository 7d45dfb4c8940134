// talentray/model/url.hpp — query and path parameters as a request carries them, before encoding.
//
// The client encodes them (and the path parameters of the typed calls) so that no value can
// change the shape of the request target.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace talentray {

/// One query parameter, not yet encoded.
struct query_param {
    std::string name;
    std::string value;

    friend bool operator==(const query_param&, const query_param&) = default;
};

/// Query parameters in the order they are sent.
using query_params = std::vector<query_param>;

/// A value for one `{name}` placeholder of an operation's path template, e.g. `{"id", id}` for
/// `/api/v1/candidates/{id}` (see `request_spec::of`). Refers to its strings: they must outlive it.
struct path_param {
    std::string_view name;
    std::string_view value;
};

}  // namespace talentray
