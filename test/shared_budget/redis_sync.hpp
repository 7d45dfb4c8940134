// Runs Redis commands from a test thread through the library's own connection.
#pragma once

#include "shared_budget/admission_script.hpp"
#include "shared_budget/redis_connection.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace talentray::detail {

// For Catch's messages about results holding these.
inline std::ostream& operator<<(std::ostream& os, const redis_reply& reply) {
    return os << "redis reply (kind " << int(reply.type) << ") " << reply.integer << " \"" << reply.text << "\" ["
              << reply.elements.size() << " elements]";
}

inline std::ostream& operator<<(std::ostream& os, const script_answer& answer) {
    return os << "granted " << answer.granted << ", wait " << answer.wait.count() << " us, limit " << answer.limit;
}

}  // namespace talentray::detail

namespace redis_test {

/// One connection on its own io_context, driven to completion by each call.
class sync_redis {
public:
    explicit sync_redis(const std::string& url, std::chrono::milliseconds timeout = std::chrono::seconds{5})
        : connection_(io_.get_executor(), talentray::detail::parse_redis_url(url), timeout) {}

    boost::system::result<talentray::detail::redis_reply> run(std::vector<std::string> args) {
        auto future = boost::asio::co_spawn(io_, connection_.execute(std::move(args)), boost::asio::use_future);
        io_.restart();
        io_.run();
        return future.get();
    }

    talentray::detail::redis_connection& connection() { return connection_; }
    boost::asio::io_context& io() { return io_; }

private:
    boost::asio::io_context io_;
    talentray::detail::redis_connection connection_;
};

}  // namespace redis_test
