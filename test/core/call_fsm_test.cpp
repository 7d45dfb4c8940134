// The retry loop of one call, driven event by event in virtual time: no sockets, no timers.
// The budget is a stand-in that records what it is told and grants or refuses retries.
#include "client/call_fsm.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace tr = talentray;
namespace det = talentray::detail;
using namespace std::chrono_literals;
using kind = det::call_event::kind;
using act = det::call_action::kind;

namespace {

using time_point = std::chrono::steady_clock::time_point;
const time_point t0 = time_point{} + 1000h;
const std::string api_key_text = "tr_" + std::string(64, 'k');

class recording_budget final : public det::admission_budget {
public:
    std::vector<tr::response_feedback> feedback;  // rate_limit views dropped: read during the call only
    bool grant_retries = true;
    int retries_asked = 0;
    bool wants_ready = false;  // answers wants_ready_connection

    boost::asio::awaitable<tr::result<tr::admission_permit>> admit(tr::priority, clock::time_point) override {
        co_return tr::make_error_info(tr::errc::invalid_argument, "not used by the machine");
    }
    void on_response(const tr::response_feedback& f) noexcept override {
        feedback.push_back(f);
        feedback.back().rate_limit = {};
    }
    bool try_spend_retry(tr::retry_cause) noexcept override {
        ++retries_asked;
        return grant_retries;
    }
    bool wants_ready_connection() const noexcept override { return wants_ready; }
    tr::scheduler_counters counters() const noexcept override { return {}; }
    const tr::scheduler_options& options() const noexcept override { return options_; }
    const std::string& key_digest() const noexcept override { return digest_; }

    tr::scheduler_options options_;

private:
    std::string digest_;
};

class recording_reporter final : public det::call_reporter {
public:
    mutable std::vector<std::string> lines;
    mutable std::vector<tr::request_event> events;
    void log(tr::log_level level, std::string_view message) const override {
        lines.push_back(std::string(to_string(level)) + ": " + std::string(message));
    }
    void notify(const tr::request_event& event) const noexcept override { events.push_back(event); }
};

/// An event with the permit or the outcome it carries, which the event points to.
struct scripted {
    det::call_event event;
    std::optional<tr::result<tr::admission_permit>> admission;
    std::optional<det::send_outcome> outcome;
};

/// One call with its inputs; the jitter is fixed at one half, so a delay is half its ceiling.
struct call {
    tr::request_spec spec;
    tr::retry_options retry;
    recording_budget budget;
    det::key_redactor redactor{tr::secret{api_key_text}};
    recording_reporter reporter;
    std::optional<det::call_fsm> fsm;

    explicit call(tr::http_method method = tr::http_method::get) {
        spec.method = method;
        spec.path = "/api/v1/candidates/cand_1";
        retry.initial_backoff = 200ms;
        retry.max_backoff = 10s;
    }

    det::call_fsm& machine(std::chrono::milliseconds per_attempt = 30s) {
        det::call_setup setup;
        setup.spec = &spec;
        setup.retry = &retry;
        setup.budget = &budget;
        setup.redactor = &redactor;
        setup.reporter = &reporter;
        setup.per_attempt = per_attempt;
        setup.logging = true;
        setup.observed = true;
        setup.jitter = []() noexcept { return 0.5; };
        fsm.emplace(setup);
        return *fsm;
    }

    det::call_action resume(const det::call_event& event) { return fsm->resume(event); }
    det::call_action resume(scripted e) {
        if (e.admission) e.event.admission = &*e.admission;
        if (e.outcome) e.event.outcome = &*e.outcome;
        return fsm->resume(e.event);
    }
    tr::result<tr::response>& outcome() { return fsm->outcome(); }
};

det::call_event at(kind type, time_point now) {
    det::call_event event;
    event.type = type;
    event.now = now;
    return event;
}

scripted admitted(time_point now) {
    scripted event{at(kind::admitted, now)};
    event.admission.emplace(tr::admission_permit{});
    return event;
}

scripted refused(time_point now, tr::errc code) {
    scripted event{at(kind::admitted, now)};
    event.admission.emplace(tr::make_error_info(code, "the budget could not admit the call in time"));
    return event;
}

det::call_event prepared(time_point now, boost::system::error_code error = {}) {
    det::call_event event = at(kind::prepared, now);
    event.prepare_error = error;
    return event;
}

scripted answered(time_point now, int status, std::vector<std::pair<std::string, std::string>> headers = {},
                  std::string body = "{}") {
    scripted event{at(kind::sent, now)};
    event.outcome.emplace();
    event.outcome->received = tr::response{status, std::move(headers), std::move(body)};
    return event;
}

scripted broken(time_point now, bool may_have_reached_server) {
    scripted event{at(kind::sent, now)};
    event.outcome.emplace();
    event.outcome->received = tr::make_error_info(tr::errc::connection_failed, "connection reset");
    event.outcome->may_have_reached_server = may_have_reached_server;
    return event;
}

/// Drives `c` from its start to its first send.
void start_and_admit(call& c, time_point now) {
    REQUIRE(c.resume(at(kind::started, now)).type == act::admit);
    REQUIRE(c.resume(admitted(now)).type == act::send);
}

tr::error_info failure_of(call& c, const det::call_action& action) {
    REQUIRE(action.type == act::complete);
    REQUIRE_FALSE(c.outcome().has_value());
    return c.outcome().error();
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("call_fsm: a 2xx on the first attempt completes with the response and tells the budget once") {
    call c;
    c.machine();
    const auto admit = c.resume(at(kind::started, t0));
    REQUIRE(admit.type == act::admit);
    CHECK(admit.prio == tr::priority::interactive);
    REQUIRE(c.resume(admitted(t0 + 5ms)).type == act::send);
    const auto done = c.resume(answered(t0 + 20ms, 200, {}, R"({"id":"cand_1"})"));
    REQUIRE(done.type == act::complete);
    REQUIRE(c.outcome().has_value());
    CHECK(c.outcome()->status == 200);
    CHECK(c.outcome()->body == R"({"id":"cand_1"})");
    REQUIRE(c.budget.feedback.size() == 1);
    CHECK(c.budget.feedback[0].http_status == 200);
    CHECK(c.budget.retries_asked == 0);
}

TEST_CASE(
    "call_fsm: admission is asked with the call's priority before a deadline of the longer of the attempt "
    "limit and total_timeout") {
    call c;
    c.spec.priority = tr::priority::bulk;
    c.retry.total_timeout = 60s;
    c.machine(10s);
    const auto admit = c.resume(at(kind::started, t0));
    CHECK(admit.prio == tr::priority::bulk);
    CHECK(admit.deadline == t0 + 60s);
}

TEST_CASE(
    "call_fsm: an attempt's send deadline is its per-attempt limit from admission, capped by the call's "
    "deadline") {
    call c;
    c.retry.total_timeout = 25s;
    c.machine(10s);
    REQUIRE(c.resume(at(kind::started, t0)).type == act::admit);
    CHECK(c.resume(admitted(t0 + 2s)).deadline == t0 + 12s);

    call late;
    late.retry.total_timeout = 25s;
    late.machine(10s);
    REQUIRE(late.resume(at(kind::started, t0)).type == act::admit);
    CHECK(late.resume(admitted(t0 + 20s)).deadline == t0 + 25s);
}

TEST_CASE("call_fsm: a 503 then a 200 waits half the first backoff ceiling and sends a second attempt") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    const auto wait = c.resume(answered(t0 + 10ms, 503));
    REQUIRE(wait.type == act::wait);
    CHECK(wait.delay == 100ms);
    CHECK(contains(wait.note, "retry after 100 ms (server_error)"));
    CHECK(contains(wait.note, "GET /api/v1/candidates/cand_1"));
    REQUIRE(c.resume(at(kind::backoff_done, t0 + 110ms)).type == act::admit);
    REQUIRE(c.resume(admitted(t0 + 110ms)).type == act::send);
    const auto done = c.resume(answered(t0 + 120ms, 200));
    REQUIRE(done.type == act::complete);
    REQUIRE(c.outcome().has_value());
    CHECK(c.budget.retries_asked == 1);
    REQUIRE(c.budget.feedback.size() == 2);
    CHECK(c.budget.feedback[0].http_status == 503);
    CHECK(c.budget.feedback[1].http_status == 200);
}

TEST_CASE(
    "call_fsm: a 429's Retry-After goes to the budget, which waits it out in admission, with no backoff of "
    "the call's own") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    const auto wait = c.resume(answered(t0 + 10ms, 429, {{"Retry-After", "7"}}));
    REQUIRE(wait.type == act::wait);
    CHECK(wait.delay == 0ms);
    CHECK(contains(wait.note, "retry after the rate-limit pause (rate_limited)"));
    REQUIRE(c.budget.feedback.size() == 1);
    CHECK(c.budget.feedback[0].http_status == 429);
    CHECK(c.budget.feedback[0].retry_after == 7s);
    CHECK(c.resume(at(kind::backoff_done, t0 + 10ms)).type == act::admit);
}

TEST_CASE("call_fsm: a 503's Retry-After longer than the backoff becomes the wait") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    const auto wait = c.resume(answered(t0 + 10ms, 503, {{"Retry-After", "2"}}));
    REQUIRE(wait.type == act::wait);
    CHECK(wait.delay == 2000ms);
}

TEST_CASE("call_fsm: a 429 whose Retry-After would end after the deadline is not retried") {
    call c;
    c.retry.total_timeout = 5s;
    c.machine(1s);
    start_and_admit(c, t0);
    const auto& failure = failure_of(c, c.resume(answered(t0 + 10ms, 429, {{"Retry-After", "30"}})));
    CHECK(failure.code == tr::errc::rate_limited);
    CHECK(contains(failure.diag.client_message, "could not start before the deadline"));
}

TEST_CASE("call_fsm: a POST whose request may have reached the server is not retried after a transport error") {
    call c{tr::http_method::post};
    c.machine();
    start_and_admit(c, t0);
    const auto& failure = failure_of(c, c.resume(broken(t0 + 10ms, true)));
    CHECK(failure.code == tr::errc::connection_failed);
    CHECK(contains(failure.diag.client_message, "not retried: the request is not idempotent"));
    CHECK(failure.diag.method == "POST");
    CHECK(failure.diag.path == "/api/v1/candidates/cand_1");
    CHECK(c.budget.retries_asked == 0);
}

TEST_CASE("call_fsm: a POST that provably never reached the server is retried after a transport error") {
    call c{tr::http_method::post};
    c.machine();
    start_and_admit(c, t0);
    CHECK(c.resume(broken(t0 + 10ms, false)).type == act::wait);
}

TEST_CASE("call_fsm: a GET is retried after a transport error that may have reached the server") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    const auto wait = c.resume(broken(t0 + 10ms, true));
    REQUIRE(wait.type == act::wait);
    CHECK(contains(wait.note, "(network)"));
    REQUIRE(c.budget.feedback.size() == 1);
    CHECK(c.budget.feedback[0].http_status == 0);
}

TEST_CASE("call_fsm: a refused retry budget ends the call with retry_budget_exhausted, keeping the last failure") {
    call c;
    c.budget.grant_retries = false;
    c.machine();
    start_and_admit(c, t0);
    const auto& failure = failure_of(c, c.resume(answered(t0 + 10ms, 503)));
    CHECK(failure.code == tr::errc::retry_budget_exhausted);
    CHECK(failure.diag.http_status == 503);
    CHECK(contains(failure.diag.client_message,
                   "after 1 attempt(s), not retried: the key's retry budget is exhausted by recent failures"));
    CHECK(contains(failure.diag.client_message, "; the last attempt failed with: "));
    CHECK(c.budget.retries_asked == 1);
}

TEST_CASE("call_fsm: a retry that could not start before total_timeout is refused with the deadline") {
    call c;
    c.retry.total_timeout = 1s;
    c.machine(500ms);
    start_and_admit(c, t0);
    // The backoff would be 100 ms: from 900 ms it would end exactly at the 1 s deadline.
    const auto& failure = failure_of(c, c.resume(answered(t0 + 900ms, 503)));
    CHECK(failure.code == tr::errc::server_error);
    CHECK(contains(failure.diag.client_message,
                   "after 1 attempt(s), not retried: the next attempt could not start "
                   "before the deadline"));
    CHECK(c.budget.retries_asked == 0);
}

TEST_CASE("call_fsm: the attempt limit ends a call that keeps failing, counting its attempts in the message") {
    call c;
    c.retry.max_attempts = 2;
    c.machine();
    start_and_admit(c, t0);
    REQUIRE(c.resume(answered(t0 + 10ms, 500)).type == act::wait);
    REQUIRE(c.resume(at(kind::backoff_done, t0 + 200ms)).type == act::admit);
    REQUIRE(c.resume(admitted(t0 + 200ms)).type == act::send);
    const auto& failure = failure_of(c, c.resume(answered(t0 + 210ms, 500)));
    CHECK(failure.code == tr::errc::server_error);
    CHECK(contains(failure.diag.client_message, "after 2 attempt(s), not retried: the attempt limit was reached"));
}

TEST_CASE("call_fsm: a 404 on the first attempt is not retried and its message names no attempt count") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    const auto& failure = failure_of(c, c.resume(answered(t0 + 10ms, 404)));
    CHECK(failure.diag.http_status == 404);
    CHECK_FALSE(contains(failure.diag.client_message, "attempt(s)"));
}

TEST_CASE("call_fsm: close while admitting ends the call with client_closed and nothing sent") {
    call c;
    c.machine();
    REQUIRE(c.resume(at(kind::started, t0)).type == act::admit);
    const auto& failure = failure_of(c, c.resume(at(kind::admission_stopped, t0 + 1s)));
    CHECK(failure.code == tr::errc::client_closed);
    CHECK(contains(failure.diag.client_message, "while the call waited for its turn to send"));
    CHECK(c.budget.feedback.empty());
    CHECK(c.reporter.events.empty());
}

TEST_CASE("call_fsm: close while backing off ends the call with client_closed and keeps the last failure") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    REQUIRE(c.resume(answered(t0 + 10ms, 503)).type == act::wait);
    const auto& failure = failure_of(c, c.resume(at(kind::backoff_stopped, t0 + 50ms)));
    CHECK(failure.code == tr::errc::client_closed);
    CHECK(failure.diag.http_status == 503);
    CHECK(contains(failure.diag.client_message, "not retried: the client was closed; the last attempt failed with: "));
    CHECK(failure.diag.method == "GET");
}

TEST_CASE(
    "call_fsm: an attempt cut off at the drain deadline ends the call with client_closed, unretried, and "
    "is reported to the budget and the observer") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    const auto& failure = failure_of(c, c.resume(at(kind::send_cut_off, t0 + 3s)));
    CHECK(failure.code == tr::errc::client_closed);
    CHECK(contains(failure.diag.client_message, "still in flight at the end of the drain"));
    CHECK(c.budget.retries_asked == 0);
    REQUIRE(c.budget.feedback.size() == 1);
    CHECK(c.budget.feedback[0].http_status == 0);
    REQUIRE(c.reporter.events.size() == 1);
    CHECK(c.reporter.events[0].error == tr::errc::client_closed);
    CHECK(c.reporter.events[0].total == 3s);
}

TEST_CASE("call_fsm: a backoff cancelled by the caller ends the call with the timer's error") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    REQUIRE(c.resume(answered(t0 + 10ms, 503)).type == act::wait);
    auto done = at(kind::backoff_done, t0 + 20ms);
    done.backoff_error = boost::asio::error::operation_aborted;
    const auto& failure = failure_of(c, c.resume(done));
    CHECK(failure.code == boost::asio::error::operation_aborted);
}

TEST_CASE(
    "call_fsm: a refused admission ends the call with the budget's error and one observer event for the "
    "attempt never sent") {
    call c;
    c.machine();
    REQUIRE(c.resume(at(kind::started, t0)).type == act::admit);
    const auto& failure = failure_of(c, c.resume(refused(t0 + 4s, tr::errc::admission_deadline)));
    CHECK(failure.code == tr::errc::admission_deadline);
    CHECK(failure.diag.method == "GET");
    CHECK(failure.diag.path == "/api/v1/candidates/cand_1");
    REQUIRE(c.reporter.events.size() == 1);
    CHECK(c.reporter.events[0].attempt == 1);
    CHECK(c.reporter.events[0].http_status == 0);
    CHECK(c.reporter.events[0].error == tr::errc::admission_deadline);
    CHECK(c.reporter.events[0].admission_wait == 4s);
    CHECK(c.budget.feedback.empty());
}

TEST_CASE("call_fsm: the observer hears one event per attempt, each naming the cause of its retry") {
    call c;
    c.spec.operation = tr::operation::get_candidate;
    c.machine();
    start_and_admit(c, t0);
    REQUIRE(c.resume(answered(t0 + 10ms, 503)).type == act::wait);
    REQUIRE(c.resume(at(kind::backoff_done, t0 + 110ms)).type == act::admit);
    REQUIRE(c.resume(admitted(t0 + 150ms)).type == act::send);
    REQUIRE(c.resume(answered(t0 + 170ms, 429)).type == act::wait);
    REQUIRE(c.resume(at(kind::backoff_done, t0 + 170ms)).type == act::admit);
    REQUIRE(c.resume(admitted(t0 + 1170ms)).type == act::send);
    REQUIRE(c.resume(answered(t0 + 1180ms, 200)).type == act::complete);

    const auto& events = c.reporter.events;
    REQUIRE(events.size() == 3);
    CHECK(events[0].attempt == 1);
    CHECK_FALSE(events[0].retry_cause);
    CHECK(events[0].http_status == 503);
    CHECK(events[0].error == tr::errc::server_error);
    CHECK(events[0].total == 10ms);
    CHECK(events[1].attempt == 2);
    CHECK(events[1].retry_cause == tr::retry_cause::server_error);
    CHECK(events[1].http_status == 429);
    CHECK(events[1].error == tr::errc::rate_limited);
    CHECK(events[1].admission_wait == 40ms);
    CHECK(events[2].attempt == 3);
    CHECK(events[2].retry_cause == tr::retry_cause::rate_limited);
    CHECK(events[2].http_status == 200);
    CHECK_FALSE(events[2].error);
    CHECK(events[2].admission_wait == 1000ms);
    for (const auto& event : events) {
        CHECK(event.operation == "get_candidate");
        CHECK(event.route == "/api/v1/candidates/{id}");
    }
}

TEST_CASE("call_fsm: a failure quoting the key is redacted in the result and in every log line") {
    call c;
    c.machine();
    start_and_admit(c, t0);
    const auto& failure =
        failure_of(c, c.resume(answered(t0 + 10ms, 400, {}, R"({"error":"bad key )" + api_key_text + R"("})")));
    CHECK_FALSE(contains(failure.diag.to_string(), api_key_text.substr(0, 20)));
    CHECK(contains(failure.diag.to_string(), "[redacted]"));
    for (const auto& line : c.reporter.lines) CHECK_FALSE(contains(line, api_key_text.substr(0, 20)));
}

TEST_CASE("call_fsm: the log says each response's status and time, and the call's failure with its method and path") {
    call c;
    c.retry.max_attempts = 1;
    c.machine();
    start_and_admit(c, t0);
    (void)failure_of(c, c.resume(answered(t0 + 42ms, 503)));
    REQUIRE(c.reporter.lines.size() == 2);
    CHECK(c.reporter.lines[0] == "debug: GET /api/v1/candidates/cand_1 -> 503 in 42 ms");
    CHECK(contains(c.reporter.lines[1], "debug: failed: "));
    CHECK(contains(c.reporter.lines[1], "GET /api/v1/candidates/cand_1"));
}

TEST_CASE("call_fsm: a budget that wants a ready connection gets prepare, then admit, then send") {
    call c;
    c.budget.wants_ready = true;
    c.retry.total_timeout = 25s;
    c.machine(10s);
    const auto prepare = c.resume(at(kind::started, t0));
    REQUIRE(prepare.type == act::prepare);
    CHECK(prepare.deadline == t0 + 10s);  // the attempt's limit, capped by the call's deadline
    const auto admit = c.resume(prepared(t0 + 40ms));
    REQUIRE(admit.type == act::admit);
    CHECK(admit.deadline == t0 + 25s);
    REQUIRE(c.resume(admitted(t0 + 50ms)).type == act::send);
    REQUIRE(c.resume(answered(t0 + 60ms, 200)).type == act::complete);
    REQUIRE(c.outcome().has_value());
    // The warm-up is no part of the attempt's admission wait.
    REQUIRE(c.reporter.events.size() == 1);
    CHECK(c.reporter.events[0].admission_wait == 10ms);
}

TEST_CASE("call_fsm: a failed warm-up still admits and sends, and says so in a debug line") {
    call c;
    c.budget.wants_ready = true;
    c.machine();
    REQUIRE(c.resume(at(kind::started, t0)).type == act::prepare);
    REQUIRE(c.resume(prepared(t0 + 5ms, boost::asio::error::connection_refused)).type == act::admit);
    REQUIRE(c.resume(admitted(t0 + 6ms)).type == act::send);
    REQUIRE(c.resume(answered(t0 + 20ms, 200)).type == act::complete);
    REQUIRE(c.outcome().has_value());
    REQUIRE_FALSE(c.reporter.lines.empty());
    CHECK(contains(c.reporter.lines[0], "debug: no connection warmed before admission"));
}

TEST_CASE("call_fsm: a retry warms its connection again before its admission") {
    call c;
    c.budget.wants_ready = true;
    c.machine();
    REQUIRE(c.resume(at(kind::started, t0)).type == act::prepare);
    REQUIRE(c.resume(prepared(t0)).type == act::admit);
    REQUIRE(c.resume(admitted(t0)).type == act::send);
    REQUIRE(c.resume(answered(t0 + 10ms, 503)).type == act::wait);
    REQUIRE(c.resume(at(kind::backoff_done, t0 + 110ms)).type == act::prepare);
    REQUIRE(c.resume(prepared(t0 + 120ms)).type == act::admit);
    REQUIRE(c.resume(admitted(t0 + 120ms)).type == act::send);
    REQUIRE(c.resume(answered(t0 + 130ms, 200)).type == act::complete);
    CHECK(c.outcome().has_value());
}

TEST_CASE("call_fsm: a budget that does not want a ready connection never sees prepare, retries included") {
    call c;
    c.machine();
    REQUIRE(c.resume(at(kind::started, t0)).type == act::admit);
    REQUIRE(c.resume(admitted(t0)).type == act::send);
    REQUIRE(c.resume(answered(t0 + 10ms, 503)).type == act::wait);
    REQUIRE(c.resume(at(kind::backoff_done, t0 + 110ms)).type == act::admit);
}

TEST_CASE("call_fsm: a warm-up cancelled by the caller ends the call with operation_aborted, nothing admitted") {
    call c;
    c.budget.wants_ready = true;
    c.machine();
    REQUIRE(c.resume(at(kind::started, t0)).type == act::prepare);
    const auto& failure = failure_of(c, c.resume(prepared(t0 + 5ms, boost::asio::error::operation_aborted)));
    CHECK(failure.code == boost::asio::error::operation_aborted);
    CHECK(c.budget.feedback.empty());
}

TEST_CASE("call_fsm: close during the warm-up ends the call with client_closed and nothing sent") {
    call c;
    c.budget.wants_ready = true;
    c.machine();
    REQUIRE(c.resume(at(kind::started, t0)).type == act::prepare);
    const auto& failure = failure_of(c, c.resume(at(kind::admission_stopped, t0 + 1s)));
    CHECK(failure.code == tr::errc::client_closed);
    CHECK(c.budget.feedback.empty());
}
