// `talentray bench run`: an open-loop load of a mix of read operations at a fixed rate.
#pragma once

#include "operation_mix.hpp"
#include "rate_argument.hpp"

#include "../session.hpp"

#include <talentray/client_options.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace talentray::cli::bench {

struct run_request {
    std::vector<mix_entry> mix;
    rate_argument rate;
    std::string rate_text;                 ///< as given, for the results
    std::chrono::milliseconds duration{60'000};
    bool scheduler = true;                 ///< false: --no-scheduler
    std::optional<std::string> json_file;  ///< --json FILE
    std::optional<std::string> report_file;  ///< --report FILE.html
    std::optional<std::string> organization;  ///< --organization: where created leads go
};

/// The run's mark for the data it writes: 8 random hex digits.
std::string new_run_id();

/// Reads a page of each list the mix takes ids from, creates the leads its deletes and lead
/// updates act on (see `leads_needed`), then sends the mix at the asked rate for the
/// asked duration with a client of its own made from `options` (see bench_client.hpp), shows a
/// live line on a terminal, prints the table on `s.out` and writes the files asked for.
/// Throws `talentray::error` when the ids cannot be read or the leads created (nothing else of the run is fatal:
/// failed calls are counted), `local_failure` when a file cannot be written.
boost::asio::awaitable<void> run_bench(session s, client_options options, run_request request);

}  // namespace talentray::cli::bench
