#include "core/client_impl.hpp"

#include "core/error_decoding.hpp"
#include "core/header_rules.hpp"
#include "core/key_redaction.hpp"
#include "core/public_budget.hpp"
#include "model/url.hpp"
#include "scheduler/admission_budget.hpp"
#include "scheduler/retry_after.hpp"
#include "transport/decoding_body.hpp"
#include "transport/no_proxy.hpp"
#include "transport/proxy.hpp"
#include "transport/tls_context.hpp"

#include <talentray/scheduler/budget_registry.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/json/serialize.hpp>

#include <optional>

namespace talentray::detail {
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

bool is_control_or_space(char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
}

/// The key is never checked against a format beyond what would corrupt a header: the server
/// is the judge of validity, but whitespace or control characters would change the request.
/// Returns the warning to log when the key does not look like a Talent-Ray key.
std::optional<std::string> validate_key(const secret& key) {
    auto text = key.reveal();
    for (char c : text)
        if (is_control_or_space(c))
            throw_error(errc::invalid_api_key,
                        "the API key contains whitespace or control characters (was it read with a trailing "
                        "newline?)");
    if (text.empty() || (text.starts_with("tr_") && text.size() == 67)) return std::nullopt;
    return "the API key does not look like a Talent-Ray key (expected 'tr_' followed by 64 characters); the "
           "server will decide (key shown as " +
           key.redacted() + ")";
}

template <class T>
asio::awaitable<std::optional<T>> race_with_stop(tracked_call& call, asio::awaitable<T> operation) {
    using namespace asio::experimental::awaitable_operators;
    auto outcome = co_await (std::move(operation) || call.stopped());
    if (outcome.index() != 0) co_return std::nullopt;
    co_return std::optional<T>{std::move(std::get<0>(outcome))};
}

/// Runs `operation` unless `call` is told to stop first, in which case the operation is
/// cancelled (terminal; it has ended when this returns) and the result is empty. The caller's
/// own cancellation reaches the operation as before.
template <class T>
asio::awaitable<std::optional<T>> unless_stopped(tracked_call& call, asio::awaitable<T> operation) {
    // The race runs on a strand: whichever side ends first cancels the other, and on an
    // io_context run by several threads that cancellation must not run beside the other side.
    auto strand = asio::make_strand(co_await asio::this_coro::executor);
    // The caller's cancellation is handed to the race from inside the strand. Left to co_spawn,
    // Boost 1.81 posts it to the strand from outside, holding the address of a signal that the
    // race frees when it ends first: the posted emit then reads freed memory. Here the signal is
    // shared with the posted emit, and inside the strand the emit reaches the race at once.
    auto forward = std::make_shared<asio::cancellation_signal>();
    const asio::cancellation_state state = co_await asio::this_coro::cancellation_state;
    asio::cancellation_slot caller = state.slot();
    if (caller.is_connected())
        caller.assign([forward, strand](asio::cancellation_type type) {
            asio::dispatch(strand, [forward, type] { forward->emit(type); });
        });
    auto outcome = co_await asio::co_spawn(strand, race_with_stop(call, std::move(operation)),
                                           asio::bind_cancellation_slot(forward->slot(), asio::use_awaitable));
    if (caller.is_connected()) caller.clear();
    co_return outcome;
}

/// What a call that close() stopped before its next step reports: the close, and the failure of
/// the attempt it would have retried, whose diagnostics it keeps.
error_info closed_before_retry(error_info last_failure) {
    const std::string last = last_failure.code.message();
    last_failure.code = errc::client_closed;
    if (!last_failure.diag.client_message.empty()) last_failure.diag.client_message += "; ";
    last_failure.diag.client_message +=
        "not retried: the client was closed; the last attempt failed with: " + last;
    return last_failure;
}

/// What an attempt still in flight at close()'s drain deadline becomes once it is cancelled.
send_outcome cut_off_at_drain_deadline() {
    send_outcome outcome;
    outcome.answer = make_error_info(errc::client_closed, "the client was closed and the call was still in flight at "
                                                         "the end of the drain; it was cancelled");
    outcome.may_have_reached_server = true;
    return outcome;
}

}  // namespace

client_impl::client_impl(asio::any_io_executor executor, client_options options)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      redactor_(std::make_shared<const key_redactor>(options_.api_key)) {
    auto proxy = parse_proxy_url(options_.proxy.reveal());
    if (!proxy) throw error(proxy.error());
    options_.proxy = secret{};  // wiped: the parsed endpoint keeps what the client needs
    // The proxy's credentials are secrets like the key: the one redactor hides both.
    if (*proxy) redactor_ = std::make_shared<const key_redactor>(options_.api_key, (*proxy)->credential_forms);
    if (auto warning = validate_key(options_.api_key)) log(log_level::warning, *warning);
    for (char c : options_.user_agent)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            throw_error(errc::invalid_argument, "client_options::user_agent contains control characters");
    for (std::size_t i = 0; i < options_.headers.size(); ++i)
        if (auto problem = header_field_problem(options_.headers[i], "client_options::headers[" + std::to_string(i) + "]"))
            throw_error(errc::invalid_argument, *problem);

    auto target = parse_origin(options_.base_url);
    if (!target) throw error(target.error());
    if (auto secure = check_transport_security(*target, options_.allow_insecure_http); !secure)
        throw error(secure.error());

    std::shared_ptr<asio::ssl::context> tls_ctx;
    if (target->tls) {
        auto made = make_tls_context(options_.tls);
        if (!made) throw error(made.error());
        tls_ctx = std::move(*made);
        if (options_.tls.disable_verification_dangerously)
            log(log_level::warning, "TLS certificate verification is DISABLED for " + target->to_string() +
                                        ": anyone on the network path can read the API key");
    }
    if (!target->tls && options_.allow_insecure_http && !is_loopback_host(target->host))
        log(log_level::warning, "sending the API key over plain http:// to " + target->to_string());

    validate(options_.retry);
    if (!options_.api_key.empty()) {
        budget_ = options_.budget ? options_.budget
                                  : shared_rate_budget(options_.api_key.reveal(), options_.scheduler, options_.logger);
        keyed_retry_ = retry_policy{options_.retry, budget_};
        std::string value = options_.auth == auth_scheme::bearer ? "Bearer " : "";
        value += options_.api_key.reveal();
        auth_value_ = secret{std::move(value)};
        options_.api_key = secret{};  // wiped: auth_value_ is the one copy the client keeps
    }
    public_budget_ = make_public_budget(options_.scheduler);
    public_retry_ = retry_policy{options_.retry, public_budget_};
    // Only https:// tunnels through the proxy: plain http:// is for loopback hosts, reached directly.
    std::optional<proxy_endpoint> tunnel;
    if (*proxy && target->tls && !proxy_bypassed(options_.no_proxy, target->host, target->port)) {
        tunnel = std::move(**proxy);
        log(log_level::debug, "connecting to " + target->to_string() + " through proxy " + tunnel->to_string());
    }
    transport_ = std::make_unique<transport>(std::move(*target), std::move(tls_ctx), options_.pool,
                                             options_.timeouts, options_.max_body_size, std::move(tunnel));
}

void client_impl::log(log_level level, std::string_view message) const {
    // The one way out to the logger: whatever a line quotes of a server's answer, the key and
    // any long piece of it are gone before the handler sees it.
    if (options_.logger) options_.logger(level, redactor_->redact(message));
}

result<http_request> client_impl::build_request(const request_spec& spec) const {
    if (spec.path.empty() || spec.path.front() != '/')
        return make_error_info(errc::invalid_argument, "request path must start with '/'");
    for (char c : spec.path)
        if (is_control_or_space(c) || c == '?' || c == '#')
            return make_error_info(errc::invalid_argument,
                                   "request path contains a character that must be percent-encoded "
                                   "(space, control character, '?' or '#')");
    for (const auto& parameter : spec.query)
        if (parameter.name.empty()) return make_error_info(errc::invalid_argument, "query parameter with an empty name");
    for (std::size_t i = 0; i < spec.headers.size(); ++i)
        if (auto problem = header_field_problem(spec.headers[i], "request_spec::headers[" + std::to_string(i) + "]"))
            return make_error_info(errc::invalid_argument, std::move(*problem));
    const std::string target = make_target(transport_->target().base_path + spec.path, spec.query);

    http_request message{spec.method, target, 11};
    message.set(http::field::host, transport_->target().host_header());
    message.set(http::field::user_agent, options_.user_agent);
    message.set(http::field::accept, "application/json");
    // Every GET, not only list pages: all of them answer JSON, which gzip shrinks well, and a
    // server compresses only answers large enough to gain from it. Writes answer little.
    if (options_.compression && gzip_supported() && spec.method == http::verb::get)
        message.set(http::field::accept_encoding, "gzip");
    if (spec.authenticated && !auth_value_.empty()) {
        if (options_.auth == auth_scheme::bearer)
            message.set(http::field::authorization, auth_value_.reveal());
        else
            message.set("x-api-key", auth_value_.reveal());
    }
    // The call's own fields last: they replace the client's of the same name.
    for (const header_field& field : options_.headers) message.set(field.name, field.value);
    for (const header_field& field : spec.headers) message.set(field.name, field.value);
    if (spec.body) {
        message.set(http::field::content_type, "application/json");
        message.body() = boost::json::serialize(*spec.body);
    }
    message.prepare_payload();
    return message;
}

asio::awaitable<result<response>> client_impl::execute(request_spec spec) {
    auto self = shared_from_this();  // in-flight calls keep the client's internals alive
    const std::string method{http::to_string(spec.method)};
    auto fail = [&](error_info info) {
        info.diag.method = method;
        info.diag.path = spec.path;
        log(log_level::debug, "failed: " + info.diag.to_string());
        return info;
    };

    auto tracked = calls_.open(co_await asio::this_coro::executor);
    if (!tracked)
        co_return fail(make_error_info(errc::client_closed, "the client was closed (client::close()) before this call "
                                                            "started; nothing was sent"));
    const call_ticket call{calls_, std::move(tracked)};

    if (spec.authenticated && auth_value_.empty())
        co_return fail(make_error_info(errc::unauthorized, "no API key is configured (set TALENTRAY_API_KEY or "
                                                           "client_options::api_key); nothing was sent"));
    const retry_options& retry = spec.retry ? *spec.retry : options_.retry;
    if (spec.retry) {
        try {
            validate(*spec.retry);
        } catch (const error& e) {
            co_return fail(e.info());
        }
    }
    auto message = build_request(spec);
    if (!message) co_return fail(message.error());

    // The key's budget admits every keyed attempt; keyless calls have a budget of their own,
    // which paces nothing ahead of time but makes every one of them wait out a 429.
    admission_budget& budget = budget_of(spec.authenticated ? *budget_ : *public_budget_);
    const retry_policy& policy = spec.authenticated ? keyed_retry_ : public_retry_;
    const auto per_attempt = spec.timeout.value_or(options_.timeouts.request);
    attempt_info attempt;
    attempt.first_attempt_at = clock::now();
    attempt.deadline = attempt.first_attempt_at + std::max(per_attempt, retry.total_timeout);
    attempt.idempotent = spec.is_idempotent();

    // Each step first asks the registry: once close() has begun, a call finishes the attempt it
    // is sending, if the drain lets it, and begins nothing else.
    const auto closed_while_queued = [&] {
        return fail(make_error_info(errc::client_closed, "the client was closed (client::close()) while the call "
                                                         "waited for its turn to send; nothing more was sent"));
    };
    // Without an observer nothing below reads a clock or fills an event for it.
    const bool observed = static_cast<bool>(options_.observer);
    std::optional<retry_cause> cause_of_retry;  // of the attempt about to start
    for (attempt.attempt = 1;; ++attempt.attempt) {
        if (!calls_.enter(*call, call_phase::admitting)) co_return closed_while_queued();
        const auto admitting = observed ? clock::now() : clock::time_point{};
        auto admitted = co_await unless_stopped(*call, budget.admit(spec.priority, attempt.deadline));
        if (!admitted) co_return closed_while_queued();
        if (!*admitted) {
            if (observed) {
                request_event event = start_event(spec, attempt.attempt, cause_of_retry);
                event.error = admitted->error().code;
                event.admission_wait = clock::now() - admitting;
                notify(event);
            }
            co_return fail(std::move(*admitted).error());
        }
        admission_permit permit = std::move(**admitted);
        if (!calls_.enter(*call, call_phase::sending)) co_return closed_while_queued();
        const auto started = clock::now();
        requests_.fetch_add(1, std::memory_order_relaxed);
        bytes_sent_.fetch_add(message->body().size(), std::memory_order_relaxed);
        auto sent = co_await unless_stopped(
            *call, transport_->send(*message, attempt.idempotent, std::min(started + per_attempt, attempt.deadline),
                                    observed));
        const bool cut_off = !sent;  // close()'s drain deadline passed during the attempt
        send_outcome outcome = cut_off ? cut_off_at_drain_deadline() : std::move(*sent);
        std::optional<request_event> event;
        if (observed) {
            event = start_event(spec, attempt.attempt, cause_of_retry);
            event->admission_wait = started - admitting;
            event->total = clock::now() - started;
            fill_wire(*event, outcome.wire);
        }

        response_feedback feedback;
        feedback.admitted_at = permit.admitted_at();
        feedback.depth = permit.depth();
        error_info failure;
        if (outcome.answer) {
            response& answer = *outcome.answer;
            count_status(answer.status);
            bytes_received_.fetch_add(answer.body.size(), std::memory_order_relaxed);
            if (options_.logger) {
                auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
                log(log_level::debug, method + " " + spec.path + " -> " + std::to_string(answer.status) + " in " +
                                          std::to_string(elapsed.count()) + " ms");
            }
            feedback.http_status = answer.status;
            for (const auto& [name, value] : answer.headers) feedback.rate_limit.assign(name, value);
            if (event) event->http_status = answer.status;
            if (answer.status >= 200 && answer.status < 300) {
                budget.on_response(feedback);
                if (event) notify(*event);
                co_return std::move(answer);
            }
            failure = decode_error_response(answer, method, spec.path);
            feedback.retry_after = failure.diag.retry_after;
            budget.on_response(feedback);  // reads the headers: before `answer` goes
        } else {
            transport_errors_.fetch_add(1, std::memory_order_relaxed);
            failure = std::move(outcome.answer).error();
            budget.on_response(feedback);
        }
        // The one place a failure's text is redacted: every failure that may quote the server
        // passes here before anything repeats it, the retry log line first. The client's own
        // failures (no key, admission, bad options) quote nothing of the server.
        redactor_->redact_in_place(failure.diag);
        permit.release();
        if (event) {
            event->error = failure.code;
            notify(*event);
        }
        if (cut_off) co_return fail(std::move(failure));

        attempt.http_status = failure.diag.http_status;
        attempt.error = failure.code;
        attempt.retry_after = failure.diag.retry_after;
        attempt.request_written = outcome.may_have_reached_server;
        if (attempt.http_status == 429) ++attempt.rate_limited_attempts;
        const retry_decision decision = policy.decide(attempt, retry);
        cause_of_retry = decision.cause;
        if (!decision.retry) {
            if (decision.refusal != retry_refusal::not_retryable || attempt.attempt > 1) {
                if (!failure.diag.client_message.empty()) failure.diag.client_message += "; ";
                failure.diag.client_message += "after " + std::to_string(attempt.attempt) + " attempt(s), " +
                                               decision.explain();
            }
            if (decision.refusal == retry_refusal::retry_budget_exhausted) {
                // Say why it stopped, so callers can test for it; the last failure's status, API
                // code and message stay in the diagnostics, and its own code in the text.
                failure.diag.client_message += "; the last attempt failed with: " + failure.code.message();
                failure.code = errc::retry_budget_exhausted;
            }
            co_return fail(std::move(failure));
        }
        if (!calls_.enter(*call, call_phase::backing_off)) co_return fail(closed_before_retry(std::move(failure)));
        failure.diag.method = method;  // named once, by the diagnostics themselves
        failure.diag.path = spec.path;
        log(log_level::info, failure.diag.to_string() + "; " + decision.explain());
        if (decision.delay.count() > 0) {
            asio::steady_timer backoff{co_await asio::this_coro::executor, decision.delay};
            auto waited = co_await unless_stopped(*call, backoff.async_wait(asio::as_tuple(asio::use_awaitable)));
            if (!waited) co_return fail(closed_before_retry(std::move(failure)));
            if (auto [ec] = *waited; ec) co_return fail(error_info{ec, {}});  // cancelled while backing off
        }
    }
}

request_event client_impl::start_event(const request_spec& spec, std::uint32_t attempt,
                                       std::optional<retry_cause> cause) const noexcept {
    request_event event;
    if (spec.operation) {
        const operation_info& info = describe(*spec.operation);
        event.operation = info.sdk_name;
        event.route = info.path_template;
    }
    event.method = spec.method;
    event.attempt = attempt;
    event.retry_cause = cause;
    return event;
}

void client_impl::fill_wire(request_event& event, const wire_report& wire) noexcept {
    event.connect = wire.connect;
    event.tls_handshake = wire.tls_handshake;
    event.first_byte = wire.first_byte;
    event.bytes_out = wire.bytes_out;
    event.bytes_in = wire.bytes_in;
    event.connection_reused = wire.reused;
}

void client_impl::notify(const request_event& event) const noexcept {
    // An observer's exception must not end the call, nor escape into the caller's executor: the
    // attempt's outcome is what the caller waits for, whatever the metrics code did with it.
    try {
        options_.observer(event);
    } catch (...) {
        try {
            log(log_level::warning, "client_options::observer threw; the call goes on without it");
        } catch (...) {
        }
    }
}

void client_impl::count_status(int status) noexcept {
    auto& counter = status < 300 ? responses_2xx_ : status < 400 ? responses_3xx_ : status < 500 ? responses_4xx_
                                                                                                 : responses_5xx_;
    counter.fetch_add(1, std::memory_order_relaxed);
}

client_counters client_impl::counters() const {
    client_counters out;
    out.requests = requests_.load(std::memory_order_relaxed);
    out.responses_2xx = responses_2xx_.load(std::memory_order_relaxed);
    out.responses_3xx = responses_3xx_.load(std::memory_order_relaxed);
    out.responses_4xx = responses_4xx_.load(std::memory_order_relaxed);
    out.responses_5xx = responses_5xx_.load(std::memory_order_relaxed);
    out.transport_errors = transport_errors_.load(std::memory_order_relaxed);
    out.bytes_sent = bytes_sent_.load(std::memory_order_relaxed);
    out.bytes_received = bytes_received_.load(std::memory_order_relaxed);
    out.pool = transport_->stats();
    if (budget_) out.scheduler = budget_->counters();
    return out;
}

}  // namespace talentray::detail
