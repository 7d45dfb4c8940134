// Per-request metrics: a `client_options::observer` turns every attempt into Prometheus metrics —
// a histogram of durations by operation, route, method and status, and counters of attempts,
// retries by cause, bytes and admission wait — and the program prints them in the text
// exposition format, as a /metrics endpoint would serve them.
//
// prometheus-cpp is not packaged in Debian bookworm, and the library itself takes no metrics
// dependency, so this example writes the exposition format itself (HELP and TYPE lines, label
// values escaped, cumulative `_bucket` series up to le="+Inf", `_sum` and `_count`). With
// prometheus-cpp, the observer would feed its Histogram and Counter families instead.
//
//   export TALENTRAY_API_KEY=tr_...  TALENTRAY_BASE_URL=...  TALENTRAY_CA_FILE=...
//   prometheus_metrics [candidates to fetch one by one, default 5]
#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>
#include <talentray/model/me.hpp>
#include <talentray/request_event.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace asio = boost::asio;
namespace tr = talentray;

namespace {

/// Label values in the exposition format: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

/// A sample value: the shortest text that reads back as the same double.
std::string number(double value) {
    std::array<char, 32> text{};
    auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} ? std::string(text.data(), end) : std::string{"NaN"};
}

double seconds(tr::request_event::duration d) { return std::chrono::duration<double>(d).count(); }

/// The labels a request series is split by. The route is a template ("/api/v1/candidates/{id}"),
/// so the number of series stays bounded: ids never become labels.
struct series_key {
    std::string operation, route, method, status;
    auto operator<=>(const series_key&) const = default;

    std::string labels() const {
        return "operation=\"" + escape_label_value(operation) + "\",route=\"" + escape_label_value(route) +
               "\",method=\"" + escape_label_value(method) + "\",status=\"" + escape_label_value(status) + "\"";
    }
};

/// Upper bounds of the duration histogram, in seconds.
constexpr std::array<double, 11> bucket_bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

struct series {
    std::array<std::uint64_t, bucket_bounds.size()> buckets{};  // not cumulative: one per bound
    double duration_sum = 0;
    std::uint64_t attempts = 0;
    std::uint64_t bytes_out = 0, bytes_in = 0;
    double admission_wait_sum = 0;
};

/// What the observer feeds. Thread-safe: the observer may be called from several threads at
/// once, and must not block for long, so each event costs a map look-up under a mutex.
class request_metrics {
public:
    void record(const tr::request_event& event) {
        series_key key{std::string(event.operation), std::string(event.route),
                       std::string(boost::beast::http::to_string(event.method)), std::to_string(event.http_status)};
        const double total = seconds(event.total);
        std::lock_guard lock{mutex_};
        series& s = series_[key];
        for (std::size_t i = 0; i < bucket_bounds.size(); ++i)
            if (total <= bucket_bounds[i]) {
                ++s.buckets[i];
                break;
            }
        s.duration_sum += total;
        ++s.attempts;
        s.bytes_out += event.bytes_out;
        s.bytes_in += event.bytes_in;
        s.admission_wait_sum += seconds(event.admission_wait);
        if (event.retry_cause) ++retries_[std::string(tr::to_string(*event.retry_cause))];
    }

    /// Writes every metric family in the text exposition format (version 0.0.4).
    void write(std::ostream& out) const {
        std::lock_guard lock{mutex_};
        family(out, "talentray_request_duration_seconds", "histogram",
               "Time of one attempt from admission to its outcome.");
        for (const auto& [key, s] : series_) {
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
                cumulative += s.buckets[i];
                out << "talentray_request_duration_seconds_bucket{" << key.labels() << ",le=\"" << number(bucket_bounds[i])
                    << "\"} " << cumulative << '\n';
            }
            out << "talentray_request_duration_seconds_bucket{" << key.labels() << ",le=\"+Inf\"} " << s.attempts << '\n';
            out << "talentray_request_duration_seconds_sum{" << key.labels() << "} " << number(s.duration_sum) << '\n';
            out << "talentray_request_duration_seconds_count{" << key.labels() << "} " << s.attempts << '\n';
        }
        counter(out, "talentray_attempts_total", "Attempts made, retries included.", &series::attempts);
        counter(out, "talentray_request_bytes_total", "HTTP bytes written, before TLS.", &series::bytes_out);
        counter(out, "talentray_response_bytes_total", "HTTP bytes read, before TLS.", &series::bytes_in);
        family(out, "talentray_admission_wait_seconds_total", "counter",
               "Time attempts waited for the key's rate budget.");
        for (const auto& [key, s] : series_)
            out << "talentray_admission_wait_seconds_total{" << key.labels() << "} " << number(s.admission_wait_sum) << '\n';
        family(out, "talentray_retries_total", "counter", "Attempts that were retries, by what failed before them.");
        for (const auto& [cause, count] : retries_)
            out << "talentray_retries_total{cause=\"" << escape_label_value(cause) << "\"} " << count << '\n';
    }

private:
    static void family(std::ostream& out, std::string_view name, std::string_view type, std::string_view help) {
        // HELP texts here hold no backslash or line feed, the two characters HELP would escape.
        out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
    }

    void counter(std::ostream& out, std::string_view name, std::string_view help, std::uint64_t series::*field) const {
        family(out, name, "counter", help);
        for (const auto& [key, s] : series_) out << name << '{' << key.labels() << "} " << s.*field << '\n';
    }

    mutable std::mutex mutex_;
    std::map<series_key, series> series_;
    std::map<std::string, std::uint64_t> retries_;
};

/// Some calls to measure: who the key is, the first page of candidates, a few candidates one by
/// one, and one that does not exist (a 404 is an attempt like any other).
asio::awaitable<void> make_calls(tr::client& api, int candidates) {
    const tr::me who = co_await api.me();
    std::cerr << "signed in as " << who.user.email << '\n';  // stdout is the exposition alone
    tr::list_candidates_params params;
    params.page_size = candidates;
    const tr::offset_page<tr::candidate> page = co_await api.candidates().list_page(params);
    for (const tr::candidate& listed : page.data) co_await api.candidates().get(listed.id);
    const tr::result<tr::candidate> missing = co_await api.candidates().try_get("cand_does_not_exist");
    if (missing) std::cerr << "a candidate called cand_does_not_exist exists\n";
}

}  // namespace

int main(int argc, char** argv) {
    int candidates = 5;
    if (argc > 1) {
        const std::string_view text{argv[1]};
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), candidates);
        if (ec != std::errc{} || end != text.data() + text.size() || candidates < 1 || candidates > 100) {
            std::cerr << "usage: " << argv[0] << " [candidates to fetch, 1 to 100]\n";
            return 2;
        }
    }
    request_metrics metrics;
    try {
        asio::io_context io;
        tr::client_options options = tr::client_options::from_env();
        options.observer = [&metrics](const tr::request_event& event) { metrics.record(event); };
        tr::client api{io.get_executor(), std::move(options)};
        std::exception_ptr failure;
        asio::co_spawn(io, make_calls(api, candidates), [&failure](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure) std::rethrow_exception(failure);
    } catch (const tr::error& e) {
        std::cerr << "calls failed: " << e.what() << '\n';  // the metrics so far are still printed
        metrics.write(std::cout);
        return 1;
    }
    metrics.write(std::cout);
    return 0;
}
