// The pure parts of `talentray bench` beyond the figures: the operation mix, the bench client's
// budget, the window search, the bucket search, the probe's findings and the export estimate.
#include "bench/bench_client.hpp"
#include "bench/bucket_search.hpp"
#include "bench/export_estimate.hpp"
#include "bench/operation_mix.hpp"
#include "bench/probe_findings.hpp"
#include "bench/run_figures.hpp"
#include "bench/window_search.hpp"
#include "usage_error.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <deque>

using namespace std::chrono_literals;
using namespace talentray::cli;
using namespace talentray::cli::bench;

TEST_CASE("bench mix: read operations by name, writes and unknown names refused") {
    CHECK(parse_operation("candidates.get", "--op").op == talentray::operation::get_candidate);
    CHECK(parse_operation("candidates.get", "--op").id_source == talentray::operation::list_candidates);
    CHECK_THROWS_WITH(parse_operation("sourcing.delete", "--op"),
                      Catch::StartsWith("--op: 'sourcing.delete' changes data; talentray bench runs read-only") &&
                          Catch::EndsWith("unless --allow-writes is given"));
    CHECK_THROWS_WITH(parse_operation("candidate.get", "--op"),
                      Catch::StartsWith("--op: unknown operation 'candidate.get'; choose from me, candidates.list"));
}

TEST_CASE("bench mix: with --allow-writes, the table's writes with marked bodies, never replayed once sent") {
    CHECK(benchable_write_names() ==
          "candidates.update, roles.update, tests.update, sourcing.create, sourcing.update, sourcing.delete");
    const mix_entry create = parse_operation("sourcing.create", "--op", true);
    const mix_entry update_lead = parse_operation("sourcing.update", "--op", true);
    const mix_entry remove = parse_operation("sourcing.delete", "--op", true);
    const mix_entry update_candidate = parse_operation("candidates.update", "--op", true);
    CHECK(create.op == talentray::operation::create_potential_candidate);
    CHECK(update_lead.on_created);
    CHECK(remove.on_created);
    CHECK(update_candidate.id_source == talentray::operation::list_candidates);
    CHECK_FALSE(is_destructive(create));
    CHECK_FALSE(is_destructive(update_lead));  // only the run's own leads
    CHECK(is_destructive(remove));
    CHECK(is_destructive(update_candidate));  // overwrites the user's record
    CHECK_FALSE(is_destructive(parse_operation("candidates.get", "--op", true)));

    const write_context writes{"r1", "org_acme", {"pc_a", "pc_b", "pc_c", "pc_d"}};
    const std::vector<mix_entry> reads_and_create{parse_operation("candidates.list", "--op"), create};
    const auto post = request_for(reads_and_create, {}, 3, 5, writes);
    REQUIRE(post);
    CHECK(post->method == talentray::http_method::post);
    CHECK(post->path == "/api/v1/sourcing");
    CHECK(post->body->at("fullName") == "bench-r1-3");
    CHECK(post->body->at("organizationId") == "org_acme");
    CHECK_FALSE(post->is_idempotent());
    CHECK(request_for(reads_and_create, {}, 2, 5, writes)->method == talentray::http_method::get);

    // Deletes take the created leads one each, in order; updates share the one after them.
    const std::vector<mix_entry> lead_writes{remove, update_lead, parse_operation("me", "--op")};
    CHECK(leads_needed(lead_writes, 7) == 3 + 1);  // deletes at 0, 3, 6
    CHECK(leads_needed(lead_writes, 6) == 2 + 1);
    CHECK(leads_needed(reads_and_create, 100) == 0);
    CHECK(request_for(lead_writes, {}, 0, 5, writes)->path == "/api/v1/sourcing/pc_a");
    CHECK(request_for(lead_writes, {}, 3, 5, writes)->path == "/api/v1/sourcing/pc_b");
    CHECK(request_for(lead_writes, {}, 3, 5, writes)->method == talentray::http_method::delete_);
    const auto patch = request_for(lead_writes, {}, 4, 5, writes);
    CHECK(patch->path == "/api/v1/sourcing/pc_d");
    CHECK(patch->body->at("summary") == "bench-r1-4");
    CHECK_FALSE(patch->is_idempotent());
    CHECK_FALSE(request_for(lead_writes, {}, 9, 5, writes));  // a fourth delete: the updates' lead is not its
    CHECK_FALSE(request_for(lead_writes, {}, 12, 5, writes));

    const id_pool ids{{talentray::operation::list_candidates, {"cand_1"}}};
    const auto candidate = request_for({update_candidate}, ids, 0, 5, writes);
    CHECK(candidate->path == "/api/v1/candidates/cand_1");
    CHECK(candidate->method == talentray::http_method::patch);
    CHECK(candidate->body->at("summary") == "bench-r1-0");
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
            search.on_response(at, ok, ok ? std::nullopt : std::optional<std::chrono::seconds>{1s});
        }
        CHECK(search.low_seconds() <= window);
        CHECK(search.high_seconds() >= window);
        CHECK(search.high_seconds() - search.low_seconds() <= 1.0 / window_search::steps + 1e-9);
        CHECK(refusals <= 5);
    }
}

namespace {

using bclock = bucket_search::clock;

// A token bucket as the mock keeps one: full at first, `rate` tokens a second up to `capacity`.
struct simulated_bucket {
    double rate;
    double capacity;
    double tokens = capacity;
    bclock::time_point refilled{};
    bool started = false;

    bool admit(bclock::time_point at) {
        if (started) tokens = std::min(capacity, tokens + std::chrono::duration<double>(at - refilled).count() * rate);
        started = true;
        refilled = at;
        if (tokens < 1.0 - 1e-9) return false;
        tokens = std::max(tokens - 1.0, 0.0);
        return true;
    }
};

}  // namespace

TEST_CASE("bench bucket search: admissions between the first and last refusal over the time between") {
    const bclock::time_point t0 = bclock::time_point{} + 100s;
    const auto at = [&](int ms) { return t0 + std::chrono::milliseconds{ms}; };
    // 12 admitted in the opening 100 ms, refused at 100 ms; 5 admitted, refused at 300 ms.
    std::vector<bucket_search::outcome> outcomes;
    for (int i = 0; i < 12; ++i) outcomes.push_back({at(8 * i), true});
    outcomes.push_back({at(100), false});
    for (int i = 0; i < 5; ++i) outcomes.push_back({at(200 + 10 * i), true});
    outcomes.push_back({at(300), false});
    bucket_search search{outcomes};
    CHECK(search.admitted_between() == 5);
    CHECK(search.seconds_between() == Approx(0.2));
    CHECK(search.rate() == Approx(25.0));
    CHECK(search.rate_low() == Approx(20.0));
    CHECK(search.rate_high() == Approx(30.0));
    CHECK(search.rate_uncertainty() == Approx(0.2));
    // The opening burst: 12 less 0.1 s of refill at the estimate, and half a token left over.
    CHECK(search.burst() == Approx(12 - 2.5 + 0.5));
    // 0.7 of the smallest bucket (12 - 0.1 s at 30/s) at the highest rate.
    CHECK(std::chrono::duration<double>(search.next_wait()).count() == Approx(0.7 * 9 / 30).epsilon(1e-6));
    // A response that arrives late is still counted by when it was sent.
    search.on_response(at(250), true);
    CHECK(search.admitted_between() == 6);
    CHECK_FALSE(search.done());
    search.on_response(at(500), false);
    search.on_drain_end(false);
    CHECK(search.done());
    CHECK_THROWS_AS(bucket_search({{at(0), false}, {at(1), true}, {at(2), false}}), std::invalid_argument);
    CHECK_THROWS_AS(bucket_search({{at(0), true}, {at(1), false}}), std::invalid_argument);
}

TEST_CASE("bench probe, event by event: a token bucket reads as its refill rate and burst, a window does not") {
    // The probe's steps against simulated limiters at 100 requests/s two at a time (one at a time
    // at 50/s), responses sent 10 ms apart: the burst, the window search, the replay, the drains.
    for (const double rate : {30.0, 12.0, 50.0}) {
        DYNAMIC_SECTION("bucket refilling " << rate << "/s, burst 10") {
            simulated_bucket bucket{rate, 10};
            const bclock::time_point t0 = bclock::time_point{} + 100s;
            std::vector<bucket_search::outcome> log;
            std::vector<bclock::time_point> accepted;
            bclock::time_point now = t0;
            std::size_t refusals = 0;
            for (;; now += 10ms) {
                const bool ok = bucket.admit(now);
                log.push_back({now, ok});
                if (!ok) break;
                accepted.push_back(now);
            }
            ++refusals;
            window_search window{accepted, now, std::chrono::seconds{1}};
            while (!window.done()) {
                now = std::max(now + 10ms, window.next_probe());
                const bool ok = bucket.admit(now);
                log.push_back({now, ok});
                if (!ok) ++refusals;
                window.on_response(now, ok, ok ? std::nullopt : std::optional<std::chrono::seconds>{1s});
            }
            REQUIRE(window.crossed());
            // The replay at the burst's pace.
            std::size_t replayed = 0;
            bool refused = false;
            const bclock::time_point start = now + 10ms;
            for (std::size_t j = 0; j + 1 < accepted.size() && !refused; ++j) {
                now = std::max(now + 10ms, replay_send_time(start, accepted, j));
                const bool ok = bucket.admit(now);
                log.push_back({now, ok});
                if (ok) ++replayed; else { refused = true; ++refusals; }
            }
            CHECK_FALSE(quota_came_back_whole(replayed, accepted.size() - 1, refused));
            bucket_search search{log};
            while (!search.done()) {
                now += search.next_wait();
                bool drained = false;
                for (int sent = 0; sent < 200 && !drained; ++sent) {
                    now += 20ms;
                    const bool ok = bucket.admit(now);
                    search.on_response(now, ok);
                    if (!ok) { drained = true; ++refusals; }
                }
                search.on_drain_end(drained);
            }
            CHECK(search.rate() == Approx(rate).epsilon(0.05));
            CHECK(search.rate_low() <= rate);
            CHECK(search.rate_high() >= rate);
            CHECK(search.burst() == Approx(10).margin(1.5));
            CHECK(refusals <= 7);
        }
    }
    SECTION("a sliding window gives the burst back at its pace: the replay is admitted whole") {
        const bclock::time_point t0 = bclock::time_point{} + 100s;
        std::vector<bclock::time_point> accepted;
        for (int i = 0; i < 60; ++i) accepted.push_back(t0 + std::chrono::milliseconds{10 * i});
        const auto window = 2000ms;
        // The first acceptance past the window, then the rest at the burst's pace.
        const bclock::time_point crossing = t0 + window + 30ms;
        std::size_t replayed = 0;
        std::deque<bclock::time_point> slots(accepted.begin() + 1, accepted.end());
        slots.push_back(crossing);
        for (std::size_t j = 0; j + 1 < accepted.size(); ++j) {
            const bclock::time_point at = replay_send_time(crossing + 10ms, accepted, j);
            while (!slots.empty() && slots.front() + window <= at) slots.pop_front();
            if (slots.size() < 60) {
                slots.push_back(at);
                ++replayed;
            }
        }
        CHECK(quota_came_back_whole(replayed, accepted.size() - 1, replayed < accepted.size() - 1));
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
    CHECK_THAT(text, Catch::Contains("shape       window: the whole quota came back at once"));
    CHECK(probe_json(f).at("rate_per_second").to_number<double>() == Approx(60 / 2.07));

    probe_findings bucket;
    bucket.shape = quota_shape::bucket;
    bucket.refused = true;
    bucket.limit = 14;
    bucket.bucket_burst = 10.2;
    bucket.bucket_rate = 30;
    bucket.bucket_rate_low = 29.4;
    bucket.bucket_rate_high = 30.6;
    bucket.bucket_admissions = 50;
    bucket.bucket_seconds = 1.667;
    CHECK(confidence(bucket) == "high");
    const std::string bucket_text = render_probe(bucket);
    CHECK_THAT(bucket_text, Catch::StartsWith("shape       bucket-like: burst 10, refill 30.0/s"));
    CHECK_THAT(bucket_text, Catch::Contains("rate        1800.0 requests/min (between 1764.0 and 1836.0, 50 admissions"));
    CHECK_THAT(bucket_text, !Catch::Contains("limit       "));
    const boost::json::object bucket_json = probe_json(bucket);
    CHECK(bucket_json.at("shape") == "bucket");
    CHECK_FALSE(bucket_json.contains("window_seconds"));
    CHECK(bucket_json.at("rate_relative_uncertainty").to_number<double>() == Approx(0.02));
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
