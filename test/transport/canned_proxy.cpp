#include "canned_proxy.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace talentray::testing {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> serve(tcp::socket socket, canned_proxy* proxy) {
    std::string request;
    auto [read_ec, header_end] = co_await asio::async_read_until(socket, asio::dynamic_buffer(request), "\r\n\r\n",
                                                                 use_tuple);
    if (read_ec) co_return;
    proxy->record(request.substr(0, header_end));
    if (proxy->then() == canned_proxy::after_request::stay_silent) {
        proxy->hold(std::move(socket));
        co_return;
    }
    if (!proxy->response().empty()) co_await asio::async_write(socket, asio::buffer(proxy->response()), use_tuple);
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> accept_all(tcp::acceptor* acceptor, canned_proxy* proxy) {
    for (;;) {
        auto [ec, socket] = co_await acceptor->async_accept(use_tuple);
        if (ec) co_return;
        asio::co_spawn(acceptor->get_executor(), serve(std::move(socket), proxy), asio::detached);
    }
}

}  // namespace

canned_proxy::canned_proxy(std::string response, after_request then)
    : response_(std::move(response)), then_(then), acceptor_(io_, tcp::endpoint{asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, accept_all(&acceptor_, this), asio::detached);
    thread_ = std::thread{[this] { io_.run(); }};
}

canned_proxy::~canned_proxy() {
    io_.stop();
    thread_.join();
}

std::vector<std::string> canned_proxy::requests() const {
    std::lock_guard lock{mutex_};
    return requests_;
}

void canned_proxy::record(std::string request) {
    std::lock_guard lock{mutex_};
    requests_.push_back(std::move(request));
}

void canned_proxy::hold(tcp::socket socket) { held_.push_back(std::move(socket)); }

}  // namespace talentray::testing
