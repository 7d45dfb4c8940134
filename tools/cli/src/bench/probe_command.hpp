// `talentray bench probe`: discovers the key's limit and window.
#pragma once

#include "../session.hpp"

#include <talentray/client_options.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace talentray::cli::bench {

struct probe_request {
    std::uint64_t max_requests = 2000;     ///< --max-requests: give up without a 429 after this many
    std::optional<std::string> json_file;  ///< --json FILE
};

/// Sends `GET /api/v1/me` two at a time until the first 429 (the limit is what was accepted
/// before it), then times single requests against the slot the oldest accepted one frees (see
/// window_search.hpp). Retries and the rate budget are off (see `raw_options`). Prints the
/// findings on `s.out`. Throws `talentray::error` for a failure other than a 429, and
/// `local_failure` when the JSON file cannot be written.
boost::asio::awaitable<void> probe_key(session s, client_options options, probe_request request);

}  // namespace talentray::cli::bench
