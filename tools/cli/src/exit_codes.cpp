#include "exit_codes.hpp"

#include <talentray/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>

#include <array>

namespace talentray::cli {

exit_code exit_code_for(const boost::system::error_code& code) noexcept {
    if (!code) return exit_code::ok;
    if (code.category() == talentray::error_category()) {
        switch (static_cast<errc>(code.value())) {
        case errc::invalid_argument:
        case errc::insecure_url_refused:
        case errc::invalid_base_url:
        case errc::invalid_proxy_url: return exit_code::usage;
        case errc::bad_request: return exit_code::bad_request;
        case errc::invalid_api_key:
        case errc::unauthorized: return exit_code::unauthorized;
        case errc::forbidden:
        case errc::insufficient_scope: return exit_code::forbidden;
        case errc::not_found: return exit_code::not_found;
        case errc::rate_limited:
        case errc::admission_deadline: return exit_code::rate_limited;
        case errc::connect_timeout:
        case errc::handshake_timeout:
        case errc::io_timeout:
        case errc::deadline_exceeded:
        case errc::tls_verification_failed:
        case errc::connection_failed:
        case errc::proxy_refused: return exit_code::network;
        case errc::server_error:
        case errc::retry_budget_exhausted: return exit_code::server_error;
        case errc::body_too_large:
        case errc::redirect_not_followed:
        case errc::invalid_response:
        case errc::unexpected_status:
        case errc::pagination_stalled:
        case errc::concurrent_next:
        case errc::list_changed:
        case errc::tie_wider_than_page: return exit_code::other;
        case errc::client_closed: return exit_code::interrupted;  // as a cancelled call
        }
        return exit_code::other;
    }
    if (code == boost::asio::error::operation_aborted) return exit_code::interrupted;
    const auto& category = code.category();
    if (category == boost::system::system_category() || category == boost::asio::error::get_netdb_category() ||
        category == boost::asio::error::get_addrinfo_category() || category == boost::asio::error::get_misc_category() ||
        category == boost::asio::error::get_ssl_category() || category == boost::asio::ssl::error::get_stream_category())
        return exit_code::network;
    return exit_code::other;
}

std::string_view describe(exit_code code) noexcept {
    switch (code) {
    case exit_code::ok: return "ok";
    case exit_code::other: return "failed";
    case exit_code::usage: return "usage error";
    case exit_code::bad_request: return "request refused as invalid";
    case exit_code::unauthorized: return "not authenticated";
    case exit_code::forbidden: return "permission denied";
    case exit_code::not_found: return "not found";
    case exit_code::rate_limited: return "rate limited";
    case exit_code::network: return "network or TLS failure";
    case exit_code::server_error: return "server error";
    case exit_code::output_closed: return "standard output closed";
    case exit_code::interrupted: return "interrupted";
    }
    return "failed";
}

std::string exit_code_table() {
    struct row {
        exit_code code;
        std::string_view meaning;
    };
    static constexpr std::array rows{
        row{exit_code::ok, "success"},
        row{exit_code::other, "other failure (unexpected response, unwritable output, unusable checkpoint)"},
        row{exit_code::usage, "usage error: bad option, argument or input file; nothing was sent"},
        row{exit_code::bad_request, "the server refused the input (400); its details are printed"},
        row{exit_code::unauthorized, "no valid API key (401): missing, malformed, revoked or expired"},
        row{exit_code::forbidden, "permission denied (403); the missing scopes are printed"},
        row{exit_code::not_found, "not found, or not visible to this key (404)"},
        row{exit_code::rate_limited, "still rate limited (429) when retries or the deadline ran out"},
        row{exit_code::network, "network, TLS or timeout failure"},
        row{exit_code::server_error, "server error (5xx)"},
        row{exit_code::output_closed, "standard output was closed by its reader (e.g. | head); no message"},
        row{exit_code::interrupted, "interrupted (SIGINT/SIGTERM); resume an export with --resume"},
    };
    std::string text = "Exit status:\n";
    for (const row& r : rows) {
        std::string number = std::to_string(to_int(r.code));
        text += "  " + number + std::string(5 - number.size(), ' ') + std::string(r.meaning) + "\n";
    }
    return text;
}

}  // namespace talentray::cli
