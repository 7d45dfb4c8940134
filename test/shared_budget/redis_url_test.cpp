// scheduler_options::shared_budget: the accepted URL forms, and refusals that name the fault
// without ever quoting the password.
#include "shared_budget/redis_url.hpp"

#include <talentray/error.hpp>
#include <talentray/scheduler/options.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace tr = talentray;
using tr::detail::parse_redis_url;

namespace {

/// The message of the invalid_argument that validating `url` throws (empty when none).
std::string refusal(const std::string& url) {
    tr::scheduler_options options;
    options.shared_budget = url;
    try {
        tr::validate(options);
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::invalid_argument);
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("redis:// gives host, port and database, with defaults for the last two") {
    const auto full = parse_redis_url("redis://cache.internal:6380/3");
    CHECK_FALSE(full.unix_socket);
    CHECK(full.host == "cache.internal");
    CHECK(full.port == 6380);
    CHECK(full.db == 3);
    CHECK(full.password.empty());

    const auto bare = parse_redis_url("redis://127.0.0.1");
    CHECK(bare.port == 6379);
    CHECK(bare.db == 0);
    CHECK(parse_redis_url("redis://[::1]:7000/0").host == "::1");
}

TEST_CASE("a password, with or without an ACL user, is percent-decoded") {
    const auto plain = parse_redis_url("redis://:s%40cret@localhost:6379/1");
    CHECK(plain.user.empty());
    CHECK(plain.password == "s@cret");
    const auto acl = parse_redis_url("redis://budget:pw@localhost/0");
    CHECK(acl.user == "budget");
    CHECK(acl.password == "pw");
    CHECK(acl.describe() == "redis://localhost:6379/0");  // printable: no credentials
}

TEST_CASE("redis+unix:// takes an absolute path, and db and password as parameters") {
    const auto socket = parse_redis_url("redis+unix:///run/redis/redis.sock?db=2&password=pw");
    CHECK(socket.unix_socket);
    CHECK(socket.path == "/run/redis/redis.sock");
    CHECK(socket.db == 2);
    CHECK(socket.password == "pw");
    CHECK(socket.describe() == "redis+unix:///run/redis/redis.sock?db=2");
    CHECK(parse_redis_url("redis+unix:///tmp/r.sock").db == 0);
}

TEST_CASE("a bad shared_budget URL is refused by validate, naming the fault") {
#if TALENTRAY_WITH_REDIS
    CHECK(refusal("redis://localhost:6379/0").empty());
#else
    // Without Redis a good URL is refused too, saying why.
    CHECK_THAT(refusal("redis://localhost:6379/0"), Catch::Contains("built without Redis"));
#endif
    CHECK(refusal("").empty());
    CHECK_THAT(refusal("http://localhost:6379"), Catch::Contains("scheme must be redis or redis+unix"));
    CHECK_THAT(refusal("rediss://localhost"), Catch::Contains("TLS to Redis is not supported"));
    CHECK_THAT(refusal("localhost:6379"), Catch::Contains("scheduler_options::shared_budget"));
    CHECK_THAT(refusal("redis://localhost:99999/0"), Catch::Contains("port must be a number from 1 to 65535"));
    CHECK_THAT(refusal("redis://localhost/zero"), Catch::Contains("database must be a non-negative number"));
    CHECK_THAT(refusal("redis:///0"), Catch::Contains("host is missing"));
    CHECK_THAT(refusal("redis://localhost/0?db=1"), Catch::Contains("takes no ?query"));
    CHECK_THAT(refusal("redis+unix://host/tmp/r.sock"), Catch::Contains("takes no host"));
    CHECK_THAT(refusal("redis+unix:///tmp/r.sock?timeout=1"), Catch::Contains("unknown parameter \"timeout\""));
    CHECK_THAT(refusal("redis://user@localhost"), Catch::Contains("a user without a password"));
}

TEST_CASE("a refused URL never quotes its password") {
    for (const std::string url : {"redis://:hunter2secret@localhost:0/0", "redis://:hunter2secret@localhost/x",
                                  "redis+unix:///tmp/r.sock?password=hunter2secret&db=x",
                                  "redis://:hunter2secret@localhost/0#frag"}) {
        const std::string message = refusal(url);
        INFO(url);
        CHECK_FALSE(message.empty());
        CHECK(message.find("hunter2secret") == std::string::npos);
    }
}

TEST_CASE("the fallback share and the Redis timeout are validated") {
    tr::scheduler_options share;
    share.shared_budget_fallback_share = 0;
    CHECK_THROWS_WITH(tr::validate(share), Catch::Contains("shared_budget_fallback_share"));
    tr::scheduler_options timeout;
    timeout.shared_budget_timeout = std::chrono::milliseconds{0};
    CHECK_THROWS_WITH(tr::validate(timeout), Catch::Contains("shared_budget_timeout"));
}
