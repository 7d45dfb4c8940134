// Shared helpers for the transport and client-core tests.
#pragma once

#include "run.hpp"
#include "test_server.hpp"

#include <talentray/client.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/awaitable.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace talentray::testing {

/// The body of `GET /api/v1/candidates/cand_1` as a server sends it.
inline const std::string candidate_json = R"({"id":"cand_1","fullName":"Jane Doe","email":"jane@example.com",
    "phone":"+905551112233","status":"Active","createdAt":"2026-06-01T10:00:00Z",
    "updatedAt":"2026-06-02T08:00:00Z","roles":[]})";

/// A syntactically valid key that no server knows.
inline const std::string fake_key = "tr_" + std::string(57, 'k') + "SECRET1";

inline client_options options_for(const test_server& server) {
    client_options options;
    options.base_url = server.base_url();
    options.api_key = secret{fake_key};
    options.timeouts.connect = std::chrono::seconds{5};
    options.timeouts.handshake = std::chrono::seconds{5};
    options.timeouts.io = std::chrono::seconds{5};
    options.timeouts.request = std::chrono::seconds{10};
    // Each test client gets its own budget: a 429 in one test must not pause the next.
    options.budget = std::make_shared<rate_budget>();
    return options;
}

/// Collects every log line a client writes.
struct log_capture {
    std::mutex mutex;
    std::vector<std::string> lines;
    log_handler handler() {
        return [this](log_level, std::string_view message) {
            std::lock_guard lock{mutex};
            lines.emplace_back(message);
        };
    }
};

inline request_spec get(std::string path) {
    request_spec spec;
    spec.path = std::move(path);
    return spec;
}

inline request_spec post(std::string path, boost::json::value body) {
    request_spec spec;
    spec.method = http_method::post;
    spec.path = std::move(path);
    spec.body = std::move(body);
    return spec;
}

/// Sends `count` requests one after another and returns how many succeeded.
inline boost::asio::awaitable<int> send_sequentially(client& c, request_spec spec, int count) {
    int ok = 0;
    for (int i = 0; i < count; ++i) {
        auto received = co_await c.try_send(spec);
        if (received) ++ok;
    }
    co_return ok;
}

}  // namespace talentray::testing
