#include "stats_counters.hpp"

#include <string>

namespace talentray::mock::detail {

stats_counters::stats_counters(std::size_t arrival_capacity)
    : origin_(std::chrono::steady_clock::now()), arrival_capacity_(arrival_capacity) {}

void stats_counters::count_request() {
    std::lock_guard lock{mutex_};
    ++data_.requests;
}

void stats_counters::count_connection() {
    std::lock_guard lock{mutex_};
    ++data_.connections_accepted;
}

void stats_counters::count_tls_handshake_failure() {
    std::lock_guard lock{mutex_};
    ++data_.tls_handshakes_failed;
}

void stats_counters::count_route(std::string_view route) {
    std::lock_guard lock{mutex_};
    ++data_.requests_by_route[std::string(route)];
}

void stats_counters::count_key(std::string_view key_id) {
    std::lock_guard lock{mutex_};
    ++data_.requests_by_key[std::string(key_id)];
}

void stats_counters::count_status(unsigned status) {
    std::lock_guard lock{mutex_};
    ++data_.responses_by_status[status];
}

void stats_counters::count_rate_limited() {
    std::lock_guard lock{mutex_};
    ++data_.rate_limited;
}

void stats_counters::count_gzip_response() {
    std::lock_guard lock{mutex_};
    ++data_.gzip_responses;
}

void stats_counters::count_write(std::string_view route) {
    std::lock_guard lock{mutex_};
    ++data_.write_executions[std::string(route)];
}

void stats_counters::count_fault(fault_kind kind) {
    std::lock_guard lock{mutex_};
    switch (kind) {
        case fault_kind::none: break;
        case fault_kind::server_error: ++data_.faults.server_error; break;
        case fault_kind::drop_before_header: ++data_.faults.drop_before_header; break;
        case fault_kind::drop_after_header: ++data_.faults.drop_after_header; break;
        case fault_kind::truncate_body: ++data_.faults.truncate_body; break;
    }
}

void stats_counters::count_fault(connection_fault kind) {
    std::lock_guard lock{mutex_};
    switch (kind) {
        case connection_fault::close_after_requests: ++data_.faults.close_after_requests; break;
        case connection_fault::close_when_idle: ++data_.faults.close_when_idle; break;
        case connection_fault::delayed: ++data_.faults.delayed; break;
    }
}

void stats_counters::start_churn(const std::string& list, std::vector<std::string> initial_ids) {
    std::lock_guard lock{mutex_};
    data_.churn[list].initial_ids = std::move(initial_ids);
}

void stats_counters::count_churn(const std::string& list, bool inserted, std::string id) {
    std::lock_guard lock{mutex_};
    churn_record& record = data_.churn[list];
    (inserted ? record.inserted_ids : record.deleted_ids).push_back(std::move(id));
}

void stats_counters::record_arrival(std::chrono::steady_clock::time_point at, std::string_view key_id,
                                    unsigned status, std::string_view user_agent) {
    const auto since_start = std::chrono::duration_cast<std::chrono::microseconds>(at - origin_);
    std::lock_guard lock{mutex_};
    if (arrival_capacity_ == 0) {
        ++data_.arrivals_dropped;
        return;
    }
    if (arrivals_.size() == arrival_capacity_) {
        arrivals_.pop_front();
        ++data_.arrivals_dropped;
    }
    arrivals_.push_back(arrival_record{since_start, std::string(key_id), status, std::string(user_agent)});
}

stats_snapshot stats_counters::snapshot() const {
    std::lock_guard lock{mutex_};
    stats_snapshot copy = data_;
    copy.arrivals.assign(arrivals_.begin(), arrivals_.end());
    return copy;
}

}  // namespace talentray::mock::detail
