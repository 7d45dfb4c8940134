// talentray/request.hpp — one API request as the layers below the typed endpoints see it.
#pragma once

#include <talentray/error.hpp>
#include <talentray/header_field.hpp>
#include <talentray/http_method.hpp>
#include <talentray/model/operation.hpp>
#include <talentray/model/url.hpp>
#include <talentray/scheduler/options.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace talentray {

/// A request, before the client adds credentials, the host and the user agent.
///
/// `path` must already be percent-encoded (the typed endpoints encode their path parameters);
/// the client rejects a path that is not absolute or that contains characters which would
/// change the request line (control characters, spaces, `?`, `#`).
struct request_spec {
    http_method method = http_method::get;
    std::string path;                       ///< e.g. "/api/v1/candidates/cand_1"
    query_params query;                     ///< raw values, encoded by the client: {{"page", "2"}}
    std::optional<boost::json::value> body; ///< sent as application/json when set

    /// False for the public career-portal endpoints: no credentials are sent at all.
    bool authenticated = true;

    /// Whether sending the request twice has the effect of sending it once. Defaults from the
    /// method (GET, HEAD, PUT, DELETE, OPTIONS); POST and PATCH are not retried once they may
    /// have reached the server.
    std::optional<bool> idempotent;

    /// Overrides `timeout_options::request` (the limit of each attempt) for this call.
    std::optional<std::chrono::milliseconds> timeout;

    /// Admission class: interactive calls go ahead of bulk ones (pagers use bulk).
    talentray::priority priority = talentray::priority::interactive;

    /// Overrides `client_options::retry` for this call.
    std::optional<retry_options> retry;
    /// Extra header fields for this call (see `header_field` for what is allowed), sent after
    /// `client_options::headers`; a field here replaces the client's field of the same name.
    /// A field that is not allowed fails the call with `errc::invalid_argument`, naming it,
    /// before any byte is sent.
    header_fields headers;

    /// The operation this request performs, set by the typed calls; reported to
    /// `client_options::observer` by its name and path template, and otherwise unused. A raw
    /// request may set it to be reported as that operation; left empty, its events carry an
    /// empty operation and route (never the path, which may hold ids).
    std::optional<talentray::operation> operation;

    /// True when the method is idempotent (or `idempotent` says so explicitly).
    bool is_idempotent() const noexcept;

    /// The request of `op` as the operation table (`describe(op)`) has it, for `client::send`:
    /// its method; its path, each `{name}` placeholder filled by `path_params` and encoded as
    /// one path segment, so that an id such as "../x" or "a?b" cannot change the path;
    /// `operation` set, so the observer reports it; no credentials for the public career-portal
    /// operations; and a POST marked as not idempotent. Query, body and the rest are the
    /// caller's. Returns `errc::invalid_argument` naming the parameter when a value is empty,
    /// missing or has no placeholder; its diagnostics name the method and path template.
    /// Throws only `std::bad_alloc`.
    static result<request_spec> of(talentray::operation op, std::initializer_list<path_param> path_params = {});
};

}  // namespace talentray
