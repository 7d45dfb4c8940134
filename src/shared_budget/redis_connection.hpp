// One connection to Redis over an Asio socket (TCP or a unix socket), speaking RESP through
// hiredis's command formatter and reply reader only: hiredis never touches the socket, so no
// call blocks a thread.
#pragma once

#include "shared_budget/redis_reply.hpp"
#include "shared_budget/redis_url.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

struct redisReader;

namespace talentray::detail {

/// A single Redis connection, used by one coroutine at a time (commands are not pipelined).
///
/// Thread safety: none; use it on one executor (the shared budget's own thread).
class redis_connection {
public:
    /// Nothing is connected until the first `execute`. `timeout` bounds every `execute` whole:
    /// the connect (with AUTH and SELECT) when one is needed, the write and the reply.
    redis_connection(boost::asio::any_io_executor executor, redis_endpoint endpoint,
                     std::chrono::milliseconds timeout);
    ~redis_connection();
    redis_connection(const redis_connection&) = delete;
    redis_connection& operator=(const redis_connection&) = delete;

    /// Sends one command (`args[0]` the command name) and returns its reply; a Redis error
    /// reply (`-ERR ...`) is a reply of kind `error`, not a failure. Connects first when not
    /// connected, authenticating with the endpoint's password and selecting its database.
    ///
    /// Returns `asio::error::timed_out` when the operation took longer than the timeout, a
    /// socket or protocol error otherwise; after any failure the connection is closed and the
    /// next call reconnects (the caller decides when: backoff is its business).
    /// Cancellation: the caller's cancellation slot (terminal) aborts the operation with
    /// `operation_aborted` and closes the connection. Throws only `std::bad_alloc`.
    boost::asio::awaitable<boost::system::result<redis_reply>> execute(std::vector<std::string> args);

    /// Drops the connection, if any. Never throws.
    void close() noexcept;

    /// True between a successful connect and the next failure or `close`.
    bool connected() const noexcept { return connected_; }

    const redis_endpoint& endpoint() const noexcept { return endpoint_; }

private:
    struct reader_deleter {
        void operator()(redisReader* reader) const noexcept;
    };

    boost::asio::awaitable<boost::system::result<redis_reply>> execute_unbounded(std::vector<std::string> args);
    boost::asio::awaitable<boost::system::error_code> connect();
    boost::asio::awaitable<boost::system::result<redis_reply>> round_trip(const std::vector<std::string>& args);
    boost::asio::awaitable<boost::system::error_code> write_all(const std::string& bytes);
    boost::asio::awaitable<std::size_t> read_some(boost::system::error_code& ec);

    boost::asio::any_io_executor executor_;
    redis_endpoint endpoint_;
    std::chrono::milliseconds timeout_;
    boost::asio::ip::tcp::socket tcp_;
    boost::asio::local::stream_protocol::socket unix_;
    std::unique_ptr<redisReader, reader_deleter> reader_;
    std::vector<char> buffer_;
    bool connected_ = false;
};

}  // namespace talentray::detail
