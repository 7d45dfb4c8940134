#include "probe_command.hpp"

#include "bench_client.hpp"
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

#include <cstdio>
#include <ostream>

namespace talentray::cli::bench {
namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;
using namespace asio::experimental::awaitable_operators;

struct burst_state {
    std::uint64_t max_requests = 0;
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

void note_headers(probe_findings& f, const response& answer) {
    if (const std::string_view policy = answer.header("RateLimit-Policy"); !policy.empty()) {
        f.advertised_limit = policy_parameter(policy, "q");
        if (const auto w = policy_parameter(policy, "w")) f.advertised_window = static_cast<double>(*w);
    } else if (const std::string_view limit = answer.header("X-RateLimit-Limit"); !limit.empty()) {
        f.advertised_limit = policy_parameter(limit, "");
    }
}

bool is_rate_limited(const error_info& e) { return e.diag.http_status == 429; }

asio::awaitable<void> burst_worker(const talentray::client& c, burst_state& st, probe_findings& f) {
    while (!st.refused_at && !st.failure && f.requests < st.max_requests) {
        ++f.requests;
        const auto sent = clock::now();
        const result<response> answer = co_await c.try_send(probe_request_spec());
        if (answer) {
            st.accepted.push_back(sent);
            note_headers(f, *answer);
        } else if (is_rate_limited(answer.error())) {
            ++f.rate_limited;
            if (!st.refused_at || sent < *st.refused_at) {
                st.refused_at = sent;
                st.retry_after = answer.error().diag.retry_after;
            }
        } else {
            st.failure = answer.error();
        }
    }
}

}  // namespace

asio::awaitable<void> probe_key(session s, client_options options, probe_request request) {
    const auto executor = co_await asio::this_coro::executor;
    const talentray::client c{executor, raw_options(std::move(options))};
    probe_findings f;
    burst_state st;
    st.max_requests = request.max_requests;
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
            ++f.requests;
            const auto sent = clock::now();
            const result<response> answer = co_await c.try_send(probe_request_spec());
            if (!answer && !is_rate_limited(answer.error())) throw talentray::error(answer.error());
            if (!answer) ++f.rate_limited;
            search.on_answer(sent, answer.has_value(), answer ? std::nullopt : answer.error().diag.retry_after);
            if (s.verbose) {
                char line[160];
                std::snprintf(line, sizeof line, "talentray: probe: %s; the window is between %.3f and %.3f s",
                              answer ? "accepted" : "429", search.low_seconds(), search.high_seconds());
                s.err->write_line(line);
            }
        }
        f.window_low = search.low_seconds();
        f.window_high = search.high_seconds();
        f.window_probes = search.probes();
    }
    *s.out << render_probe(f);
    s.out->flush();
    if (request.json_file) write_file_atomically(*request.json_file, pretty_json(probe_json(f)));
}

}  // namespace talentray::cli::bench
