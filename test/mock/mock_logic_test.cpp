// The mock's pure logic, without sockets: admission of every limit shape in virtual time, fault
// choice, option parsing, timestamps, request field rules and the generated data.
#include "api_state.hpp"
#include "fault_plan.hpp"
#include "rate_limiter.hpp"
#include "request_fields.hpp"
#include "timestamps.hpp"

#include <talentray/mock/options.hpp>

#include <catch2/catch.hpp>

#include <boost/url/parse.hpp>

#include <cmath>

namespace mock = talentray::mock;
using namespace talentray::mock::detail;
using namespace std::chrono_literals;

namespace {

const rate_limiter::time_point t0{std::chrono::hours{1000}};

std::string rate_limit_error(std::string_view text) {
    try {
        mock::parse_rate_limit(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("sliding window: N admissions per window, Retry-After until the oldest leaves") {
    rate_limiter limiter{{5, 2000ms}};
    for (int i = 0; i < 5; ++i) {
        const auto decision = limiter.admit("k", t0 + std::chrono::milliseconds{100 * i});
        CHECK(decision.admitted);
        CHECK(decision.remaining == static_cast<std::size_t>(4 - i));
    }
    auto rejected = limiter.admit("k", t0 + 500ms);
    CHECK_FALSE(rejected.admitted);
    CHECK(rejected.retry_after == 2s);  // the admission at t0 leaves at t0+2000: 1500 ms, rounded up
    CHECK(limiter.admit("k", t0 + 1999ms).retry_after == 1s);
    CHECK(limiter.admit("k", t0 + 2000ms).admitted);  // t0 left exactly now
    rejected = limiter.admit("k", t0 + 2001ms);
    CHECK_FALSE(rejected.admitted);
    CHECK(rejected.retry_after == 1s);  // t0+100 leaves at t0+2100: 99 ms, rounded up
    CHECK(limiter.admit("k", t0 + 2100ms).admitted);
}

TEST_CASE("sliding window: exact admission count over a long burst") {
    rate_limiter limiter{{10, 1000ms}};
    std::size_t admitted = 0;
    // 1 request per 10 ms for 3 s: every 1 s window admits exactly 10.
    for (int i = 0; i < 300; ++i) admitted += limiter.admit("k", t0 + std::chrono::milliseconds{10 * i}).admitted ? 1 : 0;
    CHECK(admitted == 30);
}

TEST_CASE("sliding window: keys are independent; unlimited admits everything; reset forgets") {
    rate_limiter limiter{{1, 60'000ms}};
    CHECK(limiter.admit("a", t0).admitted);
    CHECK_FALSE(limiter.admit("a", t0).admitted);
    CHECK(limiter.admit("b", t0).admitted);
    CHECK(limiter.admit("a", t0 + 1ms).retry_after == 60s);
    limiter.reset({0, 60'000ms});
    for (int i = 0; i < 1000; ++i) CHECK(limiter.admit("a", t0).admitted);
    limiter.reset({1, 1000ms});
    CHECK(limiter.admit("a", t0).admitted);
    CHECK(limiter.admit("a", t0).reset == 1s);
}

TEST_CASE("fixed window: N per aligned window, a refusal waits for the next window") {
    rate_limiter limiter{{.requests = 3, .window = 2000ms, .shape = mock::limit_shape::fixed}};
    // The first request starts window 0 at t0; windows are [t0, t0+2s), [t0+2s, t0+4s), ...
    for (int i = 0; i < 3; ++i) CHECK(limiter.admit("k", t0 + std::chrono::milliseconds{500 * i}).admitted);
    auto refused = limiter.admit("k", t0 + 1200ms);
    CHECK_FALSE(refused.admitted);
    CHECK(refused.remaining == 0);
    CHECK(refused.retry_after == 1s);  // 800 ms to the boundary, rounded up
    // A new window admits three at once, right after the last three of the previous one: 6 in
    // 1.2 s, which a sliding window would refuse.
    for (int i = 0; i < 3; ++i) CHECK(limiter.admit("k", t0 + 2000ms).admitted);
    CHECK_FALSE(limiter.admit("k", t0 + 2000ms).admitted);
    // Another key's window is aligned the same way but counted apart.
    auto other = limiter.admit("j", t0 + 3500ms);
    CHECK(other.admitted);
    CHECK(other.remaining == 2);
    CHECK(other.reset == 1s);  // its window ends at t0+4s
}

TEST_CASE("fixed window: exact admission count over a long steady stream") {
    rate_limiter limiter{{.requests = 10, .window = 1000ms, .shape = mock::limit_shape::fixed}};
    std::size_t admitted = 0;
    for (int i = 0; i < 300; ++i) admitted += limiter.admit("k", t0 + std::chrono::milliseconds{10 * i}).admitted ? 1 : 0;
    CHECK(admitted == 30);
}

TEST_CASE("token bucket: a burst back to back, then one per window / N, Retry-After until a token") {
    // 1200 per 60 s is 20 per second, one every 50 ms; a bucket of 5.
    rate_limiter limiter{{.requests = 1200, .window = 60'000ms, .shape = mock::limit_shape::bucket, .burst = 5}};
    for (int i = 0; i < 5; ++i) CHECK(limiter.admit("k", t0).admitted);
    auto refused = limiter.admit("k", t0);
    CHECK_FALSE(refused.admitted);
    CHECK(refused.retry_after == 1s);  // 50 ms to a token, but Retry-After is whole seconds
    CHECK(refused.remaining == 0);
    CHECK_FALSE(limiter.admit("k", t0 + 49ms).admitted);
    CHECK(limiter.admit("k", t0 + 50ms).admitted);
    // Refilled at 20/s up to 5: after a second's rest, five again and no more.
    int after_rest = 0;
    while (limiter.admit("k", t0 + 1050ms).admitted) ++after_rest;
    CHECK(after_rest == 5);
}

TEST_CASE("token bucket: a steady stream at the rate is never refused, above it exactly the rate passes") {
    rate_limiter at_rate{{.requests = 20, .window = 1000ms, .shape = mock::limit_shape::bucket, .burst = 1}};
    for (int i = 0; i < 200; ++i) CHECK(at_rate.admit("k", t0 + std::chrono::milliseconds{50 * i}).admitted);

    rate_limiter above{{.requests = 20, .window = 1000ms, .shape = mock::limit_shape::bucket, .burst = 5}};
    std::size_t admitted = 0;
    // One request every 10 ms for 3 s: the burst of 5, then 20 per second.
    for (int i = 0; i < 300; ++i) admitted += above.admit("k", t0 + std::chrono::milliseconds{10 * i}).admitted ? 1 : 0;
    CHECK(admitted == 5 + 59);  // refills at 50, 100, ..., 2950 ms
}

TEST_CASE("token bucket: a slow refill asks for the seconds until one token, rounded up") {
    rate_limiter limiter{{.requests = 6, .window = 60'000ms, .shape = mock::limit_shape::bucket, .burst = 2}};
    CHECK(limiter.admit("k", t0).admitted);
    CHECK(limiter.admit("k", t0).admitted);
    auto refused = limiter.admit("k", t0 + 1500ms);
    CHECK_FALSE(refused.admitted);
    CHECK(refused.retry_after == 9s);  // one token every 10 s; 1.5 s of it has passed
    CHECK(refused.reset == 19s);       // 18.5 s until both tokens are back, rounded up
    CHECK(limiter.admit("k", t0 + 10'000ms).admitted);
}

TEST_CASE("limit shapes: names parse both ways; an unknown one is refused by name") {
    for (const auto shape : {mock::limit_shape::sliding, mock::limit_shape::fixed, mock::limit_shape::bucket})
        CHECK(mock::parse_limit_shape(mock::to_string(shape)) == shape);
    CHECK_THROWS_WITH(mock::parse_limit_shape("leaky"), Catch::Contains("'leaky' is unknown"));
    mock::server_options options;
    options.limit.shape = mock::limit_shape::bucket;
    options.limit.burst = 0;
    CHECK_THROWS_WITH(mock::validate(options), Catch::Contains("limit.burst"));
}

TEST_CASE("fault choice: deterministic, proportional, intervals in documented order") {
    mock::fault_options none;
    mock::fault_options all_errors;
    all_errors.server_error_rate = 1;
    mock::fault_options all_truncated;
    all_truncated.truncate_body_rate = 1;
    mock::fault_options mixed;
    mixed.server_error_rate = 0.1;
    mixed.drop_before_header_rate = 0.2;
    mixed.drop_after_header_rate = 0.3;
    mixed.truncate_body_rate = 0.1;
    std::map<fault_kind, int> counts;
    for (std::uint64_t n = 0; n < 20'000; ++n) {
        CHECK(choose_fault(1, n, none) == fault_kind::none);
        CHECK(choose_fault(1, n, all_errors) == fault_kind::server_error);
        CHECK(choose_fault(1, n, all_truncated) == fault_kind::truncate_body);
        CHECK(choose_fault(9, n, mixed) == choose_fault(9, n, mixed));
        ++counts[choose_fault(9, n, mixed)];
    }
    CHECK(std::abs(counts[fault_kind::server_error] - 2000) < 300);
    CHECK(std::abs(counts[fault_kind::drop_before_header] - 4000) < 400);
    CHECK(std::abs(counts[fault_kind::drop_after_header] - 6000) < 500);
    CHECK(std::abs(counts[fault_kind::truncate_body] - 2000) < 300);
    CHECK(std::abs(counts[fault_kind::none] - 6000) < 500);
}

TEST_CASE("parse_rate_limit: N/DURATION forms and 0") {
    CHECK(mock::parse_rate_limit("600/60s").requests == 600);
    CHECK(mock::parse_rate_limit("600/60s").window == 60'000ms);
    CHECK(mock::parse_rate_limit("5/1s").window == 1000ms);
    CHECK(mock::parse_rate_limit("100/500ms").window == 500ms);
    CHECK(mock::parse_rate_limit("10/2m").window == 120'000ms);
    CHECK(mock::parse_rate_limit("1/1h").window == 3'600'000ms);
    CHECK(mock::parse_rate_limit("0").requests == 0);
    for (const std::string bad : {"", "5", "5/", "/1s", "0/1s", "5/0s", "5/1x", "-1/1s", "5/1.5s", "5/s", "x/1s", "5/2d"}) {
        INFO(bad);
        CHECK_THAT(rate_limit_error(bad), Catch::Contains("rate limit '" + bad + "'"));
    }
}

TEST_CASE("option validation names the option") {
    auto problem = [](mock::server_options options) -> std::string {
        try {
            mock::validate(options);
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "valid";
    };
    mock::server_options options;
    CHECK(problem(options) == "valid");
    options.faults.drop_after_header_rate = 1.5;
    CHECK_THAT(problem(options), Catch::Contains("faults.drop_after_header_rate"));
    options.faults.drop_after_header_rate = std::nan("");
    CHECK_THAT(problem(options), Catch::Contains("faults.drop_after_header_rate"));
    options.faults = {};
    options.faults.server_error_rate = 0.5;
    options.faults.drop_before_header_rate = 0.6;
    CHECK_THAT(problem(options), Catch::Contains("add up to"));
    options.faults = {};
    options.threads = 0;
    CHECK_THAT(problem(options), Catch::Contains("threads"));
    options.threads = 1;
    options.tls_certificate_pem = "x";
    CHECK_THAT(problem(options), Catch::Contains("tls_private_key_pem"));
    options.tls_certificate_pem.clear();
    options.limit = {10, 0ms};
    CHECK_THAT(problem(options), Catch::Contains("limit.window"));
}

TEST_CASE("timestamps: formats and parses the API's ISO 8601 forms") {
    const timestamp t = make_timestamp(2026, 6, 4, 15, 30, 45) + 123ms;
    CHECK(format_seconds(t) == "2026-06-04T15:30:45Z");
    CHECK(format_milliseconds(t) == "2026-06-04T15:30:45.123Z");
    CHECK(parse_timestamp("2026-06-04T15:30:45.123Z") == t);
    CHECK(parse_timestamp("2026-06-04T15:30:45Z") == t - 123ms);
    CHECK(parse_timestamp("2026-06-04T17:30:45.123456+02:00") == t);
    CHECK(parse_timestamp("2026-06-04T14:00:45.1-01:30") == t - 23ms);
    for (const char* bad : {"2026-06-04T15:30:45", "2026-02-30T00:00:00Z", "2026-06-04 15:30:45Z", "2026-06-04T24:00:00Z",
                            "2026-06-04T15:30:45.Z", "yesterday", "", "2026-06-04T15:30:45Zjunk"})
        CHECK_FALSE(parse_timestamp(bad));
}

TEST_CASE("request fields: page rules, filters, e-mail and phone checks") {
    auto page_of = [](std::string query, std::vector<std::string>& problems) {
        const std::string target = "/x?" + query;  // the url_view refers to it
        const auto url = boost::urls::parse_origin_form(target);
        REQUIRE(url);
        return read_page_request(query_params{url->params()}, problems);
    };
    std::vector<std::string> problems;
    CHECK(page_of("", problems)->page_size == 20);
    CHECK(page_of("pageSize=101", problems)->page_size == 100);
    CHECK(page_of("pageSize=0&page=3", problems)->page == 3);
    CHECK(problems.empty());
    CHECK_FALSE(page_of("page=-1&pageSize=x", problems));
    CHECK(problems == std::vector<std::string>{"page must be a non-negative integer", "pageSize must be a non-negative integer"});

    CHECK(is_valid_email("jane@example.com"));
    CHECK_FALSE(is_valid_email("jane@localhost"));
    CHECK_FALSE(is_valid_email("jane doe@example.com"));
    CHECK_FALSE(is_valid_email("@example.com"));
    CHECK(is_valid_phone("+905551112233"));
    CHECK(is_valid_phone("+1 (555) 010-0000"));
    CHECK_FALSE(is_valid_phone("12345"));
    CHECK_FALSE(is_valid_phone("call me"));
}

TEST_CASE("state: usage timestamps stay unique per key when requests share a millisecond") {
    mock::server_options options;
    options.seeded_usage_rows = 10;
    api_state state{options, make_timestamp(2026, 11, 1)};
    api_key_record* key = state.find_key("apikey_admin");
    REQUIRE(key != nullptr);
    const timestamp now = make_timestamp(2026, 11, 1, 12);
    for (int i = 0; i < 3; ++i) state.record_usage(*key, "GET", "/api/v1/me", std::nullopt, std::nullopt, now);
    REQUIRE(key->usage.size() == 3);
    CHECK(key->usage[0].at == now);
    CHECK(key->usage[1].at == now + 1ms);
    CHECK(key->usage[2].at == now + 2ms);
    CHECK(key->request_count == 3);
    CHECK(key->last_request == now + 2ms);
    CHECK(key->usage[0].sequence == 11);  // after the seeded rows
}

TEST_CASE("state: at 1 s resolution usage rows of one second share its whole-second timestamp") {
    mock::server_options options;
    options.seeded_usage_rows = 10;
    options.usage_timestamp_resolution = std::chrono::seconds{1};
    api_state state{options, make_timestamp(2026, 11, 1)};
    api_key_record* key = state.find_key("apikey_admin");
    REQUIRE(key != nullptr);
    const timestamp second = make_timestamp(2026, 11, 1, 12);
    for (auto offset : {0ms, 250ms, 999ms, 1000ms})
        state.record_usage(*key, "GET", "/api/v1/me", std::nullopt, std::nullopt, second + offset);
    REQUIRE(key->usage.size() == 4);
    CHECK(key->usage[0].at == second);
    CHECK(key->usage[1].at == second);
    CHECK(key->usage[2].at == second);
    CHECK(key->usage[3].at == second + 1s);
    // A clock stepping back never makes a row older than the newest one.
    state.record_usage(*key, "GET", "/api/v1/me", std::nullopt, std::nullopt, second);
    CHECK(key->usage[4].at == second + 1s);
}

TEST_CASE("state: seeded usage rows come in bursts within one second, tied at 1 s resolution") {
    for (const auto resolution : {std::chrono::milliseconds{1}, std::chrono::milliseconds{1000}}) {
        mock::server_options options;
        options.seeded_usage_rows = 300;
        options.usage_rows_per_second = 4;
        options.usage_timestamp_resolution = resolution;
        api_state state{options, make_timestamp(2026, 11, 1)};
        const api_key_record* key = state.find_key("apikey_employer");
        REQUIRE(key->usage.size() == 300);
        std::size_t ties = 0;
        for (std::size_t i = 1; i < key->usage.size(); ++i) {
            CHECK(key->usage[i - 1].at <= key->usage[i].at);
            ties += key->usage[i - 1].at == key->usage[i].at ? 1 : 0;
            // Rows of a burst fall in one second: at most 4 rows per second.
            if (i >= 4) CHECK(std::chrono::floor<std::chrono::seconds>(key->usage[i - 4].at) <
                              std::chrono::floor<std::chrono::seconds>(key->usage[i].at));
        }
        CAPTURE(resolution.count());
        if (resolution == std::chrono::milliseconds{1}) CHECK(ties == 0);
        else CHECK(ties > 100);
    }
}

TEST_CASE("state: the usage log keeps at most its capacity, dropping the oldest rows") {
    mock::server_options options;
    options.seeded_usage_rows = 10;
    options.usage_log_capacity = 12;
    api_state state{options, make_timestamp(2026, 11, 1)};
    api_key_record* key = state.find_key("apikey_employer");
    for (int i = 0; i < 5; ++i)
        state.record_usage(*key, "GET", "/api/v1/me", std::nullopt, std::nullopt, make_timestamp(2026, 11, 1, 12));
    CHECK(key->usage.size() == 12);
    CHECK(key->request_count == 15);
    CHECK(key->usage.front().sequence == 4);
}

TEST_CASE("candidates: generated from index and seed alone; ids parse strictly") {
    mock::server_options options;
    options.candidates = 50;
    api_state state{options, make_timestamp(2026, 11, 1)};
    const candidate_generator& generator = state.candidates();
    const candidate_record a = generator.record(17);
    const candidate_record b = generator.record(17);
    CHECK(a.full_name == b.full_name);
    CHECK(a.email == b.email);
    CHECK(a.links.size() == b.links.size());
    CHECK(a.id == "cand_17");
    CHECK(generator.index_of("cand_17") == 17);
    CHECK(generator.index_of("cand_50") == 50);
    CHECK(generator.index_of("cand_51") == 0);
    CHECK(generator.index_of("cand_017") == 0);
    CHECK(generator.index_of("cand_") == 0);
    CHECK(generator.index_of("cand_18446744073709551617") == 0);

    options.seed = 2;
    api_state other{options, make_timestamp(2026, 11, 1)};
    int differing = 0;
    for (std::uint32_t i = 1; i <= 50; ++i) differing += other.candidates().record(i).full_name != generator.record(i).full_name;
    CHECK(differing > 40);
}
