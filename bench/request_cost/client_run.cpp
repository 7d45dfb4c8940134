#include "client_run.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <stdexcept>

namespace talentray::bench {

namespace {

double number(const boost::json::object& o, const char* key) { return o.at(key).to_number<double>(); }

}  // namespace

client_run parse_client_line(const std::string& line) {
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(line, ec);
    if (ec || !json.is_object()) throw std::runtime_error("not a result line: " + line);
    const auto& o = json.as_object();
    client_run r;
    r.client = o.at("client").as_string().c_str();
    r.workload = o.at("workload").as_string().c_str();
    r.connections = static_cast<std::size_t>(number(o, "connections"));
    r.open_loop = o.at("mode").as_string() == "open";
    r.rate = number(o, "rate");
    r.requests = static_cast<std::size_t>(number(o, "requests"));
    r.rows = static_cast<std::size_t>(number(o, "rows"));
    r.failures = static_cast<std::size_t>(number(o, "failures"));
    r.first_failure = o.at("first_failure").as_string().c_str();
    r.seconds = number(o, "seconds");
    r.cpu_seconds = number(o, "cpu_user") + number(o, "cpu_sys");
    r.p50_us = number(o, "p50_us");
    r.p99_us = number(o, "p99_us");
    r.p999_us = number(o, "p999_us");
    r.max_us = number(o, "max_us");
    r.handshake_mean_ms = number(o, "handshake_mean_ms");
    r.handshake_max_ms = number(o, "handshake_max_ms");
    r.warmup_cpu_s = number(o, "warmup_cpu_s");
    r.peak_rss_kib = static_cast<long>(number(o, "peak_rss_kib"));
    r.tls = o.at("tls").as_string().c_str();
    return r;
}

}  // namespace talentray::bench
