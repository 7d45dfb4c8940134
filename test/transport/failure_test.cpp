// Every way a response can fail: each gives a clear error, within its deadline, and leaves the
// pool usable.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include <vector>

#include <poll.h>
#include <sys/socket.h>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

struct failing_call {
    error_info error;
    std::chrono::milliseconds took;
};

/// Sends one request that is expected to fail, then one that must succeed on the same client.
failing_call fail_then_recover(test_server& server, client_options options, reply::action what,
                               std::string body = R"({"ok":true})") {
    server.set_handler([what, body](const seen_request& r) {
        if (r.target == "/healthy") return reply{};
        reply trickled;
        trickled.body = body;
        if (r.target != "/healthy") trickled.what = what;
        trickled.trickle_interval = std::chrono::milliseconds{100};
        return trickled;
    });
    asio::io_context io;
    client c{io.get_executor(), std::move(options)};
    auto started = std::chrono::steady_clock::now();
    auto failed = run(io, c.try_send(get("/api/v1/candidates")));
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    REQUIRE_FALSE(failed);
    auto recovered = run(io, c.try_send(get("/healthy")));
    CHECK(recovered);
    return {failed.error(), took};
}

}  // namespace

TEST_CASE("a reset after the header is a connection error naming the step, and the pool recovers") {
    test_server server{{}};
    auto result = fail_then_recover(server, options_for(server), reply::action::reset_mid_body,
                                    R"({"data":[1,2,3,4,5,6,7,8,9,10]})");
    CHECK(result.error.diag.client_message.find("reading the response") != std::string::npos);
    CHECK(result.error.diag.method == "GET");
    CHECK(result.error.diag.path == "/api/v1/candidates");
}

TEST_CASE("a reset before any byte on a fresh connection is not retried blindly") {
    test_server server{{}};
    auto result = fail_then_recover(server, options_for(server), reply::action::reset_before_header);
    CHECK(result.error.code.category() != error_category());  // the socket's own error
    CHECK_FALSE(result.error.diag.client_message.empty());
}

TEST_CASE("Content-Length larger than the body fails as a truncated response") {
    test_server server{{}};
    auto result = fail_then_recover(server, options_for(server), reply::action::truncate_body,
                                    R"({"data":[1,2,3,4,5,6,7,8,9,10]})");
    CHECK(result.error.code == boost::beast::http::error::partial_message);
}

TEST_CASE("a truncated chunked body fails as a truncated response") {
    test_server server{{}};
    auto result = fail_then_recover(server, options_for(server), reply::action::truncate_chunked);
    CHECK(result.error.code == boost::beast::http::error::partial_message);
}

TEST_CASE("a server that never answers trips the I/O timeout") {
    test_server server{{}};
    auto options = options_for(server);
    options.timeouts.io = std::chrono::milliseconds{200};
    auto result = fail_then_recover(server, options, reply::action::stall);
    CHECK(result.error.code == errc::io_timeout);
    CHECK(result.took < std::chrono::seconds{3});
}

TEST_CASE("a slowloris server trips the whole-request deadline") {
    test_server server{{}};
    auto options = options_for(server);
    options.timeouts.io = std::chrono::seconds{30};
    options.timeouts.request = std::chrono::milliseconds{400};
    auto result = fail_then_recover(server, options, reply::action::trickle);
    CHECK(result.error.code == errc::deadline_exceeded);
    CHECK(result.took < std::chrono::seconds{3});
}

TEST_CASE("a 10 GiB Content-Length is refused by the body cap without reading it") {
    test_server server{{}};
    auto result = fail_then_recover(server, options_for(server), reply::action::huge_content_length);
    CHECK(result.error.code == errc::body_too_large);
    CHECK(result.took < std::chrono::seconds{3});
    CHECK(result.error.diag.client_message.find("67108864") != std::string::npos);
}

TEST_CASE("a body above max_body_size is refused") {
    test_server server{{}};
    auto options = options_for(server);
    options.max_body_size = 1000;
    auto result = fail_then_recover(server, options, reply::action::respond, std::string(2000, 'x'));
    CHECK(result.error.code == errc::body_too_large);
}

TEST_CASE("connection refused and unresolvable hosts fail with the cause") {
    asio::io_context io;
    std::uint16_t closed_port;
    {
        asio::ip::tcp::acceptor probe{io, {asio::ip::make_address("127.0.0.1"), 0}};
        closed_port = probe.local_endpoint().port();
    }
    client_options options;
    options.base_url = "http://127.0.0.1:" + std::to_string(closed_port);
    options.api_key = secret{fake_key};
    client refused{io.get_executor(), options};
    auto r = run(io, refused.try_send(get("/api/v1/me")));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == asio::error::connection_refused);
    CHECK(r.error().diag.client_message.find("connecting to") != std::string::npos);

    options.base_url = "https://no-such-host.invalid";
    client unresolvable{io.get_executor(), options};
    auto u = run(io, unresolvable.try_send(get("/api/v1/me")));
    REQUIRE_FALSE(u);
    CHECK(u.error().diag.client_message.find("cannot resolve host 'no-such-host.invalid'") != std::string::npos);
}

TEST_CASE("a host that never completes the TCP handshake trips the connect timeout") {
    // A listener whose accept queue is full makes the kernel drop further SYNs, which is what a
    // black-holed address looks like from the client: the connect neither succeeds nor fails.
    asio::io_context io;
    asio::ip::tcp::acceptor full{io};
    full.open(asio::ip::tcp::v4());
    full.bind({asio::ip::make_address("127.0.0.1"), 0});
    full.listen(0);
    const auto port = full.local_endpoint().port();
    // Plain non-blocking connect(2): Asio's synchronous connect would wait for each filler.
    const asio::ip::tcp::endpoint listener{asio::ip::make_address("127.0.0.1"), port};
    std::vector<asio::ip::tcp::socket> fillers;
    for (int i = 0; i < 4; ++i) {
        auto& filler = fillers.emplace_back(io);
        filler.open(asio::ip::tcp::v4());
        filler.native_non_blocking(true);
        [[maybe_unused]] int started = ::connect(filler.native_handle(), listener.data(),
                                                 static_cast<socklen_t>(listener.size()));  // EINPROGRESS
    }
    // The queue is full once a filler's handshake has completed: wait for that, not for a time.
    std::vector<pollfd> watched;
    for (auto& filler : fillers) watched.push_back({filler.native_handle(), POLLOUT, 0});
    REQUIRE(::poll(watched.data(), watched.size(), 10'000) > 0);

    client_options options;
    options.base_url = "http://127.0.0.1:" + std::to_string(port);
    options.api_key = secret{fake_key};
    options.timeouts.connect = std::chrono::milliseconds{300};
    options.retry.max_attempts = 1;
    options.budget = std::make_shared<rate_budget>();
    client c{io.get_executor(), options};
    const auto started = std::chrono::steady_clock::now();
    auto r = run(io, c.try_send(get("/api/v1/me")));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::connect_timeout);
    CHECK_THAT(r.error().diag.client_message, Catch::Contains("connecting to"));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{3});
    CHECK(c.counters().pool.open_now == 0);
}

namespace {

asio::awaitable<void> cancel_after(asio::cancellation_signal& signal, std::chrono::milliseconds delay) {
    asio::steady_timer timer{co_await asio::this_coro::executor, delay};
    co_await timer.async_wait(asio::use_awaitable);
    signal.emit(asio::cancellation_type::terminal);
}

asio::awaitable<void> store_result(client& c, std::optional<result<response>>& out) {
    out = co_await c.try_send(get("/api/v1/candidates"));
}

}  // namespace

TEST_CASE("per-operation cancellation reaches the socket and leaves no work behind") {
    test_server server{{}, [](const seen_request&) {
                           reply r;
                           r.what = reply::action::stall;
                           return r;
                       }};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    asio::cancellation_signal signal;
    std::optional<result<response>> outcome;
    asio::co_spawn(io, store_result(c, outcome), asio::bind_cancellation_slot(signal.slot(), asio::detached));
    asio::co_spawn(io, cancel_after(signal, std::chrono::milliseconds{100}), asio::detached);
    auto started = std::chrono::steady_clock::now();
    io.run();  // returns only once nothing is left running
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{3});
    REQUIRE(outcome);
    REQUIRE_FALSE(*outcome);
    CHECK(outcome->error().code == asio::error::operation_aborted);
    CHECK(c.counters().pool.open_now == 0);
}
