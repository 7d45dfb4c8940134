#include "shared_budget/redis_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <hiredis/hiredis.h>

#include <variant>

namespace talentray::detail {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr auto as_awaitable = asio::as_tuple(asio::use_awaitable);

redis_reply copy_reply(const redisReply& from) {
    redis_reply out;
    switch (from.type) {
    case REDIS_REPLY_INTEGER:
        out.type = redis_reply::kind::integer;
        out.integer = from.integer;
        break;
    case REDIS_REPLY_STRING: out.type = redis_reply::kind::string; break;
    case REDIS_REPLY_STATUS: out.type = redis_reply::kind::status; break;
    case REDIS_REPLY_ERROR: out.type = redis_reply::kind::error; break;
    case REDIS_REPLY_ARRAY:
        out.type = redis_reply::kind::array;
        out.elements.reserve(from.elements);
        for (std::size_t i = 0; i < from.elements; ++i) out.elements.push_back(copy_reply(*from.element[i]));
        break;
    default: out.type = redis_reply::kind::nil; break;
    }
    if (from.str != nullptr &&
        (from.type == REDIS_REPLY_STRING || from.type == REDIS_REPLY_STATUS || from.type == REDIS_REPLY_ERROR))
        out.text.assign(from.str, from.len);
    return out;
}

/// The command as RESP bytes, through hiredis's formatter.
std::string format_command(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(args.size());
    lengths.reserve(args.size());
    for (const auto& a : args) {
        argv.push_back(a.data());
        lengths.push_back(a.size());
    }
    char* formatted = nullptr;
    const int length = redisFormatCommandArgv(&formatted, int(argv.size()), argv.data(), lengths.data());
    if (length < 0 || formatted == nullptr) throw std::bad_alloc{};
    std::string bytes(formatted, std::size_t(length));
    redisFreeCommand(formatted);
    return bytes;
}

}  // namespace

void redis_connection::reader_deleter::operator()(redisReader* reader) const noexcept { redisReaderFree(reader); }

redis_connection::redis_connection(asio::any_io_executor executor, redis_endpoint endpoint,
                                   std::chrono::milliseconds timeout)
    : executor_(executor), endpoint_(std::move(endpoint)), timeout_(timeout), tcp_(executor), unix_(executor),
      buffer_(16 * 1024) {}

redis_connection::~redis_connection() = default;

void redis_connection::close() noexcept {
    error_code ignored;
    tcp_.close(ignored);
    unix_.close(ignored);
    reader_.reset();
    connected_ = false;
}

asio::awaitable<boost::system::result<redis_reply>> redis_connection::execute(std::vector<std::string> args) {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer deadline{executor_, timeout_};
    // Whichever finishes first cancels the other: a slow Redis costs at most the timeout.
    auto outcome = co_await (execute_unbounded(std::move(args)) || deadline.async_wait(as_awaitable));
    if (outcome.index() == 1) {
        close();  // mid-command: the reply that may still come belongs to nobody
        const auto [ec] = std::get<1>(outcome);
        co_return ec == asio::error::operation_aborted ? error_code{asio::error::operation_aborted}
                                                       : error_code{asio::error::timed_out};
    }
    auto reply = std::move(std::get<0>(outcome));
    if (!reply) close();
    co_return reply;
}

asio::awaitable<boost::system::result<redis_reply>> redis_connection::execute_unbounded(std::vector<std::string> args) {
    if (!connected_) {
        if (const error_code ec = co_await connect()) {
            close();
            co_return ec;
        }
    }
    co_return co_await round_trip(args);
}

asio::awaitable<error_code> redis_connection::connect() {
    close();
    error_code ec;
    if (endpoint_.unix_socket) {
        std::tie(ec) = co_await unix_.async_connect(asio::local::stream_protocol::endpoint{endpoint_.path}, as_awaitable);
    } else {
        asio::ip::tcp::resolver resolver{executor_};
        auto [resolve_ec, found] =
            co_await resolver.async_resolve(endpoint_.host, std::to_string(endpoint_.port), as_awaitable);
        if (resolve_ec) co_return resolve_ec;
        std::tie(ec, std::ignore) = co_await asio::async_connect(tcp_, found, as_awaitable);
        if (!ec) tcp_.set_option(asio::ip::tcp::no_delay{true}, ec);
    }
    if (ec) co_return ec;
    reader_.reset(redisReaderCreate());
    if (!reader_) throw std::bad_alloc{};
    connected_ = true;

    std::vector<std::vector<std::string>> setup;
    if (!endpoint_.password.empty()) {
        if (endpoint_.user.empty())
            setup.push_back({"AUTH", endpoint_.password});
        else
            setup.push_back({"AUTH", endpoint_.user, endpoint_.password});
    }
    if (endpoint_.db != 0) setup.push_back({"SELECT", std::to_string(endpoint_.db)});
    for (const auto& command : setup) {
        auto reply = co_await round_trip(command);
        if (!reply) co_return reply.error();
        // A refused AUTH or SELECT leaves a connection that cannot serve the budget.
        if (reply->is_error()) co_return asio::error::access_denied;
    }
    co_return error_code{};
}

asio::awaitable<boost::system::result<redis_reply>> redis_connection::round_trip(const std::vector<std::string>& args) {
    if (const error_code ec = co_await write_all(format_command(args))) co_return ec;
    for (;;) {
        void* raw = nullptr;
        if (redisReaderGetReply(reader_.get(), &raw) != REDIS_OK) co_return asio::error::invalid_argument;
        if (raw != nullptr) {
            std::unique_ptr<redisReply, void (*)(void*)> reply{static_cast<redisReply*>(raw), freeReplyObject};
            co_return copy_reply(*reply);
        }
        error_code ec;
        const std::size_t n = co_await read_some(ec);
        if (ec) co_return ec;
        if (redisReaderFeed(reader_.get(), buffer_.data(), n) != REDIS_OK) co_return asio::error::invalid_argument;
    }
}

asio::awaitable<error_code> redis_connection::write_all(const std::string& bytes) {
    error_code ec;
    if (endpoint_.unix_socket)
        std::tie(ec, std::ignore) = co_await asio::async_write(unix_, asio::buffer(bytes), as_awaitable);
    else
        std::tie(ec, std::ignore) = co_await asio::async_write(tcp_, asio::buffer(bytes), as_awaitable);
    co_return ec;
}

asio::awaitable<std::size_t> redis_connection::read_some(error_code& ec) {
    std::size_t n = 0;
    if (endpoint_.unix_socket)
        std::tie(ec, n) = co_await unix_.async_read_some(asio::buffer(buffer_), as_awaitable);
    else
        std::tie(ec, n) = co_await tcp_.async_read_some(asio::buffer(buffer_), as_awaitable);
    co_return n;
}

}  // namespace talentray::detail
