#include "test_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <cctype>

namespace talentray::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::string lower(std::string_view s) {
    std::string out{s};
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string head_of(const reply& r, bool announce_close, bool chunked, std::optional<std::uint64_t> length) {
    std::string head = "HTTP/1.1 " + std::to_string(r.status) + " " +
                       std::string{http::obsolete_reason(static_cast<http::status>(r.status))} + "\r\n";
    for (const auto& [name, value] : r.headers) head += name + ": " + value + "\r\n";
    if (chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else
        head += "Content-Length: " + std::to_string(length.value_or(r.body.size())) + "\r\n";
    if (announce_close) head += "Connection: close\r\n";
    return head + "\r\n";
}

asio::awaitable<void> pause(std::chrono::milliseconds how_long) {
    asio::steady_timer timer{co_await asio::this_coro::executor, how_long};
    co_await timer.async_wait(use_tuple);
}

void reset(beast::tcp_stream& s) {
    boost::system::error_code ec;
    s.socket().set_option(asio::socket_base::linger{true, 0}, ec);
    s.socket().close(ec);
}

}  // namespace

template <class Stream>
asio::awaitable<void> serve_connection(test_server* server, Stream stream, test_server_options options) {
    auto& lowest = beast::get_lowest_layer(stream);
    beast::flat_buffer buffer;
    for (std::size_t served = 0;; ++served) {
        if (options.close_when_idle.count() > 0)
            lowest.expires_after(options.close_when_idle);
        else
            lowest.expires_never();
        http::request<http::string_body> request;
        auto [read_ec, n] = co_await http::async_read(stream, buffer, request, use_tuple);
        if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
            if (read_ec && (SSL_get_shutdown(stream.native_handle()) & SSL_RECEIVED_SHUTDOWN))
                server->count_close_notify();
        }
        if (read_ec) co_return;  // idle close, client close, or garbage: drop the connection
        lowest.expires_never();

        seen_request seen;
        seen.method = std::string{request.method_string()};
        seen.target = std::string{request.target()};
        for (const auto& field : request) seen.headers[lower(field.name_string())] = std::string{field.value()};
        seen.body = request.body();
        seen.arrived = std::chrono::steady_clock::now();
        seen.wire_bytes = n;
        reply r = server->answer(seen);
        server->record(std::move(seen));
        if (r.delay.count() > 0) co_await pause(r.delay);
        if (r.what == reply::action::hold) co_await server->wait_for_release();

        const bool last = options.close_after_requests != 0 && served + 1 >= options.close_after_requests;
        const bool announce = last && options.announce_close;
        switch (r.what) {
        case reply::action::respond:
        case reply::action::hold:
        case reply::action::respond_then_close: {
            std::string bytes = head_of(r, announce, false, std::nullopt) + r.body;
            server->count_response_bytes(bytes.size());  // before writing: counted by the time a client has it
            auto [ec, w] = co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
            (void)w;
            if (ec || last || r.what == reply::action::respond_then_close) co_return;
            break;
        }
        case reply::action::reset_before_header: reset(lowest); co_return;
        case reply::action::close_before_header: {
            boost::system::error_code ignored;
            lowest.socket().shutdown(tcp::socket::shutdown_both, ignored);
            lowest.socket().close(ignored);
            co_return;
        }
        case reply::action::reset_mid_header: {
            const std::string head = head_of(r, false, false, std::nullopt);
            std::string bytes = head.substr(0, head.find("\r\n") + 2) + "Content-Ty";
            co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
            co_await pause(std::chrono::milliseconds{20});
            reset(lowest);
            co_return;
        }
        case reply::action::reset_mid_body:
        case reply::action::truncate_body: {
            std::string bytes = head_of(r, false, false, std::nullopt) + r.body.substr(0, r.body.size() / 2);
            co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
            co_await pause(std::chrono::milliseconds{20});
            if (r.what == reply::action::reset_mid_body) reset(lowest);
            co_return;  // truncate_body: the stream's destructor closes in order
        }
        case reply::action::truncate_chunked: {
            std::string bytes = head_of(r, false, true, std::nullopt) + "5\r\nhello\r\n";
            co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
            co_await pause(std::chrono::milliseconds{20});
            co_return;
        }
        case reply::action::stall: co_await pause(std::chrono::hours{1}); co_return;
        case reply::action::trickle: {
            std::string bytes = head_of(r, false, false, std::nullopt) + r.body;
            for (char c : bytes) {
                auto [ec, w] = co_await asio::async_write(stream, asio::buffer(&c, 1), use_tuple);
                (void)w;
                if (ec) co_return;
                co_await pause(r.trickle_interval);
            }
            break;
        }
        case reply::action::huge_content_length: {
            std::string bytes = head_of(r, false, false, std::uint64_t{10} << 30) + "{\"data\":[";
            co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
            co_await pause(std::chrono::hours{1});
            co_return;
        }
        }
    }
}

asio::awaitable<void> handshake_and_serve(test_server* server, tcp::socket socket, asio::ssl::context* tls,
                                          test_server_options options, std::atomic<std::size_t>* resumed) {
    if (!tls) {
        co_await serve_connection(server, beast::tcp_stream{std::move(socket)}, options);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream{beast::tcp_stream{std::move(socket)}, *tls};
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds{10});
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (ec) co_return;  // the client rejected our certificate, as some tests intend
    if (SSL_session_reused(stream.native_handle())) ++*resumed;
    const char* sni = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
    server->record_server_name(sni ? sni : "");
    co_await serve_connection(server, std::move(stream), options);
}

asio::awaitable<void> accept_loop(test_server* server, tcp::acceptor* acceptor, asio::ssl::context* tls,
                                  test_server_options options, std::atomic<std::size_t>* accepted,
                                  std::atomic<std::size_t>* resumed) {
    for (;;) {
        auto [ec, socket] = co_await acceptor->async_accept(use_tuple);
        if (ec) co_return;
        ++*accepted;
        asio::co_spawn(acceptor->get_executor(), handshake_and_serve(server, std::move(socket), tls, options, resumed),
                       asio::detached);
    }
}

test_server::test_server(test_server_options options, handler on_request)
    : options_(std::move(options)), acceptor_(io_, tcp::endpoint{asio::ip::make_address("127.0.0.1"), 0}),
      handler_(std::move(on_request)) {
    port_ = acceptor_.local_endpoint().port();
    if (options_.tls) {
        tls_.emplace(asio::ssl::context::tls_server);
        tls_->use_certificate_chain(asio::buffer(options_.certificate_pem));
        tls_->use_private_key(asio::buffer(options_.private_key_pem), asio::ssl::context::pem);
    }
    asio::co_spawn(io_, accept_loop(this, &acceptor_, tls_ ? &*tls_ : nullptr, options_, &accepted_, &resumed_),
                   asio::detached);
    thread_ = std::thread{[this] { io_.run(); }};
}

test_server::~test_server() {
    io_.stop();
    thread_.join();
}

std::string test_server::base_url() const {
    return std::string{options_.tls ? "https" : "http"} + "://127.0.0.1:" + std::to_string(port_);
}

std::vector<seen_request> test_server::requests() const {
    std::lock_guard lock{mutex_};
    return requests_;
}

std::vector<std::string> test_server::server_names() const {
    std::lock_guard lock{mutex_};
    return server_names_;
}

void test_server::record_server_name(std::string name) {
    std::lock_guard lock{mutex_};
    server_names_.push_back(std::move(name));
}

void test_server::set_handler(handler on_request) {
    std::lock_guard lock{mutex_};
    handler_ = std::move(on_request);
}

reply test_server::answer(const seen_request& request) {
    handler h;
    {
        std::lock_guard lock{mutex_};
        h = handler_;
    }
    return h ? h(request) : reply{};
}

void test_server::release_held() {
    asio::post(io_, [this] {
        released_ = true;
        for (auto* hold : holds_) hold->cancel();
    });
}

asio::awaitable<void> test_server::wait_for_release() {
    if (released_) co_return;
    asio::steady_timer gate{io_, asio::steady_timer::time_point::max()};
    holds_.push_back(&gate);
    co_await gate.async_wait(use_tuple);
    std::erase(holds_, &gate);
}

void test_server::record(seen_request request) {
    std::lock_guard lock{mutex_};
    requests_.push_back(std::move(request));
}

}  // namespace talentray::testing
