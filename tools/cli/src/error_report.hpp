// What the command prints on stderr when an SDK call fails.
#pragma once

#include <talentray/error.hpp>

#include <string>
#include <vector>

namespace talentray::cli {

/// The scopes in `required` that `granted` lacks, in the order of `required`.
std::vector<std::string> missing_scopes(const std::vector<std::string>& required,
                                        const std::vector<std::string>& granted);

/// The lines (each ending with a newline) reporting `code` with `diag`:
///
///     talentray: API key lacks a required scope (403)
///       GET /api/v1/candidates: HTTP 403 insufficient_scope: This API key is missing ...
///       missing scopes: candidates:read
///       granted scopes: roles:read
///
/// The first is the SDK's message (prefixed with the kind of failure, see `exit_code`, for a
/// system or TLS code), the second the request and the server's response; a 403 lists the
/// missing and the granted scopes.
std::string format_error(const boost::system::error_code& code, const diagnostics& diag);

}  // namespace talentray::cli
