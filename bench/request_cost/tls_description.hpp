// Which TLS version and suite a client runs with, for the result line: all three clients must
// use the same, or their CPU per request would not be comparable.
#pragma once

#include <string>

using SSL = struct ssl_st;

namespace talentray::bench {

/// "TLSv1.3 TLS_AES_128_GCM_SHA256" for an established connection.
std::string negotiated_tls(const SSL* connection);

/// The TLS 1.3 suites a default client context of this process offers ("configured: ..."),
/// which is what a library that does not expose its connections negotiates.
std::string configured_tls13_suites();

}  // namespace talentray::bench
