#include "raw_client.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json/parse.hpp>

#include <optional>
#include <stdexcept>

namespace mock_test {
namespace asio = boost::asio;
namespace beast = boost::beast;
using namespace std::chrono_literals;

namespace {

// Runs the io_context until the started operation completes; operations carry their own
// deadline through beast::tcp_stream::expires_after.
void run(asio::io_context& io) {
    io.restart();
    io.run();
}

}  // namespace

struct raw_client::connection {
    asio::io_context io;
    std::optional<asio::ssl::context> tls;
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    std::size_t exchanges = 0;

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    template <class Operation>
    void with_stream(Operation&& operation) {
        if (secure) operation(*secure);
        else operation(*plain);
    }
};

boost::json::value reply::json() const {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    INFO("body: " << body);
    REQUIRE_FALSE(ec);
    return value;
}

std::string reply::header(std::string_view name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string{} : std::string(found->value());
}

raw_client::raw_client(const talentray::mock::server& server)
    : raw_client(server.port(), server.ca_certificate_pem()) {}

raw_client::raw_client(std::uint16_t port, std::string ca_pem, std::string host_name)
    : port_(port), ca_pem_(std::move(ca_pem)), host_name_(std::move(host_name)) {}

raw_client::~raw_client() = default;

void raw_client::disconnect() { connection_.reset(); }

reply raw_client::get(const std::string& target, const std::string& key) {
    request_options options;
    options.key = key;
    return checked(http::verb::get, target, options);
}

reply raw_client::checked(http::verb method, const std::string& target, const request_options& options) {
    reply res = send(method, target, options);
    INFO(http::to_string(method) << " " << target << " failed: " << res.error.message());
    REQUIRE_FALSE(res.error);
    return res;
}

reply raw_client::send(http::verb method, const std::string& target, const request_options& options) {
    reply res;
    if (!connection_) {
        auto fresh = std::make_unique<connection>();
        const asio::ip::tcp::endpoint endpoint{asio::ip::make_address("127.0.0.1"), port_};
        if (ca_pem_.empty()) {
            fresh->plain.emplace(fresh->io);
        } else {
            fresh->tls.emplace(asio::ssl::context::tls_client);
            fresh->tls->add_certificate_authority(asio::buffer(ca_pem_));
            fresh->tls->set_verify_mode(asio::ssl::verify_peer);
            fresh->secure.emplace(fresh->io, *fresh->tls);
            fresh->secure->set_verify_callback(asio::ssl::host_name_verification(host_name_));
            SSL_set_tlsext_host_name(fresh->secure->native_handle(), host_name_.c_str());
        }
        fresh->lowest().expires_after(10s);
        fresh->lowest().async_connect(endpoint, [&](boost::system::error_code ec) { res.error = ec; });
        run(fresh->io);
        if (!res.error && fresh->secure) {
            fresh->lowest().expires_after(10s);
            fresh->secure->async_handshake(asio::ssl::stream_base::client,
                                           [&](boost::system::error_code ec) { res.error = ec; });
            run(fresh->io);
        }
        if (res.error) return res;
        connection_ = std::move(fresh);
    }
    connection& link = *connection_;
    res.connection_reused = link.exchanges > 0;

    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, host_name_);
    request.set(http::field::user_agent, "talentray-mock-test");
    if (!options.key.empty()) request.set(http::field::authorization, "Bearer " + options.key);
    if (!options.body.empty()) {
        request.set(http::field::content_type, "application/json");
        request.body() = options.body;
    }
    for (const auto& [name, value] : options.headers) request.set(name, value);
    request.prepare_payload();

    link.lowest().expires_after(10s);
    link.with_stream([&](auto& stream) {
        http::async_write(stream, request, [&](boost::system::error_code ec, std::size_t) { res.error = ec; });
    });
    run(link.io);

    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (!res.error) {
        link.with_stream([&](auto& stream) {
            http::async_read_header(stream, link.buffer, parser,
                                    [&](boost::system::error_code ec, std::size_t) { res.error = ec; });
        });
        run(link.io);
    }
    if (!res.error) {
        res.header_received = true;
        res.status = parser.get().result_int();
        res.headers = parser.get().base();
        res.content_length = parser.content_length().value_or(0);
        link.with_stream([&](auto& stream) {
            http::async_read(stream, link.buffer, parser,
                             [&](boost::system::error_code ec, std::size_t) { res.error = ec; });
        });
        run(link.io);
    }
    res.body = parser.get().body();
    ++link.exchanges;
    if (res.error || !parser.get().keep_alive()) connection_.reset();
    return res;
}

bool raw_client::server_closed_connection(std::chrono::milliseconds wait) {
    if (!connection_) return true;
    connection& link = *connection_;
    boost::system::error_code error;
    link.lowest().expires_after(wait);
    char byte = 0;
    link.with_stream([&](auto& stream) {
        stream.async_read_some(asio::buffer(&byte, 1),
                               [&](boost::system::error_code ec, std::size_t) { error = ec; });
    });
    run(link.io);
    connection_.reset();
    return error && error != beast::error::timeout;
}

}  // namespace mock_test
