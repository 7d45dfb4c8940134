#include "run_figures.hpp"

#include "decimal_text.hpp"

#include "../progress.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>


namespace talentray::cli::bench {
namespace {

using namespace std::chrono;

double seconds_of(nanoseconds d) { return duration<double>(d).count(); }

std::string millis(std::uint64_t micros) { return fixed(static_cast<double>(micros) / 1000.0, 1) + " ms"; }

double millis_value(std::uint64_t micros) { return static_cast<double>(micros) / 1000.0; }

struct quantile {
    const char* name;
    double q;
};
constexpr quantile quantiles[] = {{"p50", 0.5}, {"p90", 0.9}, {"p99", 0.99}, {"p99_9", 0.999}, {"max", 1.0}};

boost::json::object latency_json(const latency_histogram& h) {
    boost::json::object out;
    out["count"] = h.count();
    for (const quantile& each : quantiles) out[each.name] = millis_value(h.percentile_micros(each.q));
    return out;
}

void row(std::string& out, std::string_view name, const std::string& value) {
    out += "  ";
    out += name;
    out.append(name.size() < 22 ? 22 - name.size() : 1, ' ');
    out += value;
    out += '\n';
}

}  // namespace

double achieved_per_second(const run_figures& f) noexcept {
    const double s = seconds_of(f.elapsed);
    return s > 0 ? static_cast<double>(f.succeeded + f.failed) / s : 0;
}

std::string render_run_table(const run_figures& f) {
    std::string ops;
    for (const std::string& op : f.operations) ops += (ops.empty() ? "" : ", ") + op;
    std::string out = "bench run: " + ops + (f.scheduler ? "" : " (--no-scheduler)") + "\n";
    row(out, "rate", fixed(achieved_per_second(f), 2) + "/s achieved of " + fixed(f.asked_per_second, 2) + "/s asked (" +
                         f.asked_text + ")");
    row(out, "duration", fixed(seconds_of(f.elapsed), 1) + " s (planned " + fixed(seconds_of(f.planned), 1) + " s)");
    row(out, "calls", group_digits(f.calls) + ": " + group_digits(f.succeeded) + " succeeded, " +
                          group_digits(f.failed) + " failed");
    for (const quantile& each : quantiles) {
        std::string name = each.name;
        if (name == "p99_9") name = "p99.9";
        row(out, "latency " + name, millis(f.latency.percentile_micros(each.q)));
    }
    row(out, "requests", group_digits(f.totals.requests) + " attempts (and " + group_digits(f.setup_requests) +
                             " before the run to read ids" +
                             (f.writes ? std::string(" and create leads") : std::string()) + ")");
    if (f.writes)
        row(out, "writes", group_digits(f.created) + " created (named bench-" + f.run_id + "-*), " +
                               group_digits(f.deleted) + " of them deleted, " + group_digits(f.created - f.deleted) +
                               " left; " + group_digits(f.updated) + " updates");
    row(out, "429s", group_digits(f.totals.rate_limited));
    row(out, "retries", group_digits(f.totals.retries));
    std::string errors;
    for (const auto& [kind, count] : f.errors_by_kind) errors += (errors.empty() ? "" : ", ") + kind + " " + group_digits(count);
    row(out, "errors", errors.empty() ? "none" : errors);
    row(out, "admission waits", group_digits(f.waited) + " of " + group_digits(f.totals.admitted) + " admissions queued, " +
                                    fixed(seconds_of(f.total_wait), 2) + " s in all, " +
                                    fixed(seconds_of(f.max_wait) * 1000, 1) + " ms at most");
    out += "  (latency: from each call's scheduled send time to its end, queueing and retries included;\n"
           "   exact below 1 ms, within 0.1 % above)\n";
    return out;
}

boost::json::object run_json(const run_figures& f) {
    boost::json::object out;
    boost::json::array ops;
    for (const std::string& op : f.operations) ops.emplace_back(op);
    out["operations"] = std::move(ops);
    out["scheduler"] = f.scheduler;
    out["asked"] = f.asked_text;
    out["asked_per_second"] = f.asked_per_second;
    out["achieved_per_second"] = achieved_per_second(f);
    out["planned_seconds"] = seconds_of(f.planned);
    out["elapsed_seconds"] = seconds_of(f.elapsed);
    out["calls"] = f.calls;
    out["succeeded"] = f.succeeded;
    out["failed"] = f.failed;
    boost::json::object errors;
    for (const auto& [kind, count] : f.errors_by_kind) errors[kind] = count;
    out["errors_by_kind"] = std::move(errors);
    out["latency_ms"] = latency_json(f.latency);
    out["latency_measured_from"] = "scheduled send time";
    out["latency_relative_error"] = latency_histogram::relative_error;
    out["requests"] = f.totals.requests;
    out["setup_requests"] = f.setup_requests;
    if (f.writes) {
        out["run_id"] = f.run_id;
        out["created"] = f.created;
        out["deleted"] = f.deleted;
        out["created_left"] = f.created - f.deleted;
        out["updated"] = f.updated;
    }
    out["rate_limited"] = f.totals.rate_limited;
    out["retries"] = f.totals.retries;
    out["admitted"] = f.totals.admitted;
    out["admission_waits"] = f.waited;
    out["admission_wait_total_seconds"] = seconds_of(f.total_wait);
    out["admission_wait_max_seconds"] = seconds_of(f.max_wait);
    boost::json::array series;
    for (std::size_t i = 0; i < f.seconds.size(); ++i) {
        const second_sample& s = f.seconds[i];
        boost::json::object second;
        second["second"] = i;
        second["admitted"] = s.counted.admitted;
        second["requests"] = s.counted.requests;
        second["rate_limited"] = s.counted.rate_limited;
        second["retries"] = s.counted.retries;
        second["succeeded"] = s.completed;
        second["failed"] = s.failed;
        second["latency_ms"] = latency_json(s.latency);
        series.emplace_back(std::move(second));
    }
    out["per_second"] = std::move(series);
    return out;
}

}  // namespace talentray::cli::bench
