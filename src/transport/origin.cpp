#include "transport/origin.hpp"

#include "base/http_text.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace talentray::detail {
namespace {

bool is_instance_name(std::string_view s) {
    return !s.empty() && s.size() <= 63 && std::all_of(s.begin(), s.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
           }) && s.front() != '-' && s.back() != '-';
}

error_info bad_url(std::string_view base_url, std::string why) {
    return make_error_info(errc::invalid_base_url,
                           "base URL '" + std::string{base_url} + "': " + std::move(why));
}

}  // namespace

std::string origin::to_string() const {
    std::string out = tls ? "https://" : "http://";
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    out += ':' + std::to_string(port);
    return out;
}

std::string origin::host_header() const {
    std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != (tls ? 443 : 80)) out += ':' + std::to_string(port);
    return out;
}

result<origin> parse_origin(std::string_view base_url) {
    if (is_instance_name(base_url)) {
        origin o;
        o.host = std::string{base_url} + ".talent-ray.com";
        return o;
    }
    auto parsed = boost::urls::parse_absolute_uri(base_url);
    if (!parsed) return bad_url(base_url, "not an absolute URL or an instance name");
    const auto& u = *parsed;
    origin o;
    if (u.scheme() == "https") {
        o.tls = true;
        o.port = 443;
    } else if (u.scheme() == "http") {
        o.tls = false;
        o.port = 80;
    } else {
        return bad_url(base_url, "scheme must be https or http");
    }
    if (u.has_userinfo()) return bad_url(base_url, "credentials in the URL are not allowed");
    if (u.has_query() || u.has_fragment()) return bad_url(base_url, "a query or fragment is not allowed");
    o.host = u.encoded_host_address();  // IPv6 without brackets
    if (o.host.empty()) return bad_url(base_url, "no host");
    std::transform(o.host.begin(), o.host.end(), o.host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (u.has_port()) {
        const auto port = http_text::parse_port(u.port());
        if (!port) return bad_url(base_url, "invalid port (1 to 65535)");
        o.port = *port;
    }
    std::string path{u.encoded_path()};
    while (!path.empty() && path.back() == '/') path.pop_back();
    o.base_path = std::move(path);
    return o;
}

bool is_loopback_host(std::string_view host) noexcept {
    if (host == "localhost") return true;
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(std::string{host}, ec);
    return !ec && address.is_loopback();
}

result<void> check_transport_security(const origin& o, bool allow_insecure_http) {
    if (o.tls || allow_insecure_http || is_loopback_host(o.host)) return {};
    return make_error_info(errc::insecure_url_refused,
                           "refusing plain http:// to non-loopback host '" + o.host +
                               "' (the API key would cross the network in clear); use https:// or "
                               "set client_options::allow_insecure_http");
}

}  // namespace talentray::detail
