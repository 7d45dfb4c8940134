#include "api_fixture.hpp"

#include <talentray/scheduler/rate_budget.hpp>

#include <catch2/catch.hpp>

namespace api_test {

mock::server_options api_fixture::default_options() {
    mock::server_options options;
    options.limit = {0, std::chrono::milliseconds{0}};  // unlimited
    options.candidates = 200;
    return options;
}

api_fixture::api_fixture(mock::server_options options) : server(std::move(options)) {}

tr::client api_fixture::client_with(const std::string& key) {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    options.api_key = tr::secret{key};
    options.timeouts.request = std::chrono::seconds{10};
    // A budget per client: the process-wide budget of a key would carry one test's pauses into
    // the next, and the documented 600/min would make the suite wait.
    tr::scheduler_options generous;
    generous.requests_per_window = 100'000;
    generous.burst = 10'000;
    generous.max_in_flight = 64;
    options.budget = std::make_shared<tr::rate_budget>(generous);
    return tr::client{io.get_executor(), std::move(options)};
}

tr::client api_fixture::keyless_client() {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    return tr::client{io.get_executor(), std::move(options)};
}

std::string api_fixture::last_request_of(const mock::seeded_key& key) {
    if (!admin_) admin_.emplace(client_for(keys().admin));
    tr::api_key_usage_params newest;
    newest.limit = 1;
    const tr::api_key_usage usage = run(admin_->api_keys().usage_page(key.id, newest));
    REQUIRE(usage.rows.size() == 1);
    return usage.rows.front().method + ' ' + usage.rows.front().path;
}

}  // namespace api_test
