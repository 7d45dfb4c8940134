#include "client/error_decoding.hpp"

#include "base/terminal_text.hpp"
#include "scheduler/retry_after.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace talentray::detail {
namespace json = boost::json;

namespace {

constexpr std::size_t max_text = 1024;

/// Keeps server text printable and bounded (see terminal_safe_text).
std::string clean_text(std::string_view text) { return terminal_safe_text(text, max_text); }

std::vector<std::string> string_list(const json::object& body, std::string_view key) {
    std::vector<std::string> out;
    if (auto* found = body.if_contains(key); found && found->is_array())
        for (const auto& item : found->get_array())
            if (item.is_string()) out.push_back(clean_text(item.get_string()));
    return out;
}

std::string string_field(const json::object& body, std::string_view key) {
    if (auto* found = body.if_contains(key); found && found->is_string()) return clean_text(found->get_string());
    return {};
}

bool is_v1_path(std::string_view path) { return path.starts_with("/api/v1/") || path == "/api/v1"; }

}  // namespace

error_info decode_error_response(const response& res, std::string_view method, std::string_view path) {
    diagnostics diag;
    diag.http_status = res.status;
    diag.method = std::string{method};
    diag.path = std::string{path};

    if (auto retry_after = res.header("Retry-After"); !retry_after.empty())
        diag.retry_after = parse_retry_after(retry_after, res.header("Date"), std::chrono::system_clock::now());
    if (res.status >= 300 && res.status < 400) diag.location = clean_text(res.header("Location"));

    json::parse_options options;
    options.max_depth = 32;
    boost::system::error_code ec;
    json::value body = json::parse(res.body, ec, json::storage_ptr{}, options);
    if (ec || !body.is_object()) {
        std::string_view content_type = res.header("Content-Type");
        diag.client_message = res.body.empty()
                                  ? "empty error body"
                                  : "error body is not a JSON object (" +
                                        (content_type.empty() ? std::string{"no content type"}
                                                              : clean_text(content_type)) +
                                        ", " + std::to_string(res.body.size()) + " bytes)";
    } else {
        const auto& object = body.get_object();
        std::string error = string_field(object, "error");
        if (is_v1_path(path) || object.contains("message")) {
            diag.api_code = std::move(error);
            diag.api_message = string_field(object, "message");
            diag.details = string_list(object, "details");
            diag.required_scopes = string_list(object, "requiredScopes");
            diag.granted_scopes = string_list(object, "grantedScopes");
        } else {
            diag.api_message = std::move(error);  // legacy: `error` is the human-readable message
        }
    }
    return {errc_from_status(res.status, diag.api_code), std::move(diag)};
}

}  // namespace talentray::detail
