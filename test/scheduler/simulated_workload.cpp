#include "simulated_workload.hpp"

#include <catch2/catch.hpp>

#include <iterator>
#include <vector>

namespace talentray::testing {

namespace d = talentray::detail;

simulated_workload::simulated_workload(const scheduler_options& options, server_model server, int clients,
                                       latency_model latency, d::time_point start)
    : controller_(options, start), server_(std::move(server)), latency_(std::move(latency)), now_(start) {
    for (int c = 0; c < clients; ++c) start_waiting(c);
}

void simulated_workload::start_waiting(int client) {
    d::wake_list wake;
    waiting_[client] = controller_.enqueue(priority::bulk, d::time_point::max(), now_, wake);
    mark_due(wake);
    wake_at_[client] = now_;  // poll it straight away
}

void simulated_workload::mark_due(const d::wake_list& wake) {
    for (const auto id : wake)
        for (const auto& [client, waiter] : waiting_)
            if (waiter == id) wake_at_[client] = now_;
}

void simulated_workload::poll(int client) {
    d::wake_list wake;
    const d::waiter_status status = controller_.poll(waiting_.at(client), now_, wake);
    mark_due(wake);
    if (status.state == d::waiter_state::granted) {
        wake_at_.erase(client);
        waiting_.erase(client);
        in_flight_.emplace(now_ + latency_(now_), request{client, status});
    } else {
        REQUIRE(status.state == d::waiter_state::queued);
        wake_at_[client] = status.wake_at;
    }
}

void simulated_workload::respond(const request& sent) {
    // Half the latency on the way there: the server counts the arrival.
    const d::time_point admitted = sent.admission.admitted_at;
    const server_verdict verdict = server_(admitted + (now_ - admitted) / 2);
    d::response_event event;
    event.http_status = verdict.status;
    event.retry_after = verdict.retry_after;
    event.admitted_at = admitted;
    event.depth = sent.admission.depth;
    event.jitter = 0.5;
    if (verdict.status == 429) {
        ++refused_;
        refusals_.insert(admitted);
    } else {
        ++accepted_;
    }
    d::wake_list wake;
    controller_.on_response(event, now_, wake);
    controller_.release(now_, wake);
    mark_due(wake);
    start_waiting(sent.client);
}

void simulated_workload::run_until(d::time_point end) {
    for (;;) {
        d::time_point next = d::time_point::max();
        for (const auto& [client, at] : wake_at_) next = std::min(next, at);
        if (!in_flight_.empty()) next = std::min(next, in_flight_.begin()->first);
        if (next >= end) return;
        now_ = next;
        // Responses first: they release slots and may pause the key.
        while (!in_flight_.empty() && in_flight_.begin()->first <= now_) {
            const request sent = in_flight_.begin()->second;
            in_flight_.erase(in_flight_.begin());
            respond(sent);
        }
        std::vector<int> due;
        for (const auto& [client, at] : wake_at_)
            if (at <= now_) due.push_back(client);
        for (const int client : due) poll(client);
    }
}

scheduler_counters simulated_workload::counters() const {
    scheduler_counters out;
    controller_.fill(out, now_);
    return out;
}

std::size_t simulated_workload::refused_since(d::time_point from) const {
    return static_cast<std::size_t>(std::distance(refusals_.lower_bound(from), refusals_.end()));
}

}  // namespace talentray::testing
