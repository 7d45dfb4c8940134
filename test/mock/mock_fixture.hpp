// Shared set-up for the mock's HTTP tests: a plain-HTTP server on a free loopback port and a raw
// client talking to it, plus small JSON helpers.
#pragma once

#include "raw_client.hpp"

#include <talentray/mock/server.hpp>

#include <boost/json.hpp>

#include <string>
#include <thread>

namespace mock_test {

namespace json = boost::json;
namespace mock = talentray::mock;

inline mock::server_options plain_options() {
    mock::server_options options;
    options.tls = false;
    return options;
}

/// A plain-HTTP server with default data (1000 candidates, seed 1) and a client for it.
struct plain_server {
    explicit plain_server(mock::server_options options = plain_options()) : server(std::move(options)), client(server) {}

    const mock::seeded_keys& keys() const { return server.keys(); }

    mock::server server;
    raw_client client;
};

inline std::string text(const json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

inline std::int64_t integer(const json::value& value, std::string_view key) { return value.at(key).to_number<std::int64_t>(); }

/// The body of a request_options with a JSON body and a key.
inline request_options with_body(std::string key, std::string body) {
    request_options options;
    options.key = std::move(key);
    options.body = std::move(body);
    return options;
}

inline request_options with_key(std::string key) {
    request_options options;
    options.key = std::move(key);
    return options;
}

/// The object keys of a JSON object, in order.
inline std::vector<std::string> keys_of(const json::value& value) {
    std::vector<std::string> result;
    for (const auto& member : value.as_object()) result.emplace_back(member.key());
    return result;
}

/// Waits up to 2 s for `condition` to hold, for counters the server updates just after the client
/// has seen the effect (a connection closed by a timer is counted when the read completes).
/// Returns the condition's final value; never used to measure time.
template <class Condition>
bool eventually(Condition condition) {
    for (int i = 0; i < 200 && !condition(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds{10});
    return condition();
}

}  // namespace mock_test
