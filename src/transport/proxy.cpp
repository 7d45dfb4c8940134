#include "transport/proxy.hpp"

#include "base/http_text.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace talentray::detail {
namespace {

error_info bad_proxy(std::string why) {
    // The URL itself is not quoted: it may hold a password.
    return make_error_info(errc::invalid_proxy_url, "proxy URL: " + std::move(why));
}

}  // namespace

std::string proxy_endpoint::to_string() const {
    std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return out + ':' + std::to_string(port);
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k)
            group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k)
            out += k <= n ? alphabet[(group >> (18 - 6 * k)) & 0x3f] : '=';
    }
    return out;
}

result<std::optional<proxy_endpoint>> parse_proxy_url(std::string_view url) {
    if (url.empty()) return std::optional<proxy_endpoint>{};
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return bad_proxy("contains whitespace or control characters");
    // curl reads a URL without a scheme as http://.
    std::string text = url.find("://") == std::string_view::npos ? "http://" + std::string{url} : std::string{url};
    auto parsed = boost::urls::parse_absolute_uri(text);
    // The wiped copy: `text` may hold the password.
    secret wiped_text{std::move(text)};
    if (!parsed) return bad_proxy("not a URL of the form http://[user:password@]host[:port]");
    const auto& u = *parsed;
    if (u.scheme() != "http")
        return bad_proxy("scheme '" + std::string{u.scheme()} +
                         "' is not supported; only http:// proxies (tunnelling with CONNECT) are");
    if (u.has_query() || u.has_fragment()) return bad_proxy("a query or fragment is not allowed");
    if (!u.encoded_path().empty() && u.encoded_path() != "/") return bad_proxy("a path is not allowed");

    proxy_endpoint proxy;
    proxy.host = u.encoded_host_address();
    if (proxy.host.empty()) return bad_proxy("no host");
    std::transform(proxy.host.begin(), proxy.host.end(), proxy.host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (u.has_port()) {
        const auto port = http_text::parse_port(u.port());
        if (!port) return bad_proxy("invalid port (1 to 65535)");
        proxy.port = *port;
    }
    if (u.has_userinfo()) {
        secret user{u.user()};
        secret password{u.password()};
        if (user.empty()) return bad_proxy("credentials without a user name");
        secret pair{std::string{user.reveal()} + ':' + std::string{password.reveal()}};
        secret token{base64_encode(pair.reveal())};
        proxy.authorization = secret{"Basic " + std::string{token.reveal()}};
        if (!password.empty()) proxy.credential_forms.push_back(password);
        proxy.credential_forms.push_back(pair);
        proxy.credential_forms.push_back(secret{std::string{u.encoded_userinfo()}});
        proxy.credential_forms.push_back(token);
    }
    return std::optional<proxy_endpoint>{std::move(proxy)};
}

}  // namespace talentray::detail
