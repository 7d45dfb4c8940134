#include "shared_budget/redis_url.hpp"

#include "base/http_text.hpp"

#include <talentray/error.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <charconv>

namespace talentray::detail {

namespace {

constexpr const char* expected_forms =
    "expected redis://[[user]:password@]host[:port][/db] or redis+unix:///path[?db=N][&password=P]";

[[noreturn]] void reject(const std::string& what) {
    throw_error(errc::invalid_argument, "scheduler_options::shared_budget: " + what);
}

std::uint32_t parse_db(std::string_view text) {
    std::uint32_t db = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), db);
    // Redis's default configuration has 16 databases; larger numbers exist only when configured,
    // so anything a uint32 holds is left for the server to refuse.
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        reject("database must be a non-negative number (got \"" + std::string(text) + "\")");
    return db;
}

}  // namespace

std::string redis_endpoint::describe() const {
    if (unix_socket) return "redis+unix://" + path + "?db=" + std::to_string(db);
    const bool ipv6 = host.find(':') != std::string::npos;
    return "redis://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" + std::to_string(db);
}

redis_endpoint parse_redis_url(std::string_view text) {
    const auto parsed = boost::urls::parse_uri(text);
    if (!parsed) reject(std::string("not a URL; ") + expected_forms);
    const boost::urls::url_view url = *parsed;

    redis_endpoint out;
    const std::string scheme = url.scheme();
    if (scheme == "redis+unix") {
        out.unix_socket = true;
    } else if (scheme != "redis") {
        // "rediss" (TLS) is a real scheme, but hiredis 0.14 has no TLS: say so rather than
        // silently sending the password in clear.
        reject("scheme must be redis or redis+unix (got \"" + scheme + "\"" +
               (scheme == "rediss" ? "; TLS to Redis is not supported" : "") + ")");
    }
    if (url.has_fragment()) reject("a #fragment is not allowed");

    if (url.has_userinfo()) {
        if (out.unix_socket) reject("redis+unix:// takes its password as ?password=P, not user:password@");
        out.user = url.user();
        if (!url.has_password()) reject("a user without a password (user@host): write :password@host");
        out.password = url.password();
        if (out.password.empty()) reject("the password after ':' is empty");
    }

    if (out.unix_socket) {
        if (!url.encoded_host().empty())
            reject("redis+unix:// takes no host: write redis+unix:///absolute/path (got host \"" +
                   std::string(url.encoded_host()) + "\")");
        out.path = url.path();
        if (out.path.empty() || out.path.front() != '/') reject("redis+unix:// needs an absolute socket path");
        for (const auto param : url.params()) {
            if (param.key == "db") {
                out.db = parse_db(param.value);
            } else if (param.key == "password") {
                out.password = param.value;
                if (out.password.empty()) reject("the password parameter is empty");
            } else if (param.key == "user") {
                out.user = param.value;
            } else {
                reject("unknown parameter \"" + std::string(param.key) + "\" (known: db, password, user)");
            }
        }
        if (!out.user.empty() && out.password.empty()) reject("a user parameter needs a password parameter");
        return out;
    }

    if (url.has_query()) reject("redis:// takes no ?query: the database is the path (/0)");
    out.host = url.host_type() == boost::urls::host_type::ipv6 ? std::string(url.host_address()) : std::string(url.host());
    if (out.host.empty()) reject("the host is missing; " + std::string(expected_forms));
    if (url.has_port()) {
        const auto port = http_text::parse_port(url.port());
        if (!port) reject("port must be a number from 1 to 65535 (got \"" + std::string(url.port()) + "\")");
        out.port = *port;
    }
    std::string path = url.path();
    if (!path.empty() && path.front() == '/') path.erase(0, 1);
    if (!path.empty()) out.db = parse_db(path);
    return out;
}

}  // namespace talentray::detail
