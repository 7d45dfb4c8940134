// Per-request metrics: a `client_options::observer` feeds every attempt into prometheus-cpp —
// a histogram of durations by operation, route, method and status, and counters of attempts,
// retries by cause, bytes and admission wait — and the program prints the registry in the text
// exposition format, as a /metrics endpoint (prometheus-cpp's `Exposer`) would serve it.
//
// The SDK itself takes no metrics dependency: the observer is a plain function, and this
// example alone links prometheus-cpp (Debian: prometheus-cpp-dev).
//
//   export TALENTRAY_API_KEY=tr_...  TALENTRAY_BASE_URL=...  TALENTRAY_CA_FILE=...
//   prometheus_metrics [candidates to fetch one by one, default 5]
#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>
#include <talentray/model/me.hpp>
#include <talentray/request_event.hpp>

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <charconv>
#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <string>

namespace asio = boost::asio;
namespace tr = talentray;

namespace {

double seconds(tr::request_event::duration d) { return std::chrono::duration<double>(d).count(); }

/// The metric families the observer feeds. prometheus-cpp's families and metrics are
/// thread-safe, and the observer may be called from several threads at once.
class request_metrics {
public:
    request_metrics()
        : durations_(prometheus::BuildHistogram()
                         .Name("talentray_request_duration_seconds")
                         .Help("Time of one attempt from admission to its outcome.")
                         .Register(*registry_)),
          attempts_(prometheus::BuildCounter()
                        .Name("talentray_attempts_total")
                        .Help("Attempts made, retries included.")
                        .Register(*registry_)),
          bytes_out_(prometheus::BuildCounter()
                         .Name("talentray_request_bytes_total")
                         .Help("HTTP bytes written, before TLS.")
                         .Register(*registry_)),
          bytes_in_(prometheus::BuildCounter()
                        .Name("talentray_response_bytes_total")
                        .Help("HTTP bytes read, before TLS.")
                        .Register(*registry_)),
          admission_wait_(prometheus::BuildCounter()
                              .Name("talentray_admission_wait_seconds_total")
                              .Help("Time attempts waited for the key's rate budget.")
                              .Register(*registry_)),
          retries_(prometheus::BuildCounter()
                       .Name("talentray_retries_total")
                       .Help("Attempts that were retries, by what failed before them.")
                       .Register(*registry_)) {}

    void record(const tr::request_event& event) {
        // The route is a template ("/api/v1/candidates/{id}"), so the number of series stays
        // bounded: ids never become labels.
        const prometheus::Labels labels{{"operation", std::string(event.operation)},
                                        {"route", std::string(event.route)},
                                        {"method", std::string(boost::beast::http::to_string(event.method))},
                                        {"status", std::to_string(event.http_status)}};
        durations_.Add(labels, bucket_bounds()).Observe(seconds(event.total));
        attempts_.Add(labels).Increment();
        bytes_out_.Add(labels).Increment(static_cast<double>(event.bytes_out));
        bytes_in_.Add(labels).Increment(static_cast<double>(event.bytes_in));
        admission_wait_.Add(labels).Increment(seconds(event.admission_wait));
        if (event.retry_cause) retries_.Add({{"cause", std::string(tr::to_string(*event.retry_cause))}}).Increment();
    }

    /// Writes every metric family in the text exposition format (version 0.0.4).
    void write(std::ostream& out) const { prometheus::TextSerializer{}.Serialize(out, registry_->Collect()); }

private:
    /// Upper bounds of the duration histogram, in seconds.
    static prometheus::Histogram::BucketBoundaries bucket_bounds() {
        return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    }

    std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
    prometheus::Family<prometheus::Histogram>& durations_;
    prometheus::Family<prometheus::Counter>& attempts_;
    prometheus::Family<prometheus::Counter>& bytes_out_;
    prometheus::Family<prometheus::Counter>& bytes_in_;
    prometheus::Family<prometheus::Counter>& admission_wait_;
    prometheus::Family<prometheus::Counter>& retries_;
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
