// A client of the in-process mock, as every test against the mock wants one. Shared by every
// test area that links the mock.
#pragma once

#include <talentray/client_options.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace talentray::testing {

/// Options for a client of `server` authenticating with `key` (none when empty: a keyless
/// client), trusting the server's certificate, with a rate budget of its own that never
/// throttles: the process-wide budget of a key would carry one test's pauses into the next, and
/// the documented 600/min would make the suite wait. 429s, when a test wants them, come from
/// the server's own limit.
inline client_options mock_client_options(const mock::server& server, const std::string& key = {}) {
    client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    options.timeouts.request = std::chrono::seconds{10};
    if (key.empty()) return options;
    options.api_key = secret{key};
    scheduler_options generous;
    generous.requests_per_window = 1'000'000;
    generous.burst = 100'000;
    generous.max_in_flight = 64;
    options.budget = std::make_shared<rate_budget>(generous);
    return options;
}

}  // namespace talentray::testing
