// The progress texts and the rate they show.
#include "progress.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using namespace talentray::cli;

namespace {

progress_view halfway() {
    progress_view view;
    view.resource = "candidates";
    view.rows = 8000;
    view.total = 20000;
    view.rows_per_second = 800;
    view.elapsed = 10s;
    view.requests = 80;
    view.rate_limited = 3;
    view.retries = 5;
    return view;
}

}  // namespace

TEST_CASE("progress: durations and digit groups") {
    CHECK(format_duration(0ms) == "0s");
    CHECK(format_duration(999ms) == "0s");
    CHECK(format_duration(45s) == "45s");
    CHECK(format_duration(185s) == "3m05s");
    CHECK(format_duration(3720s) == "1h02m");
    CHECK(group_digits(0) == "0");
    CHECK(group_digits(999) == "999");
    CHECK(group_digits(20000) == "20,000");
    CHECK(group_digits(1234567) == "1,234,567");
}

TEST_CASE("progress: the ETA needs a total and a rate") {
    progress_view view = halfway();
    CHECK(estimate_remaining(view) == 15s);
    view.rows_per_second = 0;
    CHECK(estimate_remaining(view) == std::nullopt);
    view = halfway();
    view.total.reset();
    CHECK(estimate_remaining(view) == std::nullopt);
}

TEST_CASE("progress: the terminal line shows bar, counts, percentage, rate, ETA, 429s and retries") {
    const std::string line = render_bar_line(halfway(), 120);
    CHECK(line == "candidates [################........................]  8,000/20,000  40%  800 rows/s  ETA 15s  "
                  "429s 3  retries 5");
    CHECK(line.size() <= 120);
}

TEST_CASE("progress: a narrow terminal loses the bar first, and the line never exceeds the width") {
    const std::string narrow = render_bar_line(halfway(), 70);
    CHECK(narrow.find('[') == std::string::npos);
    CHECK(narrow.size() <= 70);
    CHECK(render_bar_line(halfway(), 20).size() == 20);
}

TEST_CASE("progress: a list of unknown length has no bar and no percentage; a 429 pause is shown") {
    progress_view view = halfway();
    view.total.reset();
    view.paused = 12s;
    const std::string line = render_bar_line(view, 120);
    CHECK(line == "candidates  8,000  800 rows/s  ETA --  429s 3  retries 5  paused 12s");
    view.paused = 300ms;
    CHECK_THAT(render_plain_line(view), Catch::EndsWith(", paused 1s"));
}

TEST_CASE("progress: the plain line for logs and the final summary") {
    CHECK(render_plain_line(halfway()) ==
          "progress: candidates 8000/20000 rows (40.0%), 800 rows/s, ETA 15s, 429s 3, retries 5");
    progress_view done = halfway();
    done.rows = 20000;
    done.elapsed = 25s;
    CHECK(render_summary(done, "out.jsonl", 0) ==
          "exported 20000 rows of candidates to out.jsonl in 25.0s (800 rows/s); total count 20000; "
          "requests 80, 429s 3, retries 5");
    CHECK(render_summary(done, "out.jsonl", 8000) ==
          "exported 20000 rows of candidates to out.jsonl in 25.0s (480 rows/s), 8000 of them written before the "
          "resume; total count 20000; requests 80, 429s 3, retries 5");
}

TEST_CASE("rate meter: rows per second over the recent window") {
    rate_meter meter{10s};
    const rate_meter::clock::time_point start{};
    CHECK(meter.rows_per_second() == 0);
    meter.add(start, 0);
    meter.add(start + 50ms, 100);  // too short a span to say anything
    CHECK(meter.rows_per_second() == 0);
    meter.add(start + 2s, 2000);
    CHECK(meter.rows_per_second() == Approx(1000));
    // A pause: no rows for 20 s. The old fast samples leave the window and the rate falls.
    meter.add(start + 12s, 2000);
    meter.add(start + 22s, 2000);
    CHECK(meter.rows_per_second() == Approx(0));
    meter.add(start + 24s, 2400);
    CHECK(meter.rows_per_second() == Approx(400.0 / 12.0));
}

TEST_CASE("progress: the rate-limit counters of the run") {
    talentray::scheduler_counters run;
    run.admitted = 201;
    run.waited = 190;
    run.total_wait = 18'900ms;
    run.max_wait = 210ms;
    run.rate_limited_responses = 2;
    run.retries.rate_limited = 2;
    run.retries.server_error = 1;
    talentray::scheduler_counters now;
    now.configured_rate_per_minute = 590;
    now.current_rate_per_minute = 590;
    now.burst = 3;
    now.burst_ceiling = 10;
    now.burst_cause = talentray::limit_cause::clean_admissions;
    CHECK(render_rate_counters(run, now) ==
          "rate limit: 201 admitted, 190 queued (18.9s of waiting in all, 0.2s at most), 429s 2, retries 3, "
          "admission rate 590/min (configured), burst 3 of at most 10 (requests accepted without 429s)");
    now.current_rate_per_minute = 295;
    now.rate_cause = talentray::limit_cause::rate_refusal;
    now.burst = 6;
    now.burst_ceiling = 6;
    now.burst_cause = talentray::limit_cause::burst_refusal;
    run.retries_refused = 1;
    CHECK(render_rate_counters(run, now) ==
          "rate limit: 201 admitted, 190 queued (18.9s of waiting in all, 0.2s at most), 429s 2, retries 3 (1 refused), "
          "admission rate 295/min (429s at a steady pace; configured 590/min), burst 6 of at most 6 (429s inside a burst)");
}

TEST_CASE("progress: a shared budget is named, with its fallback episodes") {
    talentray::scheduler_counters run;
    talentray::scheduler_counters now;
    now.budget = talentray::budget_kind::shared;
    now.shared_admissions = 180;
    CHECK_THAT(render_rate_counters(run, now), Catch::EndsWith("; budget shared through Redis (180 admissions)"));
    now.fallback_admissions = 21;
    now.fallback_episodes = 1;
    CHECK_THAT(render_rate_counters(run, now),
               Catch::EndsWith("; budget shared through Redis (180 admissions, 21 in fallback while Redis was "
                               "unreachable (once))"));
    now.budget = talentray::budget_kind::fallback;
    CHECK_THAT(render_rate_counters(run, now), Catch::EndsWith("(once); in fallback at the end)"));
}

TEST_CASE("progress: each change of rate and burst, with its cause") {
    talentray::limit_change burst;
    burst.what = talentray::limit_change::quantity::burst;
    burst.at = 400ms;
    burst.from = 10;
    burst.to = 6;
    burst.cause = talentray::limit_cause::burst_refusal;
    CHECK(render_limit_change(burst) == "rate limit: at 0.4s, burst 10 -> 6 (429s inside a burst)");
    talentray::limit_change rate;
    rate.at = 31'300ms;
    rate.from = 1190;
    rate.to = 1790;
    rate.cause = talentray::limit_cause::clean_admissions;
    CHECK(render_limit_change(rate) ==
          "rate limit: at 31.3s, admission rate 1190/min -> 1790/min (requests accepted without 429s)");
}

TEST_CASE("progress: the list-changes line says what changed and what it cost, and is absent without changes") {
    talentray::pager_stats stats;
    CHECK_FALSE(render_list_changes(stats).has_value());
    stats.rows_added = 1200;
    stats.rows_removed = 5;
    stats.rows_repeated = 1;
    stats.reconcile_requests = 3;
    stats.reconcile_passes = 1;
    CHECK(render_list_changes(stats) ==
          "the list changed during the export: 1,200 rows added, 5 removed (seen in totalCount); 1 row received "
          "twice and written once; 3 extra requests, 1 step back");
}
