// A 429 in one talentray process pauses every process sharing its key through Redis, as the
// server saw it: its arrival log (times, statuses, User-Agents) shows no request of any process
// inside the Retry-After pause. The same run with local budgets shows the others' requests
// arriving inside it, so the check can fail.
#include "cli_fixture.hpp"
#include "redis_server.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using namespace cli_test;

namespace {

constexpr int pause_processes = 3;
/// The request of the key the mock refuses: late enough that every process is running.
constexpr std::uint64_t pause_refused_request = 60;
constexpr std::chrono::seconds pause_retry_after{2};
/// The pause may start this much after the 429 left the server: the refused process writes it
/// to Redis (a round trip), and another process may still hand out the permits it reserved
/// before (at most the budget's horizon, 100 ms at this limit) and have one request on the way.
/// Its end needs none: every process resumes no sooner than the refused one received the 429,
/// which is after the server sent it.
constexpr auto pause_start_tolerance = 250ms;

mock::server_options pause_server() {
    mock::server_options options = cli_fixture::default_options();  // unlimited: only the injected 429
    options.candidates = 1200;
    options.seeded_usage_rows = 0;
    options.faults.too_many_requests_at = pause_refused_request;
    options.faults.too_many_requests_retry_after = pause_retry_after;
    return options;
}

std::string pause_agent(int process) { return "export-process-" + std::to_string(process); }

/// Runs `pause_processes` exports of the candidates with the employer key, each with its own
/// User-Agent, sharing their budget through `redis_url` (none when empty), until all exit; each
/// must succeed. Returns the server's arrival log.
std::vector<mock::arrival_record> run_pause_exports(const cli_fixture& f, const std::string& redis_url) {
    std::vector<std::unique_ptr<child>> children;
    for (int i = 0; i < pause_processes; ++i) {
        std::vector<std::string> args{"--base-url", f.server.base_url(), "--ca-file", f.ca_file.string(),
                                      "--rate-limit", "100/2s", "--max-in-flight", "8",
                                      "--user-agent", pause_agent(i)};
        if (!redis_url.empty()) args.insert(args.end(), {"--shared-budget", redis_url});
        args.insert(args.end(), {"export", "candidates", "--format", "jsonl", "--page-size", "10", "--output",
                                 (f.scratch / ("pause" + std::to_string(i) + ".jsonl")).string()});
        children.push_back(std::make_unique<child>(talentray_program(), args, f.environment(f.server.keys().employer.key)));
    }
    for (auto& c : children) {
        const outcome done = c->wait(120s);
        INFO(done.err);
        CHECK(done.exit_status == 0);
    }
    const mock::stats_snapshot stats = f.server.stats();
    CHECK(stats.arrivals_dropped == 0);
    return stats.arrivals;
}

/// The arrival log around its one 429.
struct pause_view {
    std::string refused_agent;  ///< the process that got the 429
    std::chrono::microseconds refused_at{};
    std::map<std::string, std::size_t> before;  ///< requests of each process before the 429
    std::map<std::string, std::size_t> inside;  ///< requests of each process inside the pause
    std::string timeline;                       ///< the arrivals near the pause, for the failure message
};

pause_view view_pause(const std::vector<mock::arrival_record>& arrivals) {
    pause_view view;
    std::size_t refusals = 0;
    for (const auto& arrival : arrivals)
        if (arrival.status == 429) {
            ++refusals;
            view.refused_agent = arrival.user_agent;
            view.refused_at = arrival.at;
        }
    REQUIRE(refusals == 1);
    const auto pause_from = view.refused_at + pause_start_tolerance;
    const auto pause_until = view.refused_at + pause_retry_after;
    for (const auto& arrival : arrivals) {
        if (arrival.at < view.refused_at) ++view.before[arrival.user_agent];
        if (arrival.at >= pause_from && arrival.at < pause_until) ++view.inside[arrival.user_agent];
        const auto offset = std::chrono::duration_cast<std::chrono::milliseconds>(arrival.at - view.refused_at);
        if (offset > -300ms && offset < pause_retry_after + 300ms)
            view.timeline += std::to_string(offset.count()) + " ms " + arrival.user_agent + " " +
                             std::to_string(arrival.status) + "\n";
    }
    return view;
}

}  // namespace

TEST_CASE("shared budget: after a 429 to one of three processes, no process's request reaches the server from "
          "250 ms after it to the end of its Retry-After, and every process had sent requests before it") {
    if (!redis_test::have_redis()) return;
    redis_test::redis_server redis;
    const cli_fixture f{pause_server()};
    const pause_view view = view_pause(run_pause_exports(f, redis.url()));
    INFO("429 to " << view.refused_agent << "; arrivals from 300 ms before it, in ms after it:\n" << view.timeline);
    for (int i = 0; i < pause_processes; ++i) {
        const std::string agent = pause_agent(i);
        INFO(agent);
        CHECK(view.before.count(agent) == 1);  // every process was sending before the 429
        CHECK(view.inside.count(agent) == 0);  // and none, the refused one included, inside its pause
    }
}

TEST_CASE("local budgets (the control): after a 429 to one of three processes, at least 10 requests of the others "
          "reach the server from 250 ms after it to the end of its Retry-After") {
    const cli_fixture f{pause_server()};
    const pause_view view = view_pause(run_pause_exports(f, ""));
    INFO("429 to " << view.refused_agent << "; arrivals from 300 ms before it, in ms after it:\n" << view.timeline);
    std::size_t others_inside = 0;
    for (const auto& [agent, count] : view.inside)
        if (agent != view.refused_agent) others_inside += count;
    CHECK(others_inside >= 10);
}
