// GET /__mock/stats: the server's counters as JSON, for tools that cannot call server::stats().
#include "../handlers.hpp"

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

template <class Map>
json::object counts(const Map& map) {
    json::object result;
    for (const auto& [name, count] : map) {
        if constexpr (std::is_same_v<typename Map::key_type, unsigned>) result[std::to_string(name)] = count;
        else result[name] = count;
    }
    return result;
}

json::array strings(const std::vector<std::string>& values) {
    json::array out;
    out.reserve(values.size());
    for (const std::string& value : values) out.emplace_back(value);
    return out;
}

json::object churn(const std::map<std::string, churn_record>& lists) {
    json::object out;
    for (const auto& [name, record] : lists)
        out[name] = json::object{{"initialIds", strings(record.initial_ids)},
                                 {"insertedIds", strings(record.inserted_ids)},
                                 {"deletedIds", strings(record.deleted_ids)}};
    return out;
}

json::array arrivals(const std::vector<arrival_record>& records) {
    json::array out;
    out.reserve(records.size());
    for (const arrival_record& record : records)
        out.emplace_back(json::object{{"atUs", record.at.count()},
                                      {"keyId", record.key_id},
                                      {"status", record.status},
                                      {"userAgent", record.user_agent}});
    return out;
}

}  // namespace

http_response get_mock_stats(request_context& context) {
    const stats_snapshot stats = context.stats.snapshot();
    const fault_counts& faults = stats.faults;
    return json_response(http::status::ok,
                         json::object{{"requests", stats.requests},
                                      {"connectionsAccepted", stats.connections_accepted},
                                      {"tlsHandshakesFailed", stats.tls_handshakes_failed},
                                      {"rateLimited", stats.rate_limited},
                                      {"gzipResponses", stats.gzip_responses},
                                      {"requestsByKey", counts(stats.requests_by_key)},
                                      {"requestsByRoute", counts(stats.requests_by_route)},
                                      {"responsesByStatus", counts(stats.responses_by_status)},
                                      {"writeExecutions", counts(stats.write_executions)},
                                      {"churn", churn(stats.churn)},
                                      {"arrivals", arrivals(stats.arrivals)},
                                      {"arrivalsDropped", stats.arrivals_dropped},
                                      {"faults", json::object{{"serverError", faults.server_error},
                                                              {"dropBeforeHeader", faults.drop_before_header},
                                                              {"dropAfterHeader", faults.drop_after_header},
                                                              {"truncateBody", faults.truncate_body},
                                                              {"closeAfterRequests", faults.close_after_requests},
                                                              {"closeWhenIdle", faults.close_when_idle},
                                                              {"delayed", faults.delayed}}}});
}

}  // namespace talentray::mock::detail
