#include <talentray/error.hpp>

#include <boost/throw_exception.hpp>

#include <ostream>

namespace talentray {
namespace {

class talentray_category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "talentray"; }

    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::invalid_argument: return "invalid argument";
        case errc::invalid_api_key: return "invalid API key";
        case errc::insecure_url_refused: return "plain http:// refused for a non-loopback host";
        case errc::invalid_base_url: return "invalid base URL";
        case errc::connect_timeout: return "connect timed out";
        case errc::handshake_timeout: return "TLS handshake timed out";
        case errc::io_timeout: return "read or write timed out";
        case errc::deadline_exceeded: return "request deadline exceeded";
        case errc::tls_verification_failed: return "TLS certificate verification failed";
        case errc::body_too_large: return "response body exceeds the configured maximum";
        case errc::redirect_not_followed: return "redirect not followed";
        case errc::connection_failed: return "connection failed";
        case errc::invalid_response: return "invalid response from server";
        case errc::bad_request: return "bad request (400)";
        case errc::unauthorized: return "unauthorized (401)";
        case errc::forbidden: return "forbidden (403)";
        case errc::insufficient_scope: return "API key lacks a required scope (403)";
        case errc::not_found: return "not found (404)";
        case errc::rate_limited: return "rate limited (429)";
        case errc::server_error: return "server error (5xx)";
        case errc::unexpected_status: return "unexpected HTTP status";
        case errc::admission_deadline: return "request could not be admitted before its deadline";
        case errc::retry_budget_exhausted: return "retry budget exhausted";
        case errc::pagination_stalled: return "pagination cursor did not advance";
        case errc::concurrent_next: return "next() called while another next() is pending";
        case errc::list_changed: return "the list changed during pagination";
        case errc::tie_wider_than_page: return "more rows share one timestamp than the largest page holds";
        case errc::invalid_proxy_url: return "invalid proxy URL";
        case errc::proxy_refused: return "the proxy did not open a tunnel to the API";
        case errc::client_closed: return "the client was closed";
        }
        return "unknown talentray error";
    }
};

void append_list(std::string& out, const char* label, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += label;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += items[i];
    }
    out += ']';
}

}  // namespace

const boost::system::error_category& error_category() noexcept {
    static const talentray_category category;
    return category;
}

std::string diagnostics::to_string() const {
    std::string out;
    if (!method.empty() || !path.empty()) {
        out += method;
        if (!method.empty() && !path.empty()) out += ' ';
        out += path;
        out += ": ";
    }
    if (http_status) out += "HTTP " + std::to_string(http_status);
    if (!api_code.empty()) out += (http_status ? " " : "") + api_code;
    if (!api_message.empty()) {
        if (http_status || !api_code.empty()) out += ": ";
        out += api_message;
    }
    append_list(out, " [details: ", details);
    append_list(out, " [required scopes: ", required_scopes);
    append_list(out, " [granted scopes: ", granted_scopes);
    if (retry_after) out += " [retry after " + std::to_string(retry_after->count()) + "s]";
    if (!location.empty()) out += " [location: " + location + "]";
    if (!client_message.empty()) {
        if (!out.empty() && out.back() != ' ') out += out.ends_with(": ") ? "" : "; ";
        out += client_message;
    }
    return out;
}

std::ostream& operator<<(std::ostream& os, const error_info& info) {
    return os << info.code.message() << " [" << info.diag.to_string() << "]";
}

error::error(boost::system::error_code code, talentray::diagnostics diag)
    : boost::system::system_error(code, diag.to_string()), diag_(std::move(diag)) {}

void throw_exception_from_error(const error_info& e, const boost::source_location& loc) {
    boost::throw_exception(error(e.code, e.diag), loc);
}

error_info make_error_info(errc code, std::string client_message) {
    error_info info{code, {}};
    info.diag.client_message = std::move(client_message);
    return info;
}

void throw_error(errc code, std::string client_message) {
    throw error(make_error_info(code, std::move(client_message)));
}

errc errc_from_status(int http_status, std::string_view api_code) noexcept {
    switch (http_status) {
    case 400: return errc::bad_request;
    case 401: return errc::unauthorized;
    case 403: return api_code == "insufficient_scope" ? errc::insufficient_scope : errc::forbidden;
    case 404: return errc::not_found;
    case 429: return errc::rate_limited;
    default: break;
    }
    if (http_status >= 300 && http_status < 400) return errc::redirect_not_followed;
    if (http_status >= 500 && http_status < 600) return errc::server_error;
    return errc::unexpected_status;
}

}  // namespace talentray
