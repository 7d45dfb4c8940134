#include "estimate_command.hpp"

#include "bench_client.hpp"
#include "export_estimate.hpp"

#include "../durable_file.hpp"
#include "../export_resource.hpp"
#include "../json_output.hpp"
#include "../usage_error.hpp"

#include <talentray/client.hpp>
#include <talentray/model/params.hpp>
#include <talentray/scheduler/options.hpp>

#include <boost/asio/this_coro.hpp>
#include <boost/json/parse.hpp>

#include <ostream>

namespace talentray::cli::bench {
namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

struct probed_rate {
    double per_second = 0;
    double relative_uncertainty = 0;
};

probed_rate read_probe(const std::string& file) {
    const std::optional<std::string> text = read_file_if_exists(file);
    if (!text) throw usage_error("--from-probe: " + file + " does not exist");
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(*text, ec);
    const auto* object = json.if_object();
    // A probe that met a token bucket has a rate and no window; newer probes write the rate always.
    const auto* rate = !ec && object ? object->if_contains("rate_per_second") : nullptr;
    const auto* spread = !ec && object ? object->if_contains("rate_relative_uncertainty") : nullptr;
    if (rate && spread && rate->is_number() && spread->is_number()) {
        const double per_second = rate->to_number<double>();
        if (!(per_second > 0)) throw usage_error("--from-probe: " + file + " holds no rate (the probe found none)");
        return {per_second, spread->to_number<double>()};
    }
    const auto* limit = object ? object->if_contains("limit") : nullptr;
    const auto* window = object ? object->if_contains("window_seconds") : nullptr;
    const auto* low = object ? object->if_contains("window_low_seconds") : nullptr;
    const auto* high = object ? object->if_contains("window_high_seconds") : nullptr;
    if (ec || !limit || !window || !low || !high || !limit->is_number() || !window->is_number())
        throw usage_error("--from-probe: " + file + " is not the --json of 'talentray bench probe'");
    const double w = window->to_number<double>();
    const double n = limit->to_number<double>();
    if (!(w > 0) || !(n > 0)) throw usage_error("--from-probe: " + file + " holds no limit (the probe found none)");
    return {n / w, (high->to_number<double>() - low->to_number<double>()) / 2 / w};
}

}  // namespace

asio::awaitable<void> estimate_export_time(session s, client_options options, estimate_request request) {
    const export_resource* resource = find_export_resource(request.resource);
    if (!resource || is_cursor_paged(*resource) || !resource->path_param.empty())
        throw usage_error("bench export-estimate: '" + request.resource +
                          "' is not a list it can estimate; choose candidates, roles, tests or sourcing");

    // The rate the export's budget admits: the key's limit less the opening burst, per window.
    const key_limit limit = configured_limit(options);
    const std::uint32_t burst = burst_for(options.scheduler);
    double per_second = static_cast<double>(limit.requests - std::min(burst, limit.requests - 1)) /
                        static_cast<double>(limit.window.count());
    double uncertainty = 0;
    if (request.rate) {
        per_second = resolve(*request.rate, limit.requests, limit.window);
    } else if (request.probe_file) {
        const probed_rate probed = read_probe(*request.probe_file);
        per_second = probed.per_second;
        uncertainty = probed.relative_uncertainty;
    }

    const auto executor = co_await asio::this_coro::executor;
    const talentray::client c{executor, std::move(options)};
    request_spec count;
    count.path = std::string(describe(resource->operation).path_template);
    count.query = {{"page", "0"}, {"pageSize", "1"}};
    const auto sent = clock::now();
    const response res = co_await c.send(std::move(count));
    const double round_trip = std::chrono::duration<double>(clock::now() - sent).count();
    const boost::json::value body = res.json();
    const auto* pagination = body.as_object().if_contains("pagination");
    const auto* total = pagination && pagination->is_object() ? pagination->as_object().if_contains("totalCount") : nullptr;
    if (!total || !total->is_int64())
        throw local_failure("bench export-estimate: the response has no pagination.totalCount");

    const export_estimate e =
        estimate_export(total->as_int64(), max_page_size, per_second, uncertainty, burst, round_trip);
    *s.out << render_export_estimate(request.resource, e, max_page_size);
    s.out->flush();
    if (request.json_file) write_file_atomically(*request.json_file, pretty_json(export_estimate_json(request.resource, e)));
}

}  // namespace talentray::cli::bench
