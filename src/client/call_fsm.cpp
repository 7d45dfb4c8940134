#include "client/call_fsm.hpp"

#include "client/error_decoding.hpp"
#include "scheduler/random_jitter.hpp"

#include <talentray/model/operation.hpp>

#include <boost/asio/error.hpp>
#include <boost/beast/http/verb.hpp>

#include <algorithm>

namespace talentray::detail {

namespace {

/// What a call that close() stopped before its next step reports: the close, and the failure of
/// the attempt it would have retried, whose diagnostics it keeps.
error_info closed_before_retry(error_info last_failure) {
    const std::string last = last_failure.code.message();
    last_failure.code = errc::client_closed;
    if (!last_failure.diag.client_message.empty()) last_failure.diag.client_message += "; ";
    last_failure.diag.client_message += "not retried: the client was closed; the last attempt failed with: " + last;
    return last_failure;
}

/// What an attempt still in flight at close()'s drain deadline becomes once it is cancelled.
send_outcome cut_off_at_drain_deadline() {
    send_outcome outcome;
    outcome.received = make_error_info(errc::client_closed,
                                       "the client was closed and the call was still in flight at "
                                       "the end of the drain; it was cancelled");
    outcome.may_have_reached_server = true;
    return outcome;
}

error_info closed_while_queued() {
    return make_error_info(errc::client_closed,
                           "the client was closed (client::close()) while the call waited for "
                           "its turn to send; nothing more was sent");
}

void fill_wire(request_event& event, const wire_report& wire) noexcept {
    event.connect = wire.connect;
    event.tls_handshake = wire.tls_handshake;
    event.first_byte = wire.first_byte;
    event.bytes_out = wire.bytes_out;
    event.bytes_in = wire.bytes_in;
    event.connection_reused = wire.reused;
}

}  // namespace

call_fsm::call_fsm(call_setup setup) : setup_(setup), method_(boost::beast::http::to_string(setup.spec->method)) {
    if (!setup_.jitter) setup_.jitter = uniform_jitter;
}

error_info call_fsm::fail(error_info info) const {
    info.diag.method = method_;
    info.diag.path = setup_.spec->path;
    setup_.reporter->log(log_level::debug, "failed: " + info.diag.to_string());
    return info;
}

template <class T>
call_action call_fsm::complete(T&& outcome) {
    permit_.release();
    outcome_.emplace(std::forward<T>(outcome));
    call_action action;
    action.type = call_action::kind::complete;
    return action;
}

request_event call_fsm::start_event() const noexcept {
    request_event event;
    if (setup_.spec->operation) {
        const operation_info& info = describe(*setup_.spec->operation);
        event.operation = info.sdk_name;
        event.route = info.path_template;
    }
    event.method = setup_.spec->method;
    event.attempt = attempt_.attempt;
    event.retry_cause = cause_of_retry_;
    return event;
}

call_action call_fsm::begin_attempt(clock::time_point now) {
    // A budget shared with other processes paces arrivals: the attempt warms its connection
    // first, so that the permit is not spent opening one. The warm-up belongs to no attempt's
    // admission wait or total.
    if (setup_.budget->wants_ready_connection()) {
        call_action action;
        action.type = call_action::kind::prepare;
        action.deadline = std::min(now + setup_.per_attempt, attempt_.deadline);
        return action;
    }
    return admit(now);
}

call_action call_fsm::admit(clock::time_point now) {
    admitting_at_ = now;
    call_action action;
    action.type = call_action::kind::admit;
    action.prio = setup_.spec->priority;
    action.deadline = attempt_.deadline;
    return action;
}

call_action call_fsm::resume(const call_event& event) {
    using kind = call_event::kind;
    switch (event.type) {
    case kind::started:
        attempt_.first_attempt_at = event.now;
        attempt_.deadline = event.now + std::max(setup_.per_attempt, setup_.retry->total_timeout);
        attempt_.idempotent = setup_.spec->is_idempotent();
        attempt_.attempt = 1;
        return begin_attempt(event.now);

    case kind::prepared:
        if (event.prepare_error == boost::asio::error::operation_aborted)  // the caller cancelled the call
            return complete(fail(error_info{event.prepare_error, {}}));
        // A warm-up that failed decides nothing: the attempt connects when it sends, and fails
        // or is retried as it would have without the warm-up.
        if (event.prepare_error && setup_.logging)
            setup_.reporter->log(log_level::debug, "no connection warmed before admission (" +
                                                       event.prepare_error.message() +
                                                       "); the attempt connects when it sends");
        return admit(event.now);

    case kind::admitted: {
        result<admission_permit>& admitted = *event.admission;
        if (!admitted) {
            // The attempt that was never admitted is an attempt too: the observer hears of it.
            if (setup_.observed) {
                request_event report = start_event();
                report.error = admitted.error().code;
                report.admission_wait = event.now - admitting_at_;
                setup_.reporter->notify(report);
            }
            return complete(fail(std::move(admitted).error()));
        }
        permit_ = std::move(*admitted);
        started_at_ = event.now;
        call_action action;
        action.type = call_action::kind::send;
        action.deadline = std::min(event.now + setup_.per_attempt, attempt_.deadline);
        return action;
    }

    // Once close() has begun, a call finishes the attempt it is sending, if the drain lets it,
    // and begins nothing else.
    case kind::admission_stopped:
        return complete(fail(closed_while_queued()));
    case kind::sent:
        return on_outcome(*event.outcome, false, event.now);
    case kind::send_cut_off: {
        send_outcome cut_off = cut_off_at_drain_deadline();
        return on_outcome(cut_off, true, event.now);
    }
    case kind::backoff_stopped:
        return complete(fail(closed_before_retry(std::move(*last_failure_))));

    case kind::backoff_done:
        if (event.backoff_error) return complete(fail(error_info{event.backoff_error, {}}));  // cancelled
        ++attempt_.attempt;
        return begin_attempt(event.now);
    }
    return complete(fail(make_error_info(errc::invalid_argument, "unknown call event")));
}

call_action call_fsm::on_outcome(send_outcome& outcome, bool cut_off, clock::time_point now) {
    const request_spec& spec = *setup_.spec;
    const call_reporter& reporter = *setup_.reporter;
    admission_budget& budget = *setup_.budget;
    std::optional<request_event> event;
    if (setup_.observed) {
        event = start_event();
        event->admission_wait = started_at_ - admitting_at_;
        event->total = now - started_at_;
        fill_wire(*event, outcome.wire);
    }

    response_feedback feedback;
    feedback.admitted_at = permit_.admitted_at();
    feedback.depth = permit_.depth();
    if (outcome.received) {
        response& res = *outcome.received;
        if (setup_.logging) {
            auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - started_at_);
            reporter.log(log_level::debug, std::string(method_) + " " + spec.path + " -> " +
                                               std::to_string(res.status) + " in " +
                                               std::to_string(elapsed.count()) + " ms");
        }
        feedback.http_status = res.status;
        for (const auto& [name, value] : res.headers) feedback.rate_limit.assign(name, value);
        if (event) event->http_status = res.status;
        if (res.status >= 200 && res.status < 300) {
            budget.on_response(feedback);
            if (event) reporter.notify(*event);
            return complete(std::move(res));
        }
        error_info failure = decode_error_response(res, method_, spec.path);
        feedback.retry_after = failure.diag.retry_after;
        budget.on_response(feedback);  // reads the headers: before `res` goes
        return on_failure(std::move(failure), outcome.may_have_reached_server, cut_off, event ? &*event : nullptr, now);
    }
    budget.on_response(feedback);
    return on_failure(std::move(outcome.received).error(), outcome.may_have_reached_server, cut_off,
                      event ? &*event : nullptr, now);
}

call_action call_fsm::on_failure(error_info failure, bool may_have_reached_server, bool cut_off, request_event* event,
                                 clock::time_point now) {
    const call_reporter& reporter = *setup_.reporter;
    // The one place a failure's text is redacted: every failure that may quote the server
    // passes here before anything repeats it, the retry log line first. The client's own
    // failures (no key, admission, bad options) quote nothing of the server.
    setup_.redactor->redact_in_place(failure.diag);
    permit_.release();
    if (event) {
        event->error = failure.code;
        reporter.notify(*event);
    }
    if (cut_off) return complete(fail(std::move(failure)));

    const request_spec& spec = *setup_.spec;
    attempt_.http_status = failure.diag.http_status;
    attempt_.error = failure.code;
    attempt_.retry_after = failure.diag.retry_after;
    attempt_.request_written = may_have_reached_server;
    if (attempt_.http_status == 429) ++attempt_.rate_limited_attempts;
    const retry_decision decision = decide_retry(attempt_, *setup_.retry, setup_.budget, now, setup_.jitter());
    cause_of_retry_ = decision.cause;
    if (!decision.retry) {
        if (decision.refusal != retry_refusal::not_retryable || attempt_.attempt > 1) {
            if (!failure.diag.client_message.empty()) failure.diag.client_message += "; ";
            failure.diag.client_message +=
                "after " + std::to_string(attempt_.attempt) + " attempt(s), " + decision.explain();
        }
        if (decision.refusal == retry_refusal::retry_budget_exhausted) {
            // Say why it stopped, so callers can test for it; the last failure's status, API
            // code and message stay in the diagnostics, and its own code in the text.
            failure.diag.client_message += "; the last attempt failed with: " + failure.code.message();
            failure.code = errc::retry_budget_exhausted;
        }
        return complete(fail(std::move(failure)));
    }
    failure.diag.method = method_;  // named once, by the diagnostics themselves
    failure.diag.path = spec.path;
    call_action action;
    action.type = call_action::kind::wait;
    action.delay = decision.delay;
    note_ = failure.diag.to_string() + "; " + decision.explain();
    action.note = note_;
    last_failure_.emplace(std::move(failure));
    return action;
}

}  // namespace talentray::detail
