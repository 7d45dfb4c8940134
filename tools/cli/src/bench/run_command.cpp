#include "run_command.hpp"

#include "bench_client.hpp"
#include "open_loop_schedule.hpp"
#include "run_figures.hpp"

#include "../console.hpp"
#include "../durable_file.hpp"
#include "../exit_codes.hpp"
#include "../json_output.hpp"
#include "../progress.hpp"
#include "../usage_error.hpp"

#include <talentray/client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <random>

namespace talentray::cli::bench {
namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

constexpr int id_page_size = 100;

// What the calls of a run share. One thread runs the command's io_context: no locks.
struct run_state {
    run_state(asio::any_io_executor executor, client_options options, clock::time_point start)
        : client(executor, std::move(options)), series(start), done(executor, clock::time_point::max()),
          sampler(executor) {}

    talentray::client client;
    time_series series;
    run_figures figures;
    counter_totals baseline;
    std::uint64_t outstanding = 0;
    bool all_started = false;
    asio::steady_timer done;     // cancelled when the last call has ended
    asio::steady_timer sampler;  // the once-a-second counter reading
    bool sampling = true;
};

counter_totals totals_of(const client_counters& c) {
    return {c.scheduler.admitted, c.requests, c.scheduler.rate_limited_responses, c.scheduler.retries.total()};
}

counter_totals since(const counter_totals& now, const counter_totals& base) {
    return {now.admitted - base.admitted, now.requests - base.requests, now.rate_limited - base.rate_limited,
            now.retries - base.retries};
}

std::string live_line(const run_state& st, clock::time_point now, clock::time_point start, std::chrono::milliseconds planned) {
    const run_figures& f = st.figures;
    const counter_totals run = st.series.totals();
    char text[200];
    std::snprintf(text, sizeof text, "bench %.0fs/%.0fs  calls %llu  ok %llu  failed %llu  429s %llu  in flight %llu  p99 %.1f ms",
                  std::chrono::duration<double>(now - start).count(), std::chrono::duration<double>(planned).count(),
                  static_cast<unsigned long long>(f.calls), static_cast<unsigned long long>(f.succeeded),
                  static_cast<unsigned long long>(f.failed), static_cast<unsigned long long>(run.rate_limited),
                  static_cast<unsigned long long>(st.outstanding),
                  static_cast<double>(f.latency.percentile_micros(0.99)) / 1000.0);
    return text;
}

void read_counters(run_state& st, clock::time_point now) {
    st.series.record_counters(now, since(totals_of(st.client.counters()), st.baseline));
}

asio::awaitable<void> sample_every_second(std::shared_ptr<run_state> st, console* err, clock::time_point start,
                                          std::chrono::milliseconds planned) {
    for (std::int64_t second = 1; st->sampling; ++second) {
        // Just before each second ends, so each reading lands in the second it covers.
        st->sampler.expires_at(start + std::chrono::seconds{second} - std::chrono::milliseconds{5});
        co_await st->sampler.async_wait(asio::as_tuple(asio::use_awaitable));
        if (!st->sampling) break;
        const auto now = clock::now();
        read_counters(*st, now);
        if (err->is_terminal()) {
            std::string line = live_line(*st, now, start, planned);
            if (line.size() >= err->width()) line.resize(err->width() - 1);
            err->show_transient(line);
        }
    }
}

asio::awaitable<void> one_call(std::shared_ptr<run_state> st, request_spec request, clock::time_point due) {
    const std::optional<talentray::operation> op = request.operation;
    const http_method method = request.method;
    const result<response> received = co_await st->client.try_send(std::move(request));
    if (received && op) {
        if (method == http_method::post) ++st->figures.created;
        else if (method == http_method::delete_) ++st->figures.deleted;
        else if (method != http_method::get) ++st->figures.updated;
    }
    const auto end = clock::now();
    const auto latency = end - due;
    st->figures.latency.record(latency);
    st->series.record_completion(end, latency, received.has_value());
    if (received) {
        ++st->figures.succeeded;
    } else {
        ++st->figures.failed;
        ++st->figures.errors_by_kind[std::string(describe(exit_code_for(received.error().code)))];
    }
    if (--st->outstanding == 0 && st->all_started) st->done.cancel();
}

// The ids of the first page of each list the mix needs, read before the run starts.
asio::awaitable<id_pool> read_ids(const talentray::client& c, const std::vector<mix_entry>& mix) {
    id_pool ids;
    for (const mix_entry& entry : mix) {
        if (!entry.id_source || ids.contains(*entry.id_source)) continue;
        request_spec page;
        page.path = std::string(describe(*entry.id_source).path_template);
        page.query = {{"page", "0"}, {"pageSize", std::to_string(id_page_size)}};
        const response res = co_await c.send(std::move(page));
        std::vector<std::string>& found = ids[*entry.id_source];
        const boost::json::value body = res.json();
        if (const auto* rows = body.as_object().if_contains("data"); rows && rows->is_array())
            for (const boost::json::value& row : rows->as_array())
                if (const auto* id = row.as_object().if_contains("id"); id && id->is_string())
                    found.emplace_back(id->as_string());
        if (found.empty())
            throw local_failure("bench: " + entry.name + " needs ids, and the first page of " +
                                std::string(describe(*entry.id_source).sdk_name) + " has none");
    }
    co_return ids;
}

// The leads the mix's deletes and lead updates act on, created before the run (their marks
// follow the run's call numbers, so that no two share one).
asio::awaitable<std::vector<std::string>> create_leads(const talentray::client& c, write_context writes,
                                                       std::uint64_t count, std::uint64_t first_index) {
    std::vector<std::string> created;
    for (std::uint64_t i = 0; i < count; ++i) {
        std::optional<request_spec> create =
            write_request(talentray::operation::create_potential_candidate, writes, first_index + i);
        if (!create) throw local_failure("bench: cannot make the request that creates a lead");
        const response res = co_await c.send(std::move(*create));
        const boost::json::value body = res.json();
        const auto* id = body.is_object() ? body.as_object().if_contains("id") : nullptr;
        if (!id || !id->is_string()) throw local_failure("bench: the created lead's response has no id");
        created.emplace_back(id->as_string());
    }
    co_return created;
}

void write_output(const std::string& path, const std::string& content) {
    write_file_atomically(path, content);
}

}  // namespace

std::string new_run_id() {
    std::random_device random;
    std::uniform_int_distribution<std::uint32_t> digits;
    char text[16];
    std::snprintf(text, sizeof text, "%08x", digits(random));
    return text;
}

asio::awaitable<void> run_bench(session s, client_options options, run_request request) {
    const key_limit limit = configured_limit(options);
    const double per_second = resolve(request.rate, limit.requests, limit.window);
    options = request.scheduler ? scheduled_options(std::move(options), per_second) : raw_options(std::move(options));

    const auto executor = co_await asio::this_coro::executor;
    auto st = std::make_shared<run_state>(executor, std::move(options), clock::now());
    const id_pool ids = co_await read_ids(st->client, request.mix);
    run_figures& f = st->figures;
    f.writes = std::any_of(request.mix.begin(), request.mix.end(), changes_data);
    write_context writes;
    writes.run = new_run_id();
    writes.organization = request.organization.value_or("");
    const open_loop_schedule planned{per_second, clock::now(), request.duration};
    const std::uint64_t leads = leads_needed(request.mix, planned.count());
    writes.created = co_await create_leads(st->client, writes, leads, planned.count());
    f.run_id = writes.run;
    f.created = writes.created.size();
    const client_counters before = st->client.counters();
    st->baseline = totals_of(before);

    for (const mix_entry& entry : request.mix) f.operations.push_back(entry.name);
    f.asked_per_second = per_second;
    f.asked_text = request.rate_text;
    f.scheduler = request.scheduler;
    f.planned = request.duration;
    f.setup_requests = before.requests;

    const clock::time_point start = clock::now() + std::chrono::milliseconds{20};
    st->series = time_series{start};
    const open_loop_schedule schedule{per_second, start, request.duration};
    asio::co_spawn(executor, sample_every_second(st, s.err, start, request.duration), asio::detached);

    asio::steady_timer pace{executor};
    for (std::uint64_t i = 0; i < schedule.count(); ++i) {
        const clock::time_point due = schedule.due(i);
        pace.expires_at(due);
        co_await pace.async_wait(asio::use_awaitable);
        std::optional<request_spec> call = request_for(request.mix, ids, i, 5, writes);
        if (!call) continue;
        ++f.calls;
        ++st->outstanding;
        asio::co_spawn(executor, one_call(st, std::move(*call), due), asio::detached);
    }
    st->all_started = true;
    if (st->outstanding > 0) co_await st->done.async_wait(asio::as_tuple(asio::use_awaitable));
    const auto end = clock::now();
    st->sampling = false;
    st->sampler.cancel();
    read_counters(*st, end);
    s.err->clear_transient();

    const client_counters after = st->client.counters();
    f.elapsed = end - start;
    f.totals = st->series.totals();
    f.waited = after.scheduler.waited - before.scheduler.waited;
    f.total_wait = after.scheduler.total_wait - before.scheduler.total_wait;
    f.max_wait = after.scheduler.max_wait;
    f.seconds = st->series.seconds();

    *s.out << render_run_table(f);
    s.out->flush();
    if (request.json_file || request.report_file) {
        const boost::json::object json = run_json(f);
        if (request.json_file) write_output(*request.json_file, pretty_json(json));
        if (request.report_file) write_output(*request.report_file, render_html_report(json));
    }
}

}  // namespace talentray::cli::bench
