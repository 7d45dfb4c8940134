// Runs one coroutine on `io` until it and everything it left behind are done; returns its value
// (or rethrows its exception). Shared by every test area.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace talentray::testing {

template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
    auto done = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
    io.restart();
    io.run();
    return done.get();
}

}  // namespace talentray::testing
