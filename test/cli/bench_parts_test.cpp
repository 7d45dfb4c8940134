// The pure parts of `talentray bench` beyond the figures: the operation mix, the bench client's
// budget, the window search, the probe's findings and the export estimate.
#include "bench/bench_client.hpp"
#include "bench/export_estimate.hpp"
#include "bench/operation_mix.hpp"
#include "bench/probe_findings.hpp"
#include "bench/run_figures.hpp"
#include "bench/window_search.hpp"
#include "usage_error.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace std::chrono_literals;
using namespace talentray::cli;
using namespace talentray::cli::bench;

TEST_CASE("bench mix: read operations by name, writes and unknown names refused") {
    CHECK(parse_operation("candidates.get", "--op").op == talentray::operation::get_candidate);
    CHECK(parse_operation("candidates.get", "--op").id_source == talentray::operation::list_candidates);
    CHECK_THROWS_WITH(parse_operation("sourcing.delete", "--op"),
                      Catch::StartsWith("--op: 'sourcing.delete' changes data; talentray bench runs read-only"));
    CHECK_THROWS_WITH(parse_operation("candidate.get", "--op"),
                      Catch::StartsWith("--op: unknown operation 'candidate.get'; choose from me, candidates.list"));
}

TEST_CASE("bench mix: operations in turn, ids in turn, list pages cycling") {
    const std::vector<mix_entry> mix{parse_operation("candidates.list", "--op"), parse_operation("candidates.get", "--op")};
    const id_pool ids{{talentray::operation::list_candidates, {"cand_1", "cand_2"}}};
    CHECK(request_for(mix, ids, 0, 3)->path == "/api/v1/candidates");
    CHECK(request_for(mix, ids, 0, 3)->query == talentray::query_params{{"page", "0"}, {"pageSize", "20"}});
    CHECK(request_for(mix, ids, 1, 3)->path == "/api/v1/candidates/cand_1");
    CHECK(request_for(mix, ids, 3, 3)->path == "/api/v1/candidates/cand_2");
    CHECK(request_for(mix, ids, 6, 3)->query == talentray::query_params{{"page", "0"}, {"pageSize", "20"}});
    CHECK(request_for(mix, ids, 4, 3)->query == talentray::query_params{{"page", "2"}, {"pageSize", "20"}});
    CHECK_FALSE(request_for(mix, {}, 1, 3));
}

TEST_CASE("bench client: the budget refills at exactly the asked rate, or stays out of the way") {
    const talentray::client_options scheduled = scheduled_options({}, 8.0);
    REQUIRE(scheduled.budget);
    CHECK(scheduled.scheduler.window == 60s);
    CHECK(scheduled.scheduler.requests_per_window == 490);
    CHECK(scheduled.scheduler.burst == 10u);
    const talentray::client_options slow = scheduled_options({}, 0.01);
    CHECK(slow.scheduler.window == 200s);
    CHECK(slow.scheduler.requests_per_window == 4);
    CHECK(slow.scheduler.burst == 2u);
    const talentray::client_options raw = raw_options({});
    CHECK(raw.retry.max_attempts == 1);
    CHECK(raw.retry.max_rate_limited_attempts == 1);
    CHECK(raw.scheduler.max_pause == 1ms);
}

TEST_CASE("bench window search: steps through the second a Retry-After leaves, and stops at the first acceptance") {
    using clock = window_search::clock;
    const clock::time_point t0 = clock::time_point{} + 100s;
    for (const double window : {1.65, 2.0, 2.55}) {
        std::vector<clock::time_point> accepted;
        for (int i = 0; i < 60; ++i) accepted.push_back(t0 + std::chrono::milliseconds{10 * i});
        const clock::time_point refused = t0 + 600ms;
        const auto retry_after = std::chrono::seconds{static_cast<long>(std::ceil(window - 0.6))};
        window_search search{accepted, refused, retry_after};
        CHECK(search.low_seconds() <= window);
        CHECK(search.high_seconds() >= window);
        std::size_t refusals = 0;
        while (!search.done()) {
            const clock::time_point at = search.next_probe();
            const bool ok = std::chrono::duration<double>(at - t0).count() >= window;
            if (!ok) ++refusals;
            search.on_answer(at, ok, ok ? std::nullopt : std::optional<std::chrono::seconds>{1s});
        }
        CHECK(search.low_seconds() <= window);
        CHECK(search.high_seconds() >= window);
        CHECK(search.high_seconds() - search.low_seconds() <= 1.0 / window_search::steps + 1e-9);
        CHECK(refusals <= 5);
    }
}

TEST_CASE("bench probe findings: text, confidence and the rate-limit header parameters") {
    probe_findings f;
    f.refused = true;
    f.limit = 60;
    f.window_low = 1.99;
    f.window_high = 2.01;
    f.window_probes = 5;
    f.requests = 66;
    f.rate_limited = 3;
    CHECK(confidence(f) == "high");
    const std::string text = render_probe(f);
    CHECK_THAT(text, Catch::StartsWith("limit       60 requests per window"));
    CHECK_THAT(text, Catch::Contains("window      2.00 s (between 1.99 and 2.01 s"));
    CHECK_THAT(text, Catch::Contains("rate        1800.0 requests/min"));
    CHECK_THAT(text, Catch::Contains("spent       66 requests, 3 of them 429s"));
    f.window_high = 2.15;
    CHECK(confidence(f) == "medium");
    f.refused_at_once = true;
    CHECK(confidence(f) == "low");
    CHECK(policy_parameter("\"default\";q=600;w=60", "q") == 600u);
    CHECK(policy_parameter("\"default\";q=600;w=60", "w") == 60u);
    CHECK(policy_parameter("\"default\";q=600", "w") == std::nullopt);
    CHECK(policy_parameter("120", "") == 120u);
}

TEST_CASE("bench export estimate: pages over the rate, the burst ahead, a round trip after") {
    const export_estimate e = estimate_export(1200, 100, 10.0, 0.0, 2, 0.05);
    CHECK(e.pages == 12);
    CHECK(e.seconds == Approx(1.05));
    CHECK(e.low_seconds == Approx(1.05));
    CHECK(e.high_seconds == Approx(1.25));
    const export_estimate uncertain = estimate_export(100'000, 100, 9.0, 0.1, 10, 0.0);
    CHECK(uncertain.seconds == Approx(990 / 9.0));
    CHECK(uncertain.low_seconds == Approx(990 / 9.9));
    CHECK(uncertain.high_seconds == Approx(1000 / 8.1));
    CHECK(estimate_export(0, 100, 10.0, 0, 1, 0).pages == 1);
    CHECK(render_export_estimate("candidates", e, 100) ==
          "candidates: 1,200 rows in 12 pages of 100; at 10.00 requests/s about 1.1 s (1.1 s to 1.2 s)\n");
}

TEST_CASE("bench run figures: the table and the JSON say the same") {
    run_figures f;
    f.operations = {"me"};
    f.asked_per_second = 10;
    f.asked_text = "10/s";
    f.planned = 2s;
    f.elapsed = 2s;
    f.calls = 20;
    f.succeeded = 19;
    f.failed = 1;
    f.errors_by_kind["rate limited"] = 1;
    for (int i = 0; i < 20; ++i) f.latency.record_micros(20'000 + static_cast<std::uint64_t>(i) * 100);
    f.totals = {20, 21, 1, 1};
    const std::string table = render_run_table(f);
    CHECK_THAT(table, Catch::Contains("rate                  10.00/s achieved of 10.00/s asked (10/s)"));
    CHECK_THAT(table, Catch::Contains("errors                rate limited 1"));
    CHECK_THAT(table, Catch::Contains("429s                  1"));
    const boost::json::object json = run_json(f);
    CHECK(json.at("requests").as_uint64() == 21);
    CHECK(json.at("latency_ms").at("max").as_double() == Approx(21.9));
    CHECK(json.at("latency_measured_from").as_string() == "scheduled send time");
    const std::string page = render_html_report(json);
    CHECK(page.find("<script id=\"figures\" type=\"application/json\">{") != std::string::npos);
    f.operations = {"</script><b>"};
    CHECK(render_html_report(run_json(f)).find("</script><b>") == std::string::npos);
}
