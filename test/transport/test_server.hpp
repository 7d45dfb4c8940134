// A small HTTP/1.1 server for transport tests that misbehaves on demand: it can close keep-alive
// connections, reset or stall mid-response, trickle bytes, lie about Content-Length, and present
// whatever certificate a test gives it. It runs its own io_context on its own thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace talentray::testing {

/// One request as the server received it.
struct seen_request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::chrono::steady_clock::time_point arrived;  // when its last byte had been read
    std::size_t wire_bytes = 0;  // the request's HTTP bytes (request line, header, body) as read
};

/// What to do with one request.
struct reply {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"}};
    std::string body = R"({"ok":true})";

    enum class action {
        respond,             // write the response
        respond_then_close,  // write it, then close without a Connection: close header
        reset_before_header, // abortive close (RST) without answering
        close_before_header, // orderly close (FIN) without answering, as an idle-timeout race does
        reset_mid_header,    // the status line and part of the header, then RST
        reset_mid_body,      // header and half the body, then RST
        truncate_body,       // header and half the body, then an orderly close
        truncate_chunked,    // chunked encoding, one chunk, then an orderly close
        stall,               // never answer, keep the connection open
        trickle,             // the whole response, one byte every `trickle_interval`
        huge_content_length, // Content-Length: 10 GiB and a few bytes, then stall
        hold,                // respond only once release_held() is called (at once after it)
    };
    action what = action::respond;
    std::chrono::milliseconds delay{0};  // before answering
    std::chrono::milliseconds trickle_interval{50};
};

struct test_server_options {
    bool tls = false;
    std::string certificate_pem;  // required when tls
    std::string private_key_pem;
    /// Close a keep-alive connection after this many responses, without saying so (0 = never).
    std::size_t close_after_requests = 0;
    /// Send `Connection: close` on the response that precedes such a close.
    bool announce_close = false;
    /// Close a connection that has been idle this long (0 = never).
    std::chrono::milliseconds close_when_idle{0};
};

class test_server {
public:
    using handler = std::function<reply(const seen_request&)>;

    explicit test_server(test_server_options options, handler on_request = {});
    ~test_server();
    test_server(const test_server&) = delete;
    test_server& operator=(const test_server&) = delete;

    std::uint16_t port() const noexcept { return port_; }
    std::string base_url() const;  // "http(s)://127.0.0.1:<port>"

    std::size_t accepted() const noexcept { return accepted_.load(); }
    std::size_t handshakes_resumed() const noexcept { return resumed_.load(); }
    /// TLS connections the client ended with close_notify (an orderly TLS close), counted
    /// before the server closes its side.
    std::size_t close_notifies() const noexcept { return close_notifies_.load(); }
    /// Lets every `hold` reply, present and future, be written. Thread-safe.
    void release_held();
    /// The SNI host name of each completed TLS handshake, in order ("" when none was sent).
    std::vector<std::string> server_names() const;
    std::vector<seen_request> requests() const;
    /// HTTP bytes of the complete responses written so far (the `respond` actions).
    std::uint64_t response_bytes() const noexcept { return response_bytes_.load(); }
    void count_response_bytes(std::size_t bytes) noexcept { response_bytes_ += bytes; }
    void set_handler(handler on_request);

    /// Used by the connection coroutines: the reply for a request, and the request log.
    reply answer(const seen_request& request);
    void record(seen_request request);
    void record_server_name(std::string name);
    void count_close_notify() noexcept { ++close_notifies_; }
    /// On the server's thread: completes once release_held() has been called.
    boost::asio::awaitable<void> wait_for_release();

private:

    test_server_options options_;
    boost::asio::io_context io_;
    std::optional<boost::asio::ssl::context> tls_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
    std::atomic<std::size_t> resumed_{0};
    std::atomic<std::size_t> close_notifies_{0};
    bool released_ = false;                           // server thread only
    std::vector<boost::asio::steady_timer*> holds_;   // server thread only
    std::atomic<std::uint64_t> response_bytes_{0};
    mutable std::mutex mutex_;
    handler handler_;
    std::vector<seen_request> requests_;
    std::vector<std::string> server_names_;
    std::thread thread_;
};

}  // namespace talentray::testing
