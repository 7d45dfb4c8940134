#include "client/client_impl.hpp"

#include "base/header_rules.hpp"
#include "base/key_redaction.hpp"
#include "client/call_fsm.hpp"
#include "client/error_decoding.hpp"
#include "client/public_budget.hpp"
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
        std::string value = options_.auth == auth_scheme::bearer ? "Bearer " : "";
        value += options_.api_key.reveal();
        auth_value_ = secret{std::move(value)};
        options_.api_key = secret{};  // wiped: auth_value_ is the one copy the client keeps
    }
    public_budget_ = make_public_budget(options_.scheduler);
    // Only https:// tunnels through the proxy: plain http:// is for loopback hosts, reached directly.
    std::optional<proxy_endpoint> tunnel;
    if (*proxy && target->tls && !proxy_bypassed(options_.no_proxy, target->host, target->port)) {
        tunnel = std::move(**proxy);
        log(log_level::debug, "connecting to " + target->to_string() + " through proxy " + tunnel->to_string());
    }
    const transport_options settings{options_.pool, options_.timeouts, options_.max_body_size};
    transport_ = std::make_unique<transport>(std::move(*target), std::move(tls_ctx), settings, std::move(tunnel));
}

void client_impl::log(log_level level, std::string_view message) const {
    // The one way out to the logger: whatever a line quotes of a server's response, the key and
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
    // server compresses only responses large enough to gain from it. Writes answer little.
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
    const std::string_view method = http::to_string(spec.method);
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
    // The machine decides; this loop only performs its actions and reports what happened.
    struct reporter final : call_reporter {
        const client_impl& client;
        explicit reporter(const client_impl& c) : client(c) {}
        void log(log_level level, std::string_view message) const override { client.log(level, message); }
        void notify(const request_event& event) const noexcept override { client.notify(event); }
    } const report{*this};
    call_setup setup;
    setup.spec = &spec;
    setup.retry = &retry;
    setup.budget = &budget;
    setup.redactor = redactor_.get();
    setup.reporter = &report;
    setup.logging = static_cast<bool>(options_.logger);
    setup.observed = static_cast<bool>(options_.observer);
    setup.per_attempt = spec.timeout.value_or(options_.timeouts.request);
    call_fsm fsm{setup};

    using event = call_event::kind;
    call_action action = fsm.resume({event::started, clock::now()});
    for (;;) {
        switch (action.type) {
        case call_action::kind::complete:
            co_return std::move(fsm.outcome());
        case call_action::kind::prepare: {
            // Nothing is sent yet: close() stops a warm-up as it stops a queued admission.
            if (!calls_.enter(*call, call_phase::admitting)) {
                action = fsm.resume({event::admission_stopped, clock::now()});
                break;
            }
            auto warmed = co_await unless_stopped(*call, transport_->prepare(action.deadline));
            action = warmed ? fsm.resume({event::prepared, clock::now(), nullptr, nullptr, {}, *warmed})
                            : fsm.resume({event::admission_stopped, clock::now()});
            break;
        }
        case call_action::kind::admit: {
            if (!calls_.enter(*call, call_phase::admitting)) {
                action = fsm.resume({event::admission_stopped, clock::now()});
                break;
            }
            auto admitted = co_await unless_stopped(*call, budget.admit(action.prio, action.deadline));
            action = admitted ? fsm.resume({event::admitted, clock::now(), &*admitted})
                              : fsm.resume({event::admission_stopped, clock::now()});
            break;
        }
        case call_action::kind::send: {
            if (!calls_.enter(*call, call_phase::sending)) {
                action = fsm.resume({event::admission_stopped, clock::now()});
                break;
            }
            requests_.fetch_add(1, std::memory_order_relaxed);
            bytes_sent_.fetch_add(message->body().size(), std::memory_order_relaxed);
            auto sent = co_await unless_stopped(
                *call, transport_->send(*message, spec.is_idempotent(), action.deadline, setup.observed));
            if (sent && sent->received) {
                count_status(sent->received->status);
                bytes_received_.fetch_add(sent->received->body.size(), std::memory_order_relaxed);
            } else {
                transport_errors_.fetch_add(1, std::memory_order_relaxed);  // a cut-off attempt as well
            }
            action = sent ? fsm.resume({event::sent, clock::now(), nullptr, &*sent})
                          : fsm.resume({event::send_cut_off, clock::now()});
            break;
        }
        case call_action::kind::wait: {
            if (!calls_.enter(*call, call_phase::backing_off)) {
                action = fsm.resume({event::backoff_stopped, clock::now()});
                break;
            }
            log(log_level::info, action.note);
            boost::system::error_code waited_ec;
            if (action.delay.count() > 0) {
                asio::steady_timer backoff{co_await asio::this_coro::executor, action.delay};
                auto waited = co_await unless_stopped(*call, backoff.async_wait(asio::as_tuple(asio::use_awaitable)));
                if (!waited) {
                    action = fsm.resume({event::backoff_stopped, clock::now()});
                    break;
                }
                waited_ec = std::get<0>(*waited);
            }
            action = fsm.resume({event::backoff_done, clock::now(), nullptr, nullptr, waited_ec});
            break;
        }
        }
    }
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
