// Where requests go: scheme, host, port, and an optional path prefix, parsed once from
// client_options::base_url.
#pragma once

#include <talentray/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace talentray::detail {

struct origin {
    bool tls = true;
    std::string host;        ///< without brackets for IPv6 literals
    std::uint16_t port = 443;
    std::string base_path;   ///< prefix put before every request path, no trailing '/'

    /// "https://host:port" as sent in the Host header's authority form and shown in logs.
    std::string to_string() const;
    /// The Host header value: host, plus ":port" unless it is the scheme's default.
    std::string host_header() const;
};

/// Parses a base URL or a bare instance name ("acme" -> https://acme.talent-ray.com).
/// Fails with errc::invalid_base_url naming what is wrong (scheme, host, userinfo, query...).
/// Does not apply the loopback rule; see `check_transport_security`.
result<origin> parse_origin(std::string_view base_url);

/// True for "localhost", 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host) noexcept;

/// Refuses plain HTTP to a non-loopback host unless `allow_insecure_http` (errc::insecure_url_refused).
result<void> check_transport_security(const origin& o, bool allow_insecure_http);

}  // namespace talentray::detail
