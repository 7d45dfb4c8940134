#include "core/client_impl.hpp"

#include "core/error_decoding.hpp"
#include "transport/tls_context.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/json/serialize.hpp>

namespace talentray::detail {
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

bool is_control_or_space(char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
}

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

void append_encoded(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char c : text) {
        if (is_unreserved(c)) {
            out += c;
        } else {
            auto u = static_cast<unsigned char>(c);
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
}

/// The key is never checked against a format beyond what would corrupt a header: the server
/// is the judge of validity, but whitespace or control characters would change the request.
void validate_key(const secret& key, const log_handler& logger) {
    auto text = key.reveal();
    for (char c : text)
        if (is_control_or_space(c))
            throw_error(errc::invalid_api_key,
                        "the API key contains whitespace or control characters (was it read with a trailing "
                        "newline?)");
    if (!text.empty() && logger && (!text.starts_with("tr_") || text.size() != 67))
        logger(log_level::warning, "the API key does not look like a Talent-Ray key (expected 'tr_' followed by 64 "
                                   "characters); the server will decide (key shown as " +
                                       key.redacted() + ")");
}

}  // namespace

client_impl::client_impl(asio::any_io_executor executor, client_options options)
    : executor_(std::move(executor)), options_(std::move(options)) {
    validate_key(options_.api_key, options_.logger);
    for (char c : options_.user_agent)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            throw_error(errc::invalid_argument, "client_options::user_agent contains control characters");

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

    if (!options_.api_key.empty()) {
        std::string value = options_.auth == auth_scheme::bearer ? "Bearer " : "";
        value += options_.api_key.reveal();
        auth_value_ = secret{std::move(value)};
        options_.api_key = secret{};  // wiped: auth_value_ is the one copy the client keeps
    }
    transport_ = std::make_unique<transport>(std::move(*target), std::move(tls_ctx), options_.pool,
                                             options_.timeouts, options_.max_body_size);
}

void client_impl::log(log_level level, std::string_view message) const {
    if (options_.logger) options_.logger(level, message);
}

result<http_request> client_impl::build_request(const request_spec& spec) const {
    if (spec.path.empty() || spec.path.front() != '/')
        return make_error_info(errc::invalid_argument, "request path must start with '/'");
    for (char c : spec.path)
        if (is_control_or_space(c) || c == '?' || c == '#')
            return make_error_info(errc::invalid_argument,
                                   "request path contains a character that must be percent-encoded "
                                   "(space, control character, '?' or '#')");
    std::string target = transport_->target().base_path + spec.path;
    char separator = '?';
    for (const auto& [name, value] : spec.query) {
        if (name.empty()) return make_error_info(errc::invalid_argument, "query parameter with an empty name");
        target += separator;
        separator = '&';
        append_encoded(target, name);
        target += '=';
        append_encoded(target, value);
    }

    http_request message{spec.method, target, 11};
    message.set(http::field::host, transport_->target().host_header());
    message.set(http::field::user_agent, options_.user_agent);
    message.set(http::field::accept, "application/json");
    if (spec.authenticated && !auth_value_.empty()) {
        if (options_.auth == auth_scheme::bearer)
            message.set(http::field::authorization, auth_value_.reveal());
        else
            message.set("x-api-key", auth_value_.reveal());
    }
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
        scrub_key(info.diag);
        log(log_level::debug, method + " " + spec.path + " failed: " + info.diag.to_string());
        return info;
    };

    if (spec.authenticated && auth_value_.empty())
        co_return fail(make_error_info(errc::unauthorized, "no API key is configured (set TALENTRAY_API_KEY or "
                                                           "client_options::api_key); nothing was sent"));
    auto message = build_request(spec);
    if (!message) co_return fail(message.error());

    const auto started = clock::now();
    const auto deadline = started + spec.timeout.value_or(options_.timeouts.request);
    requests_.fetch_add(1, std::memory_order_relaxed);
    bytes_sent_.fetch_add(message->body().size(), std::memory_order_relaxed);
    auto outcome = co_await transport_->send(*message, spec.is_idempotent(), deadline);
    if (!outcome.answer) {
        transport_errors_.fetch_add(1, std::memory_order_relaxed);
        co_return fail(std::move(outcome.answer).error());
    }

    response answer = std::move(*outcome.answer);
    count_status(answer.status);
    bytes_received_.fetch_add(answer.body.size(), std::memory_order_relaxed);
    if (options_.logger) {
        auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
        log(log_level::debug, method + " " + spec.path + " -> " + std::to_string(answer.status) + " in " +
                                  std::to_string(elapsed.count()) + " ms");
    }
    if (answer.status >= 200 && answer.status < 300) co_return answer;
    co_return fail(decode_error_response(answer, method, spec.path));
}

void client_impl::scrub_key(diagnostics& diag) const {
    // A misbehaving server might echo the credentials back in an error body.
    if (auth_value_.empty()) return;
    std::string_view header = auth_value_.reveal();
    std::string_view key = header.starts_with("Bearer ") ? header.substr(7) : header;
    auto scrub = [&](std::string& text) {
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos))
            text.replace(pos, key.size(), "[redacted]");
    };
    scrub(diag.api_message);
    scrub(diag.api_code);
    scrub(diag.location);
    scrub(diag.client_message);
    for (auto& detail : diag.details) scrub(detail);
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
    return out;
}

}  // namespace talentray::detail
