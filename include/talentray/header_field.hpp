// talentray/header_field.hpp — extra HTTP header fields a client or a call adds to requests.
#pragma once

#include <string>
#include <vector>

namespace talentray {

/// One extra header field to send with requests, such as `traceparent` or `X-Request-Id`.
///
/// The name must be an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``); the value may hold
/// no control character but horizontal tab (so no CR or LF: a field cannot smuggle another).
/// Fields the client sets itself cannot be replaced: `Authorization`, `Proxy-Authorization`,
/// `x-api-key`, `Host`, `Content-Length`, `Content-Type`, `Transfer-Encoding`, `Connection`,
/// `Keep-Alive`, `Upgrade`, `TE`, `Trailer`, `Expect`, `Accept`, `Accept-Encoding` (which has
/// `client_options::compression`: the client decodes what it asked for) and `User-Agent` (which
/// has `client_options::user_agent`). Names are compared without regard to case.
struct header_field {
    std::string name;
    std::string value;
};

using header_fields = std::vector<header_field>;

}  // namespace talentray
