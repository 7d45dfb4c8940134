// classify_failure: which failures a retry may cure.
#include "scheduler/retry_policy.hpp"

#include <talentray/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace talentray {

namespace {

bool is_timeout(const boost::system::error_code& e) noexcept {
    return e == errc::connect_timeout || e == errc::handshake_timeout || e == errc::io_timeout ||
           e == boost::asio::error::timed_out || e == boost::beast::error::timeout;
}

bool is_network(const boost::system::error_code& e) noexcept {
    namespace ae = boost::asio::error;
    namespace http = boost::beast::http;
    return e == errc::connection_failed || e == ae::connection_reset || e == ae::connection_refused ||
           e == ae::connection_aborted || e == ae::broken_pipe || e == ae::not_connected ||
           e == ae::network_down || e == ae::network_reset || e == ae::network_unreachable ||
           e == ae::host_unreachable || e == ae::shut_down || e == ae::eof || e == ae::host_not_found_try_again ||
           e == boost::asio::ssl::error::stream_truncated || e == http::error::end_of_stream ||
           e == http::error::partial_message;
}

}  // namespace

std::optional<retry_cause> classify_failure(int http_status, const boost::system::error_code& error) noexcept {
    if (http_status != 0) {
        switch (http_status) {
        case 429: return retry_cause::rate_limited;
        case 500:
        case 502:
        case 503:
        case 504: return retry_cause::server_error;
        default: return std::nullopt;
        }
    }
    if (is_timeout(error)) return retry_cause::timeout;
    if (is_network(error)) return retry_cause::network;
    return std::nullopt;
}

}  // namespace talentray
