// Reading rate-limit headers in every draft form, and ignoring what is malformed.
#include "scheduler/rate_limit_headers.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
namespace tr = talentray;

namespace {
const system_clock::time_point now = sys_days{year{2026} / June / 5} + hours{12};
const auto now_unix = duration_cast<seconds>(now.time_since_epoch()).count();
}  // namespace

TEST_CASE("assign matches header names without regard to case") {
    tr::rate_limit_headers h;
    CHECK(h.empty());
    CHECK(h.assign("ratelimit-policy", "600;w=60"));
    CHECK(h.assign("X-RATELIMIT-REMAINING", "12"));
    CHECK_FALSE(h.assign("Retry-After", "30"));
    CHECK_FALSE(h.assign("RateLimitX", "1"));
    CHECK(h.ratelimit_policy == "600;w=60");
    CHECK(h.x_ratelimit_remaining == "12");
    CHECK_FALSE(h.empty());
}

TEST_CASE("draft -06/-07: RateLimit dictionary and RateLimit-Policy") {
    tr::rate_limit_headers h;
    h.ratelimit = "limit=600, remaining=12, reset=8";
    h.ratelimit_policy = "600;w=60";
    const auto info = tr::parse_rate_limit(h, now);
    CHECK(info.limit == 600u);
    CHECK(info.window == seconds{60});
    CHECK(info.remaining == 12u);
    CHECK(info.reset == seconds{8});
}

TEST_CASE("draft -08+: quota items with q, w, r and t parameters") {
    tr::rate_limit_headers h;
    h.ratelimit_policy = R"("burst";q=100;w=10, "daily";q=1000;w=86400)";
    h.ratelimit = R"("burst";r=40;t=3, "daily";r=7;t=5000)";
    const auto info = tr::parse_rate_limit(h, now);
    // The stricter policy is the daily one (1000/86400 s < 100/10 s); the fewest remaining: 7.
    CHECK(info.limit == 1000u);
    CHECK(info.window == seconds{86400});
    CHECK(info.remaining == 7u);
    CHECK(info.reset == seconds{5000});
}

TEST_CASE("draft -05 and earlier: separate RateLimit-Limit/-Remaining/-Reset") {
    tr::rate_limit_headers h;
    h.ratelimit_limit = "600, 600;w=60, 10000;w=3600";
    h.ratelimit_remaining = "599";
    h.ratelimit_reset = "59";
    const auto info = tr::parse_rate_limit(h, now);
    CHECK(info.limit == 600u);
    CHECK(info.window == seconds{60});
    CHECK(info.remaining == 599u);
    CHECK(info.reset == seconds{59});
}

TEST_CASE("X-RateLimit-*: reset as delta-seconds or as Unix time") {
    tr::rate_limit_headers h;
    h.x_ratelimit_limit = "5000";
    h.x_ratelimit_remaining = "4999";
    h.x_ratelimit_reset = "42";
    auto info = tr::parse_rate_limit(h, now);
    CHECK(info.limit == 5000u);
    CHECK_FALSE(info.window);
    CHECK(info.remaining == 4999u);
    CHECK(info.reset == seconds{42});

    const std::string epoch = std::to_string(now_unix + 90);
    h.x_ratelimit_reset = epoch;
    CHECK(tr::parse_rate_limit(h, now).reset == seconds{90});
    const std::string past = std::to_string(now_unix - 10);
    h.x_ratelimit_reset = past;
    CHECK(tr::parse_rate_limit(h, now).reset == seconds{0});
}

TEST_CASE("newer drafts win over older ones") {
    tr::rate_limit_headers h;
    h.ratelimit = "limit=300, remaining=5, reset=2";
    h.ratelimit_limit = "600";
    h.ratelimit_remaining = "500";
    h.x_ratelimit_limit = "1000";
    h.x_ratelimit_remaining = "900";
    h.x_ratelimit_reset = "30";
    const auto info = tr::parse_rate_limit(h, now);
    CHECK(info.limit == 300u);
    CHECK(info.remaining == 5u);
    CHECK(info.reset == seconds{2});
}

TEST_CASE("malformed values are ignored one by one") {
    tr::rate_limit_headers h;
    h.ratelimit = "limit=abc, remaining=-3, reset=8";
    h.ratelimit_policy = "0;w=60";             // a zero limit is meaningless
    h.x_ratelimit_limit = "1234567890123456";  // 16 digits: beyond a structured-field integer
    h.x_ratelimit_remaining = "12.5";
    const auto info = tr::parse_rate_limit(h, now);
    CHECK_FALSE(info.limit);
    CHECK_FALSE(info.window);
    CHECK_FALSE(info.remaining);
    CHECK(info.reset == seconds{8});

    tr::rate_limit_headers garbage;
    garbage.ratelimit = ",,;=;\"unterminated";
    garbage.ratelimit_policy = "w=60;;";
    garbage.ratelimit_limit = ";;;";
    garbage.ratelimit_reset = "soon";
    CHECK(tr::parse_rate_limit(garbage, now).empty());
    CHECK(tr::parse_rate_limit(tr::rate_limit_headers{}, now).empty());
}

TEST_CASE("huge resets and windows saturate instead of overflowing the clock") {
    tr::rate_limit_headers h;
    h.ratelimit = "limit=10, remaining=0, reset=999999999999999";
    h.ratelimit_policy = "10;w=999999999999999";
    const auto info = tr::parse_rate_limit(h, now);
    CHECK(info.reset == tr::parse_rate_limit(h, now).reset);
    CHECK(*info.reset <= seconds{std::int64_t{1} << 31});
    CHECK(*info.window <= seconds{std::int64_t{1} << 31});
}

TEST_CASE("quoted strings may hold separators") {
    tr::rate_limit_headers h;
    h.ratelimit_policy = R"("a,b;c";q=50;w=5)";
    const auto info = tr::parse_rate_limit(h, now);
    CHECK(info.limit == 50u);
    CHECK(info.window == seconds{5});
}

TEST_CASE("the stricter of two huge quotas is found without overflow") {
    // Found by fuzz_rate_limit_headers: 15-digit limits and windows overflowed the 64-bit
    // cross-multiplication, so the answer depended on the order of the policies.
    for (const char* policy : {"999999999999999;w=999999999999998, 123456789012;w=987654321098",
                               "123456789012;w=987654321098, 999999999999999;w=999999999999998"}) {
        INFO(policy);
        tr::rate_limit_headers h;
        h.ratelimit_policy = policy;
        const auto info = tr::parse_rate_limit(h, now);
        CHECK(info.limit == 123456789012u);  // 0.125 per second, against just over 1
    }
}
