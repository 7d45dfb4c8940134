// A small synchronous HTTP/1.1 client for talking to talentray-mock in tests exactly as the
// contract describes requests: raw method, target, headers and body. It keeps one keep-alive
// connection (plain or TLS), reconnects when the server closed it, and reports transport
// failures instead of throwing, so fault-injection tests can look at them.
#pragma once

#include <talentray/mock/server.hpp>

#include <boost/beast/http.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mock_test {

namespace http = boost::beast::http;

struct request_options {
    std::string key;                   ///< sent as "Authorization: Bearer <key>" when not empty
    std::string body;                  ///< sent when not empty (Content-Type: application/json)
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, sent as given
};

struct reply {
    boost::system::error_code error;  ///< transport failure (the fields below may be partial)
    bool header_received = false;
    unsigned status = 0;
    http::fields headers;
    std::string body;
    std::size_t content_length = 0;  ///< as announced
    bool connection_reused = false;  ///< sent on a connection that had served a request before

    /// The body parsed as JSON; fails the test when it is not JSON.
    boost::json::value json() const;
    /// A header's value, "" when absent.
    std::string header(std::string_view name) const;
};

class raw_client {
public:
    /// Talks to `server` (its base_url); trusts its ca_certificate_pem() when it serves TLS.
    explicit raw_client(const talentray::mock::server& server);
    /// Explicit endpoint; `ca_pem` empty means plain HTTP.
    raw_client(std::uint16_t port, std::string ca_pem, std::string host_name = "localhost");
    ~raw_client();

    /// Sends one request and reads the response (10 s limit per exchange).
    reply send(http::verb method, const std::string& target, const request_options& options = {});
    reply get(const std::string& target, const std::string& key = {});

    /// The response must have arrived completely; returns it.
    reply checked(http::verb method, const std::string& target, const request_options& options = {});

    /// Closes the connection; the next request opens a new one.
    void disconnect();
    /// True when the server has closed the idle connection (a read sees EOF within `wait`).
    bool server_closed_connection(std::chrono::milliseconds wait);

private:
    struct connection;
    std::uint16_t port_;
    std::string ca_pem_;
    std::string host_name_;
    std::unique_ptr<connection> connection_;
};

}  // namespace mock_test
