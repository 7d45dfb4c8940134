#include "api_service.hpp"

#include "handlers.hpp"
#include "router.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace talentray::mock::detail {
namespace {

seeded_key describe(const api_key_record& key) { return seeded_key{key.id, key.key, key.owner_user_id, key.scopes}; }

// The credential of a request: Authorization wins over x-api-key when both are present (§2.2).
// A malformed Authorization header is not a credential, even with a good x-api-key beside it.
std::optional<std::string_view> credential_of(const http_request& request) {
    const auto authorization = request.find(http::field::authorization);
    if (authorization != request.end()) {
        const std::string_view value = authorization->value();
        constexpr std::string_view scheme = "bearer ";
        if (value.size() <= scheme.size()) return std::nullopt;
        for (std::size_t i = 0; i < scheme.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(value[i])) != scheme[i]) return std::nullopt;
        std::string_view token = value.substr(scheme.size());
        while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
        return token;
    }
    const auto api_key = request.find("x-api-key");
    if (api_key != request.end()) return std::string_view(api_key->value());
    return std::nullopt;
}

optional_text header_or_null(const http_request& request, std::string_view name) {
    const auto found = request.find(name);
    if (found == request.end()) return std::nullopt;
    return std::string(found->value());
}

bool has_scope(const api_key_record& key, std::string_view scope) {
    return std::find(key.scopes.begin(), key.scopes.end(), scope) != key.scopes.end();
}

}  // namespace

api_service::api_service(const server_options& options, stats_counters& stats, timestamp started_at)
    : stats_(stats),
      state_(options, started_at),
      limiter_(options.limit),
      rate_limit_headers_(options.rate_limit_headers) {
    const auto& keys = state_.keys();
    seeded_ = seeded_keys{describe(*keys[0]), describe(*keys[1]), describe(*keys[2]),
                          describe(*keys[3]), describe(*keys[4]), describe(*keys[5])};
}

bool api_service::is_control_request(const http_request& request) {
    return request.target().starts_with("/__mock/");
}

void api_service::set_rate_limit(rate_limit limit) {
    std::lock_guard lock{mutex_};
    limiter_.reset(limit);
}

http_response api_service::handle(const http_request& request, const request_metadata& metadata,
                                  bool inject_server_error, const fault_options& faults) {
    const auto target = boost::urls::parse_origin_form(request.target());
    if (!target) return legacy_error(http::status::bad_request, "Malformed request target");
    const api_family family = family_of_path(target->encoded_path());
    const route_match match = match_route(request.method(), target->segments());
    const bool control = family == api_family::mock_control;

    http_response response;
    if (match.matched == nullptr && match.allowed_methods.empty()) {
        response = family_error(family, http::status::not_found, "not_found",
                                "No such endpoint: " + std::string(target->encoded_path()), "Not found");
    } else if (match.matched == nullptr) {
        response = family_error(family, http::status::method_not_allowed, "method_not_allowed",
                                "Allowed methods: " + match.allowed_methods, "Method not allowed");
        response.set(http::field::allow, match.allowed_methods);
    } else {
        if (!control) stats_.count_route(match.matched->name);
        if (inject_server_error) {
            response = family_error(family, http::status::internal_server_error, "internal_error",
                                    "Injected server error", "Internal server error");
        } else {
            const query_params query{target->params()};
            response = authenticated(request, metadata, *match.matched, match.params, query, faults);
        }
    }
    if (!control) stats_.count_status(response.result_int());
    return response;
}

http_response api_service::authenticated(const http_request& request, const request_metadata& metadata,
                                         const route& matched, const std::vector<std::string>& params,
                                         const query_params& query, const fault_options& faults) {
    std::lock_guard lock{mutex_};
    request_context context{state_, stats_, matched, params, query, request.body(), nullptr, nullptr,
                            metadata.received_at};
    if (matched.family == api_family::public_portal) return matched.handler(context);

    const auto credential = credential_of(request);
    api_key_record* key = credential ? state_.authenticate(*credential, metadata.received_at) : nullptr;
    const user_record* user = key != nullptr ? state_.find_user(key->owner_user_id) : nullptr;
    if (user == nullptr) {
        http_response response =
            family_error(matched.family, http::status::unauthorized, "unauthorized",
                         credential ? "The API key is unknown, revoked or expired" : "An API key is required",
                         "Unauthorized");
        response.set(http::field::www_authenticate, "Bearer");
        return response;
    }
    context.key = key;
    context.user = user;

    const bool control = matched.family == api_family::mock_control;
    // Every request counted for the key goes to the arrival log with the status it got.
    const auto arrived = [&](const http_response& response) {
        if (!control)
            stats_.record_arrival(metadata.monotonic_at, key->id, response.result_int(),
                                  header_or_null(request, "user-agent").value_or(""));
    };
    rate_limiter::decision admission;
    if (!control) {
        stats_.count_key(key->id);
        const std::uint64_t nth = ++requests_of_key_[key->id];
        if (faults.too_many_requests_at != 0 && nth == faults.too_many_requests_at) {
            stats_.count_rate_limited();
            http_response response = too_many_requests(matched.family, faults.too_many_requests_retry_after);
            arrived(response);
            return response;
        }
        admission = limiter_.admit(key->id, metadata.monotonic_at);
        if (!admission.admitted) {
            stats_.count_rate_limited();
            http_response response = too_many_requests(matched.family, admission.retry_after);
            add_rate_limit_headers(response, admission);
            arrived(response);
            return response;
        }
        state_.record_usage(*key, std::string(http::to_string(request.method())),
                            std::string(request.target().substr(0, request.target().find('?'))), metadata.remote_ip,
                            header_or_null(request, "user-agent"), metadata.received_at);
    }

    http_response response;
    if ((matched.family == api_family::legacy_admin || control) && !user->is_admin()) {
        response = legacy_error(http::status::forbidden, "Forbidden - Admin access required");
    } else if (!matched.scope.empty() && !has_scope(*key, matched.scope)) {
        response = v1_insufficient_scope(matched.scope, key->scopes);
    } else {
        response = matched.handler(context);
    }
    if (!control) add_rate_limit_headers(response, admission);
    arrived(response);
    return response;
}

http_response api_service::too_many_requests(api_family family, std::chrono::seconds retry_after) {
    http_response response = family_error(family, http::status::too_many_requests, "rate_limited",
                                          "Rate limit exceeded; retry after " + std::to_string(retry_after.count()) +
                                              " s",
                                          "Too many requests");
    response.set(http::field::retry_after, std::to_string(retry_after.count()));
    return response;
}

void api_service::add_rate_limit_headers(http_response& response,
                                         const rate_limiter::decision& decision) const {
    const rate_limit& limit = limiter_.limit();
    if (!rate_limit_headers_ || limit.requests == 0) return;
    // draft-ietf-httpapi-ratelimit-headers-08: quota q per window w (seconds); remaining r and
    // seconds t until the quota starts to replenish.
    const auto window_seconds = std::chrono::ceil<std::chrono::seconds>(limit.window).count();
    response.set("RateLimit-Policy", "\"default\";q=" + std::to_string(limit.requests) + ";w=" +
                                         std::to_string(window_seconds));
    response.set("RateLimit", "\"default\";r=" + std::to_string(decision.remaining) + ";t=" +
                                  std::to_string(decision.reset.count()));
}

}  // namespace talentray::mock::detail
