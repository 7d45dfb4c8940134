#include "api_fixture.hpp"

#include "mock_client.hpp"

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
    return tr::client{io.get_executor(), tr::testing::mock_client_options(server, key)};
}

tr::client api_fixture::keyless_client() {
    return tr::client{io.get_executor(), tr::testing::mock_client_options(server)};
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
