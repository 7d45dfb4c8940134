// Where a shared budget's Redis is: the parsed form of `scheduler_options::shared_budget`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace talentray::detail {

/// A Redis server and the database the budget uses in it.
struct redis_endpoint {
    bool unix_socket = false;  ///< `redis+unix://`: `path` names the socket; else TCP to host:port
    std::string host;          ///< TCP only; brackets removed from an IPv6 literal
    std::uint16_t port = 6379;
    std::string path;          ///< unix sockets only
    std::string user;          ///< ACL user (Redis 6+); empty: AUTH with the password alone
    std::string password;      ///< empty: no AUTH
    std::uint32_t db = 0;      ///< SELECTed on connect when not 0

    /// `redis://host:port/db` or `redis+unix:///path?db=N`, without user or password: safe to
    /// print. Never throws but `std::bad_alloc`.
    std::string describe() const;
};

/// Parses `redis://[[user]:password@]host[:port][/db]` or
/// `redis+unix:///path[?db=N][&password=P][&user=U]`; user and password are percent-decoded.
/// Throws `talentray::error` (errc::invalid_argument) with a message that starts with
/// `scheduler_options::shared_budget:` and names what is wrong; it never quotes the password.
redis_endpoint parse_redis_url(std::string_view url);

}  // namespace talentray::detail
