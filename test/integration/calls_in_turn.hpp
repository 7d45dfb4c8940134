// Calls one after another on one client, for tests that count what each call did on the wire.
#pragma once

#include <talentray/client.hpp>
#include <talentray/request.hpp>

#include <boost/asio/awaitable.hpp>

namespace talentray::testing {

/// Sends `GET /api/v1/me` `count` times, each after the previous one's response, and returns
/// how many were answered 200. Never throws but std::bad_alloc.
inline boost::asio::awaitable<int> get_me_in_turn(client& c, int count) {
    int ok = 0;
    for (int i = 0; i < count; ++i) {
        request_spec spec;
        spec.path = "/api/v1/me";
        auto received = co_await c.try_send(spec);
        if (received && received->status == 200) ++ok;
    }
    co_return ok;
}

}  // namespace talentray::testing
