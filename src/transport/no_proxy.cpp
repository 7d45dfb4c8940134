#include "transport/no_proxy.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

namespace talentray::detail {
namespace {

namespace ip = boost::asio::ip;

bool is_separator(char c) { return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view strip_brackets(std::string_view s) {
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return s.substr(1, s.size() - 2);
    return s;
}

std::optional<ip::address> as_address(std::string_view s) {
    boost::system::error_code ec;
    auto address = ip::make_address(std::string{s}, ec);
    if (ec) return std::nullopt;
    return address;
}

/// The address as 16 bytes (IPv4 mapped into IPv6), so one prefix comparison serves both.
std::array<unsigned char, 16> bytes_of(const ip::address& a) {
    if (a.is_v6()) return a.to_v6().to_bytes();
    return ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes();
}

bool in_range(const ip::address& host, const ip::address& network, unsigned prefix) {
    if (host.is_v4() != network.is_v4()) return false;
    if (network.is_v4()) prefix += 96;
    if (prefix > 128) return false;
    const auto h = bytes_of(host), n = bytes_of(network);
    for (unsigned bit = 0; bit < prefix; ++bit) {
        const unsigned mask = 0x80u >> (bit % 8);
        if ((h[bit / 8] & mask) != (n[bit / 8] & mask)) return false;
    }
    return true;
}

/// Splits "name:port", "[v6]:port" and "v4:port" into the host and the port (none when the entry
/// has no port, or is an IPv6 literal without brackets).
std::pair<std::string_view, std::optional<std::uint16_t>> split_port(std::string_view entry) {
    std::size_t colon = std::string_view::npos;
    if (entry.front() == '[') {
        const auto close = entry.find(']');
        if (close != std::string_view::npos && close + 1 < entry.size() && entry[close + 1] == ':') colon = close + 1;
    } else if (entry.find(':') == entry.rfind(':')) {
        colon = entry.find(':');
    }
    if (colon == std::string_view::npos) return {entry, std::nullopt};
    std::uint16_t port = 0;
    const auto digits = entry.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return {entry, std::nullopt};
    return {entry.substr(0, colon), port};
}

bool entry_matches(std::string_view entry, std::string_view host, const std::optional<ip::address>& host_address,
                   std::uint16_t port) {
    auto [name, entry_port] = split_port(entry);
    if (entry_port && *entry_port != port) return false;
    name = strip_brackets(name);

    if (host_address) {
        const auto slash = name.find('/');
        auto network = as_address(name.substr(0, slash));
        if (!network) return false;
        if (slash == std::string_view::npos) return *network == *host_address;
        unsigned prefix = 0;
        const auto bits = name.substr(slash + 1);
        auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
        if (ec != std::errc{} || end != bits.data() + bits.size()) return false;
        return in_range(*host_address, *network, prefix);
    }

    while (!name.empty() && name.front() == '.') name.remove_prefix(1);
    while (!name.empty() && name.back() == '.') name.remove_suffix(1);
    if (name.empty()) return false;
    if (iequals(host, name)) return true;
    return host.size() > name.size() && host[host.size() - name.size() - 1] == '.' &&
           iequals(host.substr(host.size() - name.size()), name);
}

}  // namespace

bool proxy_bypassed(std::string_view no_proxy, std::string_view host, std::uint16_t port) {
    auto trimmed = no_proxy;
    while (!trimmed.empty() && is_separator(trimmed.front())) trimmed.remove_prefix(1);
    while (!trimmed.empty() && is_separator(trimmed.back())) trimmed.remove_suffix(1);
    if (trimmed == "*") return true;

    host = strip_brackets(host);
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);
    const auto host_address = as_address(host);
    std::size_t at = 0;
    while (at < no_proxy.size()) {
        while (at < no_proxy.size() && is_separator(no_proxy[at])) ++at;
        std::size_t end = at;
        while (end < no_proxy.size() && !is_separator(no_proxy[end])) ++end;
        if (end > at && entry_matches(no_proxy.substr(at, end - at), host, host_address, port)) return true;
        at = end;
    }
    return false;
}

}  // namespace talentray::detail
