// The decisions of one call, apart from its I/O: a sans-io state machine that the client's
// coroutine drives. The coroutine performs what an action asks (admission, the attempt, the
// backoff timer, the race with close()) and feeds back what happened as an event; the machine
// decides the rest (what a response means, what the budget is told, whether and when to retry,
// what close() means at each step, what the observer and the log hear). Time is an input of
// every event, so tests drive a call event by event in virtual time, without sockets.
#pragma once

#include "base/key_redaction.hpp"
#include "scheduler/admission_budget.hpp"
#include "scheduler/retry_policy.hpp"
#include "transport/transport.hpp"

#include <talentray/log.hpp>
#include <talentray/request.hpp>
#include <talentray/request_event.hpp>
#include <talentray/response.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace talentray::detail {

/// Where a call's log lines and observer events go. The client forwards them to its logger
/// (which redacts) and to `client_options::observer`; tests record them.
class call_reporter {
public:
    virtual ~call_reporter() = default;
    /// Throws only what the log handler throws.
    virtual void log(log_level level, std::string_view message) const = 0;
    virtual void notify(const request_event& event) const noexcept = 0;
};

/// What happened since the last action; `now` is when it happened. The permit and the outcome
/// stay with the caller, who owns them until `resume` returns: the machine moves from them.
struct call_event {
    enum class kind {
        started,            ///< the call's request is checked; nothing asked of the budget yet
        prepared,           ///< the warm-up ended; `prepare_error` says how (it decides nothing)
        admitted,           ///< `admission` holds the permit, or why admission failed
        admission_stopped,  ///< close() stopped the call before it sent (queued, or about to send)
        sent,               ///< `outcome` of the attempt
        send_cut_off,       ///< close()'s drain deadline passed during the attempt; it was cancelled
        backoff_done,       ///< the backoff ended; `backoff_error` is set when it was cancelled
        backoff_stopped,    ///< close() stopped the call during (or before) its backoff
    };

    kind type = kind::started;
    std::chrono::steady_clock::time_point now{};
    result<admission_permit>* admission = nullptr;  // admitted
    send_outcome* outcome = nullptr;                // sent
    boost::system::error_code backoff_error;        // backoff_done
    boost::system::error_code prepare_error;        // prepared
};

/// What the driving coroutine must do next.
struct call_action {
    enum class kind {
        prepare,   ///< enter the admitting phase, then make sure the transport has a connection
                   ///< ready (open one if none is idle), bounded by `deadline`; holds none
        admit,     ///< enter the admitting phase, then admit `prio` before `deadline`
        send,      ///< enter the sending phase, then send the request, bounded by `deadline`
        wait,      ///< enter the backing-off phase, log `note` (info), then wait `delay`
        complete,  ///< the call is over: return `call_fsm::outcome()`
    };

    kind type = kind::complete;
    priority prio = priority::interactive;
    std::chrono::steady_clock::time_point deadline{};
    std::chrono::milliseconds delay{0};
    std::string_view note;  ///< valid until the next resume
};

/// The fixed inputs of one call. Everything referred to must outlive the machine.
struct call_setup {
    const request_spec* spec = nullptr;        ///< method, path, priority, operation, idempotency
    const retry_options* retry = nullptr;      ///< the call's retry options (validated)
    admission_budget* budget = nullptr;        ///< told every attempt's outcome; spends retries
    const key_redactor* redactor = nullptr;    ///< applied to every failure that may quote the server
    const call_reporter* reporter = nullptr;   ///< log lines and observer events
    bool logging = false;                      ///< log lines are wanted: none is formatted otherwise
    bool observed = false;                     ///< events are wanted: none is filled otherwise
    std::chrono::milliseconds per_attempt{0};  ///< the limit of each attempt
    double (*jitter)() noexcept = nullptr;     ///< draws in [0, 1) for the backoff; null: the real one
};

/// One call's retry loop. Not thread-safe: one coroutine drives it.
class call_fsm {
public:
    using clock = std::chrono::steady_clock;

    explicit call_fsm(call_setup setup);

    /// Takes the event that answers the previous action (`started` first) and returns the next
    /// action; the event's permit or outcome is moved from. After a `complete` action the machine
    /// is done and must not be resumed. Throws only `std::bad_alloc` and what the log handler
    /// throws.
    call_action resume(const call_event& event);

    /// The call's result, once a `complete` action has been returned (move from it).
    result<response>& outcome() noexcept { return *outcome_; }

    /// The call's failure with its method and path, logged (debug) as the call's end.
    error_info fail(error_info info) const;

private:
    call_action begin_attempt(clock::time_point now);
    call_action admit(clock::time_point now);
    call_action on_outcome(send_outcome& outcome, bool cut_off, clock::time_point now);
    call_action on_failure(error_info failure, bool may_have_reached_server, bool cut_off, request_event* event,
                           clock::time_point now);
    template <class T>
    call_action complete(T&& outcome);
    request_event start_event() const noexcept;

    call_setup setup_;
    std::string_view method_;  // static text of the verb
    attempt_info attempt_;
    std::optional<retry_cause> cause_of_retry_;  // of the attempt about to start
    admission_permit permit_;
    clock::time_point admitting_at_{};
    clock::time_point started_at_{};
    std::optional<error_info> last_failure_;  // the failure being retried, while backing off
    std::string note_;                        // the last wait action's log line
    std::optional<result<response>> outcome_;
};

}  // namespace talentray::detail
