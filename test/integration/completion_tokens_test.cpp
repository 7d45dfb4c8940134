// Code that does not use coroutines calls the SDK through asio::co_spawn with any completion
// token: a future, a callback, a deferred operation (as examples/completion_tokens.cpp shows).
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/me.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <future>
#include <thread>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

tr::client_options options_for(const mock::server& server, std::string key) {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    options.api_key = tr::secret{std::move(key)};
    return options;
}

/// Runs the io_context on a thread of its own for the life of the object.
struct background_io {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    std::thread runner{[this] { io.run(); }};
    ~background_io() {
        work.reset();
        runner.join();
    }
};

}  // namespace

TEST_CASE("completion tokens: a future carries the result, and a failure as tr::error") {
    mock::server server{mock::server_options{}};
    background_io bg;
    const tr::client c{bg.io.get_executor(), options_for(server, server.keys().employer.key)};
    std::future<tr::me> who = asio::co_spawn(bg.io, c.me(), asio::use_future);
    CHECK(who.get().user.id == server.keys().employer.owner_user_id);

    const tr::client revoked{bg.io.get_executor(), options_for(server, "tr_" + std::string(64, 'x'))};
    std::future<tr::me> refused = asio::co_spawn(bg.io, revoked.me(), asio::use_future);
    try {
        refused.get();
        FAIL("an unknown key was accepted");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::unauthorized);
    }
}

TEST_CASE("completion tokens: a callback receives the result on the client's executor") {
    mock::server server{mock::server_options{}};
    background_io bg;
    const tr::client c{bg.io.get_executor(), options_for(server, server.keys().employer.key)};
    std::promise<std::string> user;
    asio::co_spawn(bg.io, c.try_me(), [&](std::exception_ptr failure, tr::result<tr::me> who) {
        if (failure || !who || !bg.io.get_executor().running_in_this_thread())
            user.set_value("");
        else
            user.set_value(who->user.id);
    });
    CHECK(user.get_future().get() == server.keys().employer.owner_user_id);
}

TEST_CASE("completion tokens: a deferred call sends nothing until it is started") {
    mock::server server{mock::server_options{}};
    background_io bg;
    const tr::client c{bg.io.get_executor(), options_for(server, server.keys().employer.key)};
    auto later = asio::co_spawn(bg.io, c.me(), asio::deferred);
    const auto requests_before = server.stats().requests;
    std::promise<std::string> user;
    std::move(later)([&](std::exception_ptr failure, tr::me who) { user.set_value(failure ? "" : who.user.id); });
    CHECK(user.get_future().get() == server.keys().employer.owner_user_id);
    CHECK(requests_before == 0);
    CHECK(server.stats().requests == 1);
}
