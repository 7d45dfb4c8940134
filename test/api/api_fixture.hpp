// The typed endpoints against the in-process mock: a TLS server on 127.0.0.1 with the seeded
// world, clients for its seeded keys that trust its certificate, and a way to run a coroutine.
#pragma once

#include <talentray/api/api_keys.hpp>
#include <talentray/api/candidates.hpp>
#include <talentray/api/career_portal.hpp>
#include <talentray/api/cv_screening.hpp>
#include <talentray/api/roles.hpp>
#include <talentray/api/sourcing.hpp>
#include <talentray/api/tests.hpp>
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/me.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <optional>
#include <string>

namespace api_test {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

/// A syntactically valid key the server has never issued.
inline const std::string unknown_key = "tr_" + std::string(64, 'u');

/// A mock server over TLS without a rate limit (the 429 tests set their own), and the means to
/// talk to it. One per test case, so writes in one test never leak into another.
class api_fixture {
public:
    explicit api_fixture(mock::server_options options = default_options());

    static mock::server_options default_options();

    /// A client authenticating with `key`, trusting the server's certificate, with a rate
    /// budget of its own that never throttles a test.
    tr::client client_with(const std::string& key);
    tr::client client_for(const mock::seeded_key& key) { return client_with(key.key); }
    /// A client without any key, as a career-portal-only application would build it.
    tr::client keyless_client();

    const mock::seeded_keys& keys() const { return server.keys(); }

    /// Requests the server saw for a route, e.g. "GET /api/v1/candidates/{id}".
    std::uint64_t route_count(const std::string& route) const { return server.stats().route(route); }

    /// "METHOD /path" of the newest request made with `key`, as the server's usage log recorded
    /// it (the exact path on the wire, without the query), read with the admin key.
    std::string last_request_of(const mock::seeded_key& key);

    /// Runs `task` to completion on this fixture's io_context and returns its value (or
    /// rethrows its exception).
    template <class T>
    T run(asio::awaitable<T> task) {
        auto done = asio::co_spawn(io, std::move(task), asio::use_future);
        io.restart();
        io.run();
        return done.get();
    }

    mock::server server;
    asio::io_context io;

private:
    std::optional<tr::client> admin_;  // reads usage logs; made on first use
};

}  // namespace api_test
