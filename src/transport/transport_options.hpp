// What the transport reads of the client's configuration, filled by the client from its
// `client_options`: the transport knows nothing else of the client.
#pragma once

#include <talentray/connection_options.hpp>

#include <cstddef>

namespace talentray::detail {

struct transport_options {
    pool_options pool;
    timeout_options timeouts;
    /// Largest response body accepted, on the wire and once inflated (`errc::body_too_large`).
    std::size_t max_body_size = 0;
};

}  // namespace talentray::detail
