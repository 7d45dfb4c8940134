// Calling the SDK from code that does not use coroutines. Every call is an asio::awaitable, and
// asio::co_spawn turns it into any completion token: a future, a callback, a deferred operation.
// The io_context runs on a thread of its own, so the main thread may block on a future.
//
//   TALENTRAY_API_KEY=tr_... completion_tokens
#include <talentray/talentray.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <exception>
#include <future>
#include <iostream>
#include <thread>

namespace asio = boost::asio;
namespace tr = talentray;

int main() {
    asio::io_context io;
    tr::client c{io.get_executor(), tr::client_options::from_env()};
    auto work = asio::make_work_guard(io);
    std::thread runner{[&io] { io.run(); }};
    int status = 0;

    // 1. A future: get() blocks this thread (never the io_context's) and rethrows tr::error.
    try {
        std::future<tr::me> who = asio::co_spawn(io, c.me(), asio::use_future);
        std::cout << "future:   signed in as " << who.get().user.email << "\n";
    } catch (const tr::error& e) {
        std::cerr << "future:   " << e.what() << "\n";
        status = 1;
    }

    // 2. A callback, run on the client's executor. try_me() reports failures in the result;
    // the exception_ptr is set only if the coroutine itself threw.
    std::promise<void> called;
    asio::co_spawn(io, c.try_me(), [&](std::exception_ptr, tr::result<tr::me> who) {
        if (who)
            std::cout << "callback: signed in as " << who->user.email << "\n";
        else
            std::cerr << "callback: " << who.error() << "\n";
        called.set_value();
    });
    called.get_future().wait();

    // 3. A deferred operation: nothing is sent until it is started, here with a callback.
    auto later = asio::co_spawn(io, c.me(), asio::deferred);
    std::promise<void> finished;
    std::move(later)([&](std::exception_ptr failure, tr::me who) {
        if (!failure) std::cout << "deferred: signed in as " << who.user.email << "\n";
        finished.set_value();
    });
    finished.get_future().wait();

    work.reset();
    runner.join();
    return status;
}
