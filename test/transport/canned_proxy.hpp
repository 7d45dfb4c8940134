// A stand-in for an HTTP proxy that refuses: it reads each CONNECT request, records it, and
// answers with the bytes a test gives it (a status line, garbage, nothing) before closing the
// connection, or holds the connection open without answering. Runs on its own thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace talentray::testing {

class canned_proxy {
public:
    enum class after_request { respond_then_close, stay_silent };

    explicit canned_proxy(std::string response, after_request then = after_request::respond_then_close);
    ~canned_proxy();
    canned_proxy(const canned_proxy&) = delete;
    canned_proxy& operator=(const canned_proxy&) = delete;

    std::uint16_t port() const noexcept { return port_; }
    /// The header of every request received, in order, as sent.
    std::vector<std::string> requests() const;

    /// Used by the connection coroutines.
    void record(std::string request);
    void hold(boost::asio::ip::tcp::socket socket);
    const std::string& response() const noexcept { return response_; }
    after_request then() const noexcept { return then_; }

private:
    const std::string response_;
    const after_request then_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;
    std::vector<boost::asio::ip::tcp::socket> held_;  // silent connections, open until the end
    std::thread thread_;
};

}  // namespace talentray::testing
