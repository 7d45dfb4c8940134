// The admission controller against the mock's limiter in every shape (sliding log, fixed
// windows, token bucket with a small burst), in virtual time: told the server's rate, half of
// it or twice it, the budget reaches what the server allows with few 429s.
#include "simulated_workload.hpp"

#include "rate_limiter.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <sstream>

using namespace std::chrono_literals;
namespace d = talentray::detail;
namespace tr = talentray;
namespace mock = talentray::mock;

namespace {

using talentray::testing::t0;

struct outcome {
    std::size_t accepted = 0;
    std::size_t refused = 0;
    std::size_t refused_after_first_second = 0;
    tr::scheduler_counters counters;

    std::string describe() const {
        std::ostringstream out;
        out << "accepted " << accepted << ", refused " << refused << " (" << refused_after_first_second
            << " after the first second); rate " << counters.current_rate_per_minute << "/min ("
            << tr::to_string(counters.rate_cause) << "), burst " << counters.burst << " ("
            << tr::to_string(counters.burst_cause) << ")";
        return out.str();
    }
};

/// `clients` bulk loops (an export's parallel window) against `limit` for `length` of virtual
/// time, each request taking `latency`.
outcome run(const tr::scheduler_options& options, const mock::rate_limit& limit, d::duration length,
            int clients = 8, d::duration latency = 20ms) {
    auto server = std::make_shared<mock::detail::rate_limiter>(limit);
    const tr::testing::server_model model = [server](d::time_point arrival) {
        const auto verdict = server->admit("key", arrival);
        if (verdict.admitted) return tr::testing::server_verdict{200, std::nullopt};
        return tr::testing::server_verdict{429, verdict.retry_after};
    };
    tr::testing::simulated_workload workload{options, model, clients, [latency](d::time_point) { return latency; }, t0};
    workload.run_until(t0 + length);
    outcome out;
    out.accepted = workload.accepted();
    out.refused = workload.refused();
    out.refused_after_first_second = workload.refused_since(t0 + 1s);
    out.counters = workload.counters();
    return out;
}

tr::scheduler_options told(std::uint32_t per_minute) {
    tr::scheduler_options o;
    o.requests_per_window = per_minute;
    o.window = 60s;
    return o;
}

mock::rate_limit server_limit(mock::limit_shape shape) {
    mock::rate_limit limit;
    limit.requests = 1200;
    limit.window = 60s;
    limit.shape = shape;
    limit.burst = 5;  // the bucket only: 20 per second, 5 at once
    return limit;
}

}  // namespace

TEST_CASE("against every limiter shape, told the server's rate, half of it or twice it") {
    const auto shape = GENERATE(mock::limit_shape::sliding, mock::limit_shape::fixed, mock::limit_shape::bucket);
    const mock::rate_limit limit = server_limit(shape);
    const double server_per_second = 20;
    constexpr auto length = 180s;
    const double seconds = 180;
    INFO("server shape " << (shape == mock::limit_shape::sliding ? "sliding"
                              : shape == mock::limit_shape::fixed ? "fixed"
                                                                  : "bucket"));

    SECTION("told the server's own rate: at least 95 % of it, at most 3 429s per 100 requests") {
        const outcome o = run(told(1200), limit, length);
        INFO(o.describe());
        CHECK(double(o.accepted) >= 0.95 * server_per_second * seconds);
        CHECK(o.refused * 100 <= 3 * (o.accepted + o.refused));
    }
    SECTION("told half of it: at least 97 % of the told rate, and no 429 after the first second") {
        const outcome o = run(told(600), limit, length);
        INFO(o.describe());
        CHECK(double(o.accepted) >= 0.97 * 10 * seconds);
        CHECK(o.refused_after_first_second == 0);
        CHECK(o.counters.rate_decreases == 0);
    }
    SECTION("told twice: at least 90 % of the server's rate, at most 3 429s per 100 requests") {
        const outcome o = run(told(2400), limit, length);
        INFO(o.describe());
        CHECK(double(o.accepted) >= 0.90 * server_per_second * seconds);
        CHECK(o.refused * 100 <= 3 * (o.accepted + o.refused));
        CHECK(o.counters.rate_cause != tr::limit_cause::configured);
    }
}

TEST_CASE("a bucket that takes one request at a time teaches a burst of one, not a lower rate") {
    mock::rate_limit limit = server_limit(mock::limit_shape::bucket);
    limit.burst = 1;
    const outcome o = run(told(600), limit, 60s);
    INFO(o.describe());
    CHECK(o.counters.burst == 1);
    CHECK(o.counters.burst_cause == tr::limit_cause::burst_refusal);
    CHECK(o.counters.rate_decreases == 0);
    CHECK(o.refused_after_first_second == 0);
    CHECK(double(o.accepted) >= 0.97 * 10 * 60);
}

TEST_CASE("a configured burst deeper than the server's is cut back after one refused burst") {
    tr::scheduler_options options = told(1200);
    options.burst = 10;
    const outcome o = run(options, server_limit(mock::limit_shape::bucket), 60s, 16);
    INFO(o.describe());
    CHECK(o.counters.burst <= 5);
    CHECK(o.counters.burst_decreases >= 1);
    CHECK(o.counters.rate_decreases == 0);
    CHECK(o.refused_after_first_second == 0);
}
