// The pure parts of `talentray bench`: the latency histogram, the rate argument, the open-loop
// schedule and the per-second series.
#include "bench/latency_histogram.hpp"
#include "bench/open_loop_schedule.hpp"
#include "bench/rate_argument.hpp"
#include "bench/time_series.hpp"
#include "usage_error.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace std::chrono_literals;
using namespace talentray::cli;
using namespace talentray::cli::bench;

TEST_CASE("bench histogram: values below the exact bound come back exactly") {
    latency_histogram h;
    for (std::uint64_t v = 1; v <= 1000; ++v) h.record_micros(v);
    CHECK(h.count() == 1000);
    CHECK(h.percentile_micros(0.5) == 500);
    CHECK(h.percentile_micros(0.9) == 900);
    CHECK(h.percentile_micros(0.99) == 990);
    CHECK(h.percentile_micros(0.999) == 999);
    CHECK(h.percentile_micros(1.0) == 1000);
    CHECK(h.min_micros() == 1);
}

TEST_CASE("bench histogram: above the bound every percentile is within the stated relative error") {
    std::mt19937_64 random{7};
    std::lognormal_distribution<double> spread{10.0, 1.5};  // median ~22 ms, a long tail
    std::vector<std::uint64_t> values;
    latency_histogram h;
    for (int i = 0; i < 20000; ++i) {
        const auto v = static_cast<std::uint64_t>(spread(random)) + 1;
        values.push_back(v);
        h.record_micros(v);
    }
    std::sort(values.begin(), values.end());
    for (double q : {0.5, 0.9, 0.99, 0.999}) {
        const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
        const double exact = static_cast<double>(values[rank - 1]);
        const double shown = static_cast<double>(h.percentile_micros(q));
        CHECK(std::abs(shown - exact) <= exact * latency_histogram::relative_error + 0.5);
    }
    CHECK(h.percentile_micros(1.0) == values.back());
}

TEST_CASE("bench histogram: buckets tile the values without gaps, each no wider than 1/512 of its start") {
    for (std::size_t i = 1; i < bucket_index(std::uint64_t{1} << 39); ++i) {
        REQUIRE(bucket_lower(i) == bucket_lower(i - 1) + bucket_width(i - 1));
        REQUIRE(bucket_width(i) * 512 <= std::max<std::uint64_t>(bucket_lower(i), 512));
    }
    for (std::uint64_t v : {0ull, 1023ull, 1024ull, 1025ull, 123456ull, 987654321ull}) {
        const std::size_t i = bucket_index(v);
        CHECK(bucket_lower(i) <= v);
        CHECK(v < bucket_lower(i) + bucket_width(i));
    }
}

TEST_CASE("bench histogram: merging gives the histogram of all the values") {
    latency_histogram a, b, both;
    for (std::uint64_t v = 0; v < 5000; v += 3) {
        (v % 2 ? a : b).record_micros(v * 37);
        both.record_micros(v * 37);
    }
    a.merge(b);
    CHECK(a.count() == both.count());
    CHECK(a.min_micros() == both.min_micros());
    CHECK(a.max_micros() == both.max_micros());
    for (double q : {0.0, 0.5, 0.9, 0.99, 0.999, 1.0}) CHECK(a.percentile_micros(q) == both.percentile_micros(q));
}

TEST_CASE("bench histogram: empty reads 0, huge values are capped, negative latencies count as 0") {
    latency_histogram h;
    CHECK(h.percentile_micros(0.5) == 0);
    CHECK(h.max_micros() == 0);
    h.record(-5ms);
    h.record_micros(~std::uint64_t{0});
    CHECK(h.min_micros() == 0);
    CHECK(h.max_micros() == latency_histogram::largest_micros);
}

TEST_CASE("bench rate: absolute rates in three units and shares of the limit") {
    CHECK(parse_rate_argument("8/s", "--rate").per_second == 8);
    CHECK(parse_rate_argument("480/min", "--rate").per_second == 8);
    CHECK(parse_rate_argument("3600/h", "--rate").per_second == 1);
    CHECK(parse_rate_argument("0.5/s", "--rate").per_second == 0.5);
    const rate_argument share = parse_rate_argument("80%", "--rate");
    CHECK(share.is_share());
    CHECK(resolve(share, 600, 60s) == Approx(8.0));
    CHECK(resolve(parse_rate_argument("8/s", "--rate"), 600, 60s) == 8);
}

TEST_CASE("bench rate: bad rates are refused with the option, the text and the reason") {
    const auto message = [](std::string_view text) {
        try {
            parse_rate_argument(text, "--rate");
        } catch (const usage_error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(message("8") == "--rate: '8' has no unit; give a rate such as 8/s, 480/min or 3000/h, or a share of "
                          "the key's limit such as 80%");
    CHECK_THAT(message("8/day"), Catch::Contains("unknown unit 'day'"));
    CHECK_THAT(message("0/s"), Catch::Contains("is not positive"));
    CHECK_THAT(message("-3%"), Catch::Contains("is not positive"));
    CHECK_THAT(message("fast/s"), Catch::Contains("does not start with a number"));
    CHECK_THAT(message("2000%"), Catch::Contains("more than 1000%"));
    CHECK_THAT(message("%"), Catch::Contains("'%'"));
}

TEST_CASE("bench schedule: send times follow the rate from the start, whatever happens meanwhile") {
    const auto start = open_loop_schedule::clock::time_point{} + 100s;
    const open_loop_schedule schedule{8.0, start, 2min};
    CHECK(schedule.count() == 960);
    CHECK(schedule.due(0) == start);
    CHECK(schedule.due(1) == start + 125ms);
    CHECK(schedule.due(959) == start + 119875ms);
    // Computed from the start each time: no drift after many intervals of a rate like 3/s.
    const open_loop_schedule thirds{3.0, start, 1h};
    CHECK(thirds.count() == 10800);
    CHECK(std::chrono::abs(thirds.due(10799) - (start + 3599s + 666666667ns)) < 1us);
    CHECK(open_loop_schedule(7.0, start, 1s).count() == 7);
    CHECK(open_loop_schedule(7.0, start, 0s).count() == 0);
    CHECK_THROWS_AS(open_loop_schedule(0.0, start, 1s), std::invalid_argument);
}

TEST_CASE("bench series: counters become per-second differences, latencies land in their second") {
    const auto start = time_series::clock::time_point{} + 10s;
    time_series series{start};
    series.record_counters(start + 900ms, {5, 5, 0, 0});
    series.record_counters(start + 1900ms, {12, 14, 2, 2});
    series.record_counters(start + 3100ms, {20, 22, 2, 2});
    series.record_completion(start + 1500ms, 40ms, true);
    series.record_completion(start + 1600ms, 80ms, false);
    const auto& seconds = series.seconds();
    REQUIRE(seconds.size() == 4);
    CHECK(seconds[0].counted.admitted == 5);
    CHECK(seconds[1].counted.requests == 9);
    CHECK(seconds[1].counted.rate_limited == 2);
    CHECK(seconds[1].counted.retries == 2);
    CHECK(seconds[1].completed == 1);
    CHECK(seconds[1].failed == 1);
    CHECK(seconds[1].latency.max_micros() == 80000);
    CHECK(seconds[2].counted.requests == 0);
    CHECK(seconds[3].counted.admitted == 8);
    CHECK(series.totals().requests == 22);
}
