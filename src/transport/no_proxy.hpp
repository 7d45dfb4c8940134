// NO_PROXY matching, as curl does it: which hosts are reached directly even when a proxy is set.
#pragma once

#include <cstdint>
#include <string_view>

namespace talentray::detail {

/// True when `host` (a name, or an IP literal with or without brackets) at `port` is listed in
/// `no_proxy`: entries separated by commas or whitespace; `*` alone matches every host; a name
/// matches itself and its subdomains, case-insensitively, with or without a leading dot
/// (`example.com` and `.example.com` both match `api.example.com`); an IP literal matches the
/// same address, or addresses in its range when written with a prefix length (`10.0.0.0/8`,
/// `fd00::/8`), never by suffix; `host:port` (`[v6]:port`) matches that port only. Pure.
bool proxy_bypassed(std::string_view no_proxy, std::string_view host, std::uint16_t port);

}  // namespace talentray::detail
