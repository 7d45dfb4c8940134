#include "probe_command.hpp"

#include "bench_client.hpp"
#include "bucket_search.hpp"
#include "probe_findings.hpp"
#include "window_search.hpp"

#include "../console.hpp"
#include "../durable_file.hpp"
#include "../json_output.hpp"

#include <talentray/client.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace talentray::cli::bench {
namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;
using namespace asio::experimental::awaitable_operators;

using outcome_log = std::vector<bucket_search::outcome>;

struct burst_state {
    std::uint64_t max_requests = 0;
    outcome_log* log = nullptr;
    std::vector<clock::time_point> accepted;
    std::optional<clock::time_point> refused_at;
    std::optional<std::chrono::seconds> retry_after;
    std::optional<error_info> failure;  // anything but a 429 stops the probe
};

request_spec probe_request_spec() {
    request_spec request;
    request.path = "/api/v1/me";
    return request;
}

void note_headers(probe_findings& f, const response& res) {
    if (const std::string_view policy = res.header("RateLimit-Policy"); !policy.empty()) {
        f.advertised_limit = policy_parameter(policy, "q");
        if (const auto w = policy_parameter(policy, "w")) f.advertised_window = static_cast<double>(*w);
    } else if (const std::string_view limit = res.header("X-RateLimit-Limit"); !limit.empty()) {
        f.advertised_limit = policy_parameter(limit, "");
    }
}

/// One probe request and what came of it.
struct probe_outcome {
    clock::time_point sent;
    result<response> received;

    bool accepted() const noexcept { return received.has_value(); }
    bool rate_limited() const noexcept { return !received && received.error().diag.http_status == 429; }
};

/// Sends one probe request, counted in `f` (and a 429 as rate limited). Returns any outcome,
/// failures included; throws only `std::bad_alloc`.
asio::awaitable<probe_outcome> probe_once(const talentray::client& c, probe_findings& f) {
    ++f.requests;
    const auto sent = clock::now();
    // Awaited into its own variable: g++ 12 destroys a co_await's result twice when the await
    // sits inside a braced initializer.
    result<response> received = co_await c.try_send(probe_request_spec());
    probe_outcome out{sent, std::move(received)};
    if (out.rate_limited()) ++f.rate_limited;
    co_return out;
}

/// As `probe_once`, for the probe's later stages, where only a 2xx or a 429 can be read:
/// anything else ends the probe. Throws `talentray::error` with that failure.
asio::awaitable<probe_outcome> probe_accepted_or_limited(const talentray::client& c, probe_findings& f) {
    probe_outcome out = co_await probe_once(c, f);
    if (!out.accepted() && !out.rate_limited()) throw talentray::error(out.received.error());
    co_return out;
}

asio::awaitable<void> burst_worker(const talentray::client& c, burst_state& st, probe_findings& f) {
    while (!st.refused_at && !st.failure && f.requests < st.max_requests) {
        const probe_outcome out = co_await probe_once(c, f);
        if (out.accepted()) {
            st.log->push_back({out.sent, true});
            st.accepted.push_back(out.sent);
            note_headers(f, *out.received);
        } else if (out.rate_limited()) {
            st.log->push_back({out.sent, false});
            if (!st.refused_at || out.sent < *st.refused_at) {
                st.refused_at = out.sent;
                st.retry_after = out.received.error().diag.retry_after;
            }
        } else {
            st.failure = out.received.error();
        }
    }
}

// The opening burst again, right after the window search's first acceptance and never faster
// than it went: request j leaves no earlier than j + 1 requests of the burst took. A sliding log
// frees its slots at that pace and a fixed window all at once, so both admit it all.
struct replay_state {
    clock::time_point start;
    std::vector<clock::time_point> burst;  // the opening burst's accepted requests, sorted
    std::size_t next = 0;
    std::size_t admitted = 0;
    bool refused = false;
    std::uint64_t max_requests = 0;
    outcome_log* log = nullptr;
};

asio::awaitable<void> replay_worker(const talentray::client& c, replay_state& st, probe_findings& f) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    while (!st.refused && st.next + 1 < st.burst.size() && f.requests < st.max_requests) {
        const std::size_t j = st.next++;
        timer.expires_at(replay_send_time(st.start, st.burst, j));
        co_await timer.async_wait(asio::use_awaitable);
        if (st.refused) break;
        const probe_outcome out = co_await probe_accepted_or_limited(c, f);
        st.log->push_back({out.sent, out.accepted()});
        if (out.accepted())
            ++st.admitted;
        else
            st.refused = true;
    }
}

// One request at a time until a 429, so that a drain costs one. Returns whether one came; a
// bucket refilling faster than that empties gives up after `cap` admissions.
asio::awaitable<bool> drain(const talentray::client& c, bucket_search& search, probe_findings& f,
                            std::uint64_t max_requests, std::uint64_t cap) {
    for (std::uint64_t admitted = 0; admitted < cap && f.requests < max_requests; ++admitted) {
        const probe_outcome out = co_await probe_accepted_or_limited(c, f);
        search.on_response(out.sent, out.accepted());
        if (!out.accepted()) co_return true;
    }
    co_return false;
}

asio::awaitable<void> measure_bucket(const talentray::client& c, outcome_log log, probe_findings& f,
                                     std::uint64_t max_requests, session s) {
    bucket_search search{std::move(log)};
    asio::steady_timer timer{co_await asio::this_coro::executor};
    while (!search.done()) {
        const auto wait = search.next_wait();
        timer.expires_after(wait);
        co_await timer.async_wait(asio::use_awaitable);
        // Twice what the bucket can refill while a drain runs is more than a drain that empties it
        // takes; beyond that, the bucket refills faster than one request at a time can use.
        const double expected = search.rate_high() * std::chrono::duration<double>(wait).count() + search.burst();
        const bool refused =
            co_await drain(c, search, f, max_requests, 4 * static_cast<std::uint64_t>(expected) + 20);
        search.on_drain_end(refused);
        if (s.verbose) {
            char line[200];
            std::snprintf(line, sizeof line,
                          "talentray: probe: drain after %.3f s; %llu admitted in %.3f s between 429s: %.2f/s "
                          "(%.2f to %.2f)",
                          std::chrono::duration<double>(wait).count(),
                          static_cast<unsigned long long>(search.admitted_between()), search.seconds_between(),
                          search.rate(), search.rate_low(), search.rate_high());
            s.err->write_line(line);
        }
    }
    f.shape = quota_shape::bucket;
    f.bucket_burst = search.burst();
    f.bucket_rate = search.rate();
    f.bucket_rate_low = search.rate_low();
    f.bucket_rate_high = search.rate_high();
    f.bucket_admissions = search.admitted_between();
    f.bucket_seconds = search.seconds_between();
}

}  // namespace

asio::awaitable<void> probe_key(session s, client_options options, probe_request request) {
    const auto executor = co_await asio::this_coro::executor;
    const talentray::client c{executor, raw_options(std::move(options))};
    probe_findings f;
    outcome_log log;
    burst_state st;
    st.max_requests = request.max_requests;
    st.log = &log;
    // Two at a time: a sliding window of a minute cannot be filled one round trip at a time, and
    // at most one request beyond the limit is in flight when the first 429 arrives.
    co_await (burst_worker(c, st, f) && burst_worker(c, st, f));
    if (st.failure) throw talentray::error(*st.failure);

    f.refused = st.refused_at.has_value();
    f.limit = st.accepted.size();
    f.refused_at_once = f.refused && st.accepted.empty();
    if (f.refused && !st.accepted.empty()) {
        window_search search{st.accepted, *st.refused_at, st.retry_after};
        if (s.verbose) {
            char line[200];
            std::snprintf(line, sizeof line,
                          "talentray: probe: %zu accepted, then a 429 with Retry-After %llds; the window is between "
                          "%.3f and %.3f s",
                          st.accepted.size(), static_cast<long long>(st.retry_after.value_or(std::chrono::seconds{0}).count()),
                          search.low_seconds(), search.high_seconds());
            s.err->write_line(line);
        }
        asio::steady_timer timer{executor};
        while (!search.done()) {
            timer.expires_at(search.next_probe());
            co_await timer.async_wait(asio::use_awaitable);
            const probe_outcome out = co_await probe_accepted_or_limited(c, f);
            log.push_back({out.sent, out.accepted()});
            search.on_response(out.sent, out.accepted(),
                               out.accepted() ? std::nullopt : out.received.error().diag.retry_after);
            if (s.verbose) {
                char line[160];
                std::snprintf(line, sizeof line, "talentray: probe: %s; the window is between %.3f and %.3f s",
                              out.accepted() ? "accepted" : "429", search.low_seconds(), search.high_seconds());
                s.err->write_line(line);
            }
        }
        f.window_low = search.low_seconds();
        f.window_high = search.high_seconds();
        f.window_probes = search.probes();

        // Whether the quota came back whole (a window) or gradually (a bucket).
        if (search.crossed()) {
            replay_state replay;
            replay.start = clock::now();
            replay.burst = st.accepted;
            std::sort(replay.burst.begin(), replay.burst.end());
            replay.max_requests = request.max_requests;
            replay.log = &log;
            co_await (replay_worker(c, replay, f) && replay_worker(c, replay, f));
            const std::size_t asked = replay.burst.size() - 1;
            if (s.verbose) {
                char line[160];
                std::snprintf(line, sizeof line, "talentray: probe: the burst again: %zu of %zu admitted%s",
                              replay.admitted, asked, replay.refused ? ", then a 429" : "");
                s.err->write_line(line);
            }
            if (!quota_came_back_whole(replay.admitted, asked, replay.refused) && replay.refused)
                co_await measure_bucket(c, log, f, request.max_requests, s);
        }
    }
    *s.out << render_probe(f);
    s.out->flush();
    if (request.json_file) write_file_atomically(*request.json_file, pretty_json(probe_json(f)));
}

}  // namespace talentray::cli::bench
