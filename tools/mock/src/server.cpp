#include <talentray/mock/server.hpp>

#include "connection.hpp"
#include "server_core.hpp"

#include <talentray/certgen.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <stdexcept>
#include <thread>

namespace talentray::mock {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<void> accept_connections(tcp::acceptor& acceptor, std::shared_ptr<detail::server_core> core,
                                         asio::ssl::context* tls) {
    for (;;) {
        auto [error, socket] =
            co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()), asio::as_tuple(asio::use_awaitable));
        if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        if (error) continue;  // e.g. the peer reset before accept completed
        core->stats.count_connection();
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        const auto executor = socket.get_executor();
        if (tls != nullptr)
            asio::co_spawn(executor, detail::serve_tls_connection(std::move(socket), core, *tls), asio::detached);
        else
            asio::co_spawn(executor, detail::serve_plain_connection(std::move(socket), core), asio::detached);
    }
}

certgen::pem_pair server_certificate(const server_options& options) {
    if (!options.tls_certificate_pem.empty()) return {options.tls_certificate_pem, options.tls_private_key_pem};
    certgen::certificate_request request;
    request.dns_names = {"localhost"};
    request.ip_addresses = {"127.0.0.1", "::1"};
    return certgen::make_self_signed(request);
}

asio::ssl::context make_tls_context(const certgen::pem_pair& pem) {
    asio::ssl::context context{asio::ssl::context::tls_server};
    context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                        asio::ssl::context::single_dh_use);
    try {
        context.use_certificate_chain(asio::buffer(pem.certificate));
        context.use_private_key(asio::buffer(pem.private_key), asio::ssl::context::pem);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(std::string("talentray-mock: the TLS certificate or key cannot be used: ") + e.what());
    }
    return context;
}

tcp::endpoint resolve_listen_endpoint(asio::io_context& io, const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (!ec) return {address, port};
    tcp::resolver resolver{io};
    const auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive);
    return results.begin()->endpoint();
}

}  // namespace

class server::impl {
public:
    explicit impl(server_options options) : options_(std::move(options)) {
        validate(options_);
        const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
        core_ = std::make_shared<detail::server_core>(options_, now);
        if (options_.tls) {
            const certgen::pem_pair pem = server_certificate(options_);
            certificate_pem_ = pem.certificate;
            tls_.emplace(make_tls_context(pem));
        }

        const tcp::endpoint endpoint = resolve_listen_endpoint(io_, options_.host, options_.port);
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(asio::socket_base::max_listen_connections);
        port_ = acceptor_.local_endpoint().port();

        asio::co_spawn(io_, accept_connections(acceptor_, core_, tls_ ? &*tls_ : nullptr), asio::detached);
        threads_.reserve(options_.threads);
        for (unsigned i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { io_.run(); });
    }

    ~impl() { stop(); }

    void stop() {
        std::lock_guard lock{stop_mutex_};
        if (stopped_) return;
        stopped_ = true;
        io_.stop();
        for (std::thread& thread : threads_) thread.join();
        boost::system::error_code ignored;
        acceptor_.close(ignored);
    }

    std::string base_url() const {
        const bool ipv6 = options_.host.find(':') != std::string::npos;
        return std::string(options_.tls ? "https://" : "http://") + (ipv6 ? "[" + options_.host + "]" : options_.host) +
               ":" + std::to_string(port_);
    }

    server_options options_;
    std::shared_ptr<detail::server_core> core_;
    std::string certificate_pem_;
    // Members are destroyed in reverse order: the acceptor first (it needs its io_context), then
    // the io_context, which destroys every pending connection frame, and only then the TLS
    // context those frames used.
    std::optional<asio::ssl::context> tls_;
    asio::io_context io_;
    tcp::acceptor acceptor_{io_};
    std::vector<std::thread> threads_;
    std::uint16_t port_ = 0;
    std::mutex stop_mutex_;
    bool stopped_ = false;
};

server::server(server_options options) : impl_(std::make_unique<impl>(std::move(options))) {}

server::~server() = default;

std::string server::base_url() const { return impl_->base_url(); }

std::uint16_t server::port() const { return impl_->port_; }

std::string server::ca_certificate_pem() const { return impl_->certificate_pem_; }

const seeded_keys& server::keys() const { return impl_->core_->service.keys(); }

void server::set_faults(fault_options faults) {
    validate(faults);
    impl_->core_->set_faults(faults);
}

void server::set_rate_limit(mock::rate_limit limit) {
    if (limit.requests > 0 && limit.window.count() <= 0)
        throw std::invalid_argument("rate_limit.window must be positive when requests > 0");
    impl_->core_->service.set_rate_limit(limit);
}

stats_snapshot server::stats() const { return impl_->core_->stats.snapshot(); }

void server::stop() { impl_->stop(); }

}  // namespace talentray::mock
