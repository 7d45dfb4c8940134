// The Redis connection against a real redis-server: TCP and unix sockets, AUTH and SELECT,
// the operation timeout, and reconnecting after the server comes back.
#include "redis_server.hpp"
#include "redis_sync.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using talentray::detail::redis_reply;

using redis_test::have_redis;

TEST_CASE("commands and replies over TCP and over a unix socket") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    for (const std::string& url : {server.url(), server.unix_url()}) {
        INFO(url);
        redis_test::sync_redis redis{url};
        const auto set = redis.run({"SET", "greeting", "hello\r\nworld"});
        REQUIRE(set);
        CHECK(set->type == redis_reply::kind::status);
        const auto get = redis.run({"GET", "greeting"});
        REQUIRE(get);
        CHECK(get->text == "hello\r\nworld");  // binary-safe through the formatter
        const auto list = redis.run({"MGET", "greeting", "absent"});
        REQUIRE(list);
        REQUIRE(list->elements.size() == 2);
        CHECK(list->elements[1].type == redis_reply::kind::nil);
        const auto wrong = redis.run({"INCR", "greeting"});
        REQUIRE(wrong);  // an error reply is a reply, not a failure of the connection
        CHECK(wrong->is_error());
        CHECK(redis.connection().connected());
    }
}

TEST_CASE("the password authenticates and the database is selected on connect") {
    if (!have_redis()) return;
    redis_test::redis_server server{{"--requirepass", "s3cret"}};
    redis_test::sync_redis anonymous{server.url()};
    const auto refused = anonymous.run({"SET", "k", "v"});
    REQUIRE(refused);
    CHECK(refused->is_error());  // NOAUTH

    redis_test::sync_redis db3{"redis://:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/3"};
    REQUIRE(db3.run({"SET", "in3", "yes"}));
    redis_test::sync_redis db0{"redis://:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/0"};
    const auto absent = db0.run({"GET", "in3"});
    REQUIRE(absent);
    CHECK(absent->type == redis_reply::kind::nil);
    const auto present = db3.run({"GET", "in3"});
    REQUIRE(present);
    CHECK(present->text == "yes");

    redis_test::sync_redis wrong{"redis://:nope@127.0.0.1:" + std::to_string(server.port()) + "/0"};
    const auto denied = wrong.run({"PING"});
    REQUIRE_FALSE(denied);
    CHECK(denied.error() == boost::asio::error::access_denied);
}

TEST_CASE("a server that never answers costs the operation timeout, then a timed_out error") {
    boost::asio::io_context listener_io;
    boost::asio::ip::tcp::acceptor silent{listener_io, {boost::asio::ip::address_v4::loopback(), 0}};
    // Connections complete in the kernel's backlog; nothing ever reads or writes them.
    const auto port = silent.local_endpoint().port();
    redis_test::sync_redis redis{"redis://127.0.0.1:" + std::to_string(port) + "/0", 150ms};
    const auto started = std::chrono::steady_clock::now();
    const auto reply = redis.run({"PING"});
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(reply);
    CHECK(reply.error() == boost::asio::error::timed_out);
    CHECK(took >= 150ms);
    CHECK(took < 2s);
    CHECK_FALSE(redis.connection().connected());
}

TEST_CASE("after the server dies a command fails; once it is back the next one reconnects") {
    if (!have_redis()) return;
    redis_test::redis_server server;
    redis_test::sync_redis redis{server.url(), 500ms};
    REQUIRE(redis.run({"PING"}));
    server.kill();
    CHECK_FALSE(redis.run({"PING"}));
    CHECK_FALSE(redis.connection().connected());
    server.restart();
    const auto pong = redis.run({"PING"});
    REQUIRE(pong);
    CHECK(pong->text == "PONG");
}
