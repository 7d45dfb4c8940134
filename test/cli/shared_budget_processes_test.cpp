// Several talentray processes with one key and one Redis against the mock at a known limit:
// together they use the limit without a 429; another key is not slowed by them; Redis going
// away and coming back costs no call.
#include "cli_fixture.hpp"
#include "redis_server.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

using namespace std::chrono_literals;
using namespace cli_test;

namespace {

// 100 per 2 s: the shared pacing, (100 - 1 burst - 2 margin) / 2 s, is 0.97 of it, and four
// export processes (each one page at a time) can ask for more than that.
constexpr std::size_t limit_per_window = 100;
constexpr double limit_per_second = 50;

mock::server_options limited_server(std::size_t candidates) {
    mock::server_options options = cli_fixture::default_options();
    options.limit = {limit_per_window, 2000ms, mock::limit_shape::sliding};
    options.candidates = candidates;
    options.seeded_usage_rows = 0;
    options.usage_log_capacity = 100'000;
    return options;
}

std::vector<std::string> export_args(const cli_fixture& f, const std::string& redis_url, const std::string& output) {
    return {"--base-url", f.server.base_url(), "--ca-file", f.ca_file.string(), "--rate-limit",
            std::to_string(limit_per_window) + "/2s", "--max-in-flight", "8", "--shared-budget", redis_url,
            "export", "candidates", "--format", "jsonl", "--page-size", "10", "--output", output};
}

/// A usage-log timestamp ("2026-12-05T17:27:00.123Z") as milliseconds since 1970.
std::int64_t usage_time_ms(const boost::json::value& row) {
    const std::string text(row.at("timestamp").as_string());
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    REQUIRE(std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &y, &mo, &d, &h, &mi, &s, &ms) == 7);
    const auto day = std::chrono::sys_days{std::chrono::year{y} / std::chrono::month(unsigned(mo)) /
                                           std::chrono::day(unsigned(d))};
    return std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count() +
           ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/// Requests per second the server saw from `key_id`, from its first arrival to its last.
double arrival_rate(const cli_fixture& f, const std::string& key_id, std::size_t& count) {
    const auto rows = f.usage_rows(key_id);
    count = rows.size();
    REQUIRE(count >= 2);
    std::int64_t first = usage_time_ms(rows.front()), last = first;
    for (const auto& row : rows) {
        first = std::min(first, usage_time_ms(row));
        last = std::max(last, usage_time_ms(row));
    }
    REQUIRE(last > first);
    return double(count - 1) * 1000.0 / double(last - first);
}

std::uint64_t requests_of(const cli_fixture& f, const std::string& key_id) {
    const auto stats = f.server.stats();
    const auto it = stats.requests_by_key.find(key_id);
    return it == stats.requests_by_key.end() ? 0 : it->second;
}

/// Waits until the server has seen `count` requests of `key_id` (its counters are the event).
bool wait_for_requests(const cli_fixture& f, const std::string& key_id, std::uint64_t count) {
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (requests_of(f, key_id) < count) {
        if (std::chrono::steady_clock::now() > give_up) return false;
        std::this_thread::sleep_for(5ms);  // a poll of the server's counter, not a guess of a duration
    }
    return true;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("processes sharing a key through Redis use its limit without a 429; another key is not slowed") {
    if (!redis_test::have_redis()) return;
    redis_test::redis_server redis;
    cli_fixture f{limited_server(1200)};
    const auto& shared_key = f.server.keys().employer;
    const auto& other_key = f.server.keys().read_only;

    std::vector<std::unique_ptr<child>> children;
    for (int i = 0; i < 4; ++i)
        children.push_back(std::make_unique<child>(
            talentray_program(), export_args(f, redis.url(), (f.scratch / ("shared" + std::to_string(i) + ".jsonl")).string()),
            f.environment(shared_key.key)));
    children.push_back(std::make_unique<child>(talentray_program(),
                                               export_args(f, redis.url(), (f.scratch / "other.jsonl").string()),
                                               f.environment(other_key.key)));
    for (auto& c : children) {
        const outcome done = c->wait(120s);
        INFO(done.err);
        CHECK(done.exit_status == 0);
        CHECK_THAT(done.err, Catch::Contains("budget shared through Redis"));
    }

    CHECK(f.server.stats().rate_limited == 0);
    std::size_t shared_requests = 0, other_requests = 0;
    const double shared_rate = arrival_rate(f, shared_key.id, shared_requests);
    const double other_rate = arrival_rate(f, other_key.id, other_requests);
    INFO("one key, 4 processes: " << shared_requests << " requests at " << shared_rate << "/s; another key: "
                                  << other_requests << " at " << other_rate << "/s");
    CHECK(shared_requests >= 4 * 60);
    CHECK(shared_rate >= 0.95 * limit_per_second);
    CHECK(shared_rate <= 1.0 * limit_per_second);
    // The other key ran alongside at nearly its own full limit: had it shared the first key's
    // budget, the two together would have stayed within one limit.
    CHECK(other_rate >= 0.9 * limit_per_second);
}

TEST_CASE("redis-server killed and restarted mid-run: no call fails, the fallback is counted, sharing resumes") {
    if (!redis_test::have_redis()) return;
    redis_test::redis_server redis;
    cli_fixture f{limited_server(2400)};
    const auto& key = f.server.keys().employer;
    std::vector<std::unique_ptr<child>> children;
    for (int i = 0; i < 3; ++i)
        children.push_back(std::make_unique<child>(
            talentray_program(), export_args(f, redis.url(), (f.scratch / ("run" + std::to_string(i) + ".jsonl")).string()),
            f.environment(key.key)));

    REQUIRE(wait_for_requests(f, key.id, 100));
    redis.kill();
    const std::uint64_t at_kill = requests_of(f, key.id);
    REQUIRE(wait_for_requests(f, key.id, at_kill + 60));  // the exports go on without Redis
    redis.restart();

    std::size_t warned = 0;
    for (auto& c : children) {
        const outcome done = c->wait(120s);
        INFO(done.err);
        CHECK(done.exit_status == 0);
        // One warning per process and episode, never one per request.
        const std::size_t warnings = occurrences(done.err, "talentray: warning: shared rate budget");
        CHECK(warnings <= 1);
        warned += warnings;
        CHECK_THAT(done.err, Catch::Contains("in fallback while Redis was unreachable (once)"));
        CHECK(done.err.find("in fallback at the end") == std::string::npos);  // rejoined before the end
    }
    CHECK(warned == 3);
    // Fallback paces each process at a quarter of the limit, so three of them stay below it;
    // the switches may each cost a request or two at the edge of a window, no storm.
    CHECK(f.server.stats().rate_limited <= 10);
}
