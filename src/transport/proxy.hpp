// The HTTP proxy requests to an https:// origin go through: parsed once from
// client_options::proxy, with its credentials kept as secrets.
#pragma once

#include <talentray/error.hpp>
#include <talentray/secret.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::detail {

struct proxy_endpoint {
    std::string host;  ///< lower case, without brackets for IPv6 literals
    std::uint16_t port = 1080;
    /// `Basic <base64(user:password)>`, the Proxy-Authorization value; empty without credentials.
    secret authorization;
    /// Every form in which the credentials could be repeated (the password, `user:password`
    /// decoded and as written, the base64 token), for the redactor.
    std::vector<secret> credential_forms;

    /// "host:port" (IPv6 in brackets): how errors and logs name the proxy, never with credentials.
    std::string to_string() const;
};

/// Parses a proxy URL as curl reads one: `[http://][user[:password]@]host[:port][/]`, port 1080
/// when absent, user and password percent-decoded. Returns nothing for an empty URL. Fails with
/// errc::invalid_proxy_url naming what is wrong (the scheme, the host, a port, a path...); the
/// message never repeats the credentials.
result<std::optional<proxy_endpoint>> parse_proxy_url(std::string_view url);

/// Standard base64 (RFC 4648, with padding) of `bytes`.
std::string base64_encode(std::string_view bytes);

}  // namespace talentray::detail
