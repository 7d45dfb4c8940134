// `talentray bench export-estimate LIST`: one request for the list's length, then the time an
// export will take.
#pragma once

#include "rate_argument.hpp"

#include "../session.hpp"

#include <talentray/client_options.hpp>

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace talentray::cli::bench {

struct estimate_request {
    std::string resource;                  ///< candidates, roles, tests or sourcing
    std::optional<rate_argument> rate;     ///< --rate; else --from-probe; else the key's limit
    std::optional<std::string> probe_file;  ///< --from-probe FILE: a probe's --json
    std::optional<std::string> json_file;  ///< --json FILE
};

/// Throws `usage_error` for a list that is not offset-paged or an unreadable probe file,
/// `talentray::error` when the count cannot be read.
boost::asio::awaitable<void> estimate_export_time(session s, client_options options, estimate_request request);

}  // namespace talentray::cli::bench
