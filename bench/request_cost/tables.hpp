// The markdown tables bench_request_cost prints.
#pragma once

#include "client_run.hpp"

#include <ostream>
#include <vector>

namespace talentray::bench {

/// Closed loop: throughput, client CPU per 1,000 requests (against libcurl's), peak RSS.
void print_steady_table(std::ostream& out, const std::vector<client_run>& runs);
/// Open loop at a common rate: latency percentiles from the scheduled send time (p99 against the
/// Beast floor's) and CPU per 1,000 requests at that rate.
void print_latency_table(std::ostream& out, const std::vector<client_run>& runs);
/// The warm-up: the first request on each cold connection (connect + TLS handshake + exchange).
void print_handshake_table(std::ostream& out, const std::vector<client_run>& runs);
/// The TLS version and suite each client ran with.
void print_tls_lines(std::ostream& out, const std::vector<client_run>& runs);

}  // namespace talentray::bench
