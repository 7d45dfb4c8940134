// client::close(): what it stops at once, what it lets finish, what it cancels at the drain
// deadline, and that it leaves nothing behind. The server holds responses until a test releases
// them; every wait is on an event (a request arriving, a call or a close ending, a log line).
#include "fixtures.hpp"

#include <talentray/certgen.hpp>

#include <catch2/catch.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <optional>
#include <set>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;
namespace certgen = talentray::certgen;
using namespace std::chrono_literals;

namespace {

/// What happened, in order, noted from any thread: requests reaching the server ("arrived
/// /a"), calls and closes ending (their names), log lines the test asked for.
class event_log {
public:
    explicit event_log(asio::io_context& io) : channel_(io, 64) {}
    void note(std::string what) { channel_.try_send(boost::system::error_code{}, std::move(what)); }
    asio::awaitable<std::string> next() {
        auto [ec, what] = co_await channel_.async_receive(asio::as_tuple(asio::use_awaitable));
        co_return ec ? "(" + ec.message() + ")" : what;
    }
    /// An event already noted, if any, without waiting.
    std::optional<std::string> poll() {
        std::optional<std::string> what;
        channel_.try_receive([&](boost::system::error_code, std::string w) { what = std::move(w); });
        return what;
    }

private:
    asio::experimental::concurrent_channel<void(boost::system::error_code, std::string)> channel_;
};

/// The outcomes of the calls a scenario started, by path (written on the io_context's thread).
using outcomes = std::map<std::string, result<response>>;

asio::awaitable<void> call_and_note(const client* c, std::string path, outcomes* out, event_log* log) {
    request_spec spec = get(path);
    auto received = co_await c->try_send(std::move(spec));
    out->insert_or_assign(path, std::move(received));
    log->note(std::move(path));
}

asio::awaitable<void> close_and_note(const client* c, std::chrono::milliseconds drain, std::string name,
                                     event_log* log) {
    co_await c->close(drain);
    log->note(std::move(name));
}

/// Test failures inside coroutines surface from io_context::run.
void rethrow(std::exception_ptr failure) {
    if (failure) std::rethrow_exception(failure);
}

void start_call(const client& c, std::string path, outcomes& out, event_log& log) {
    asio::co_spawn(c.get_executor(), call_and_note(&c, std::move(path), &out, &log), rethrow);
}

void start_close(const client& c, std::chrono::milliseconds drain, std::string name, event_log& log) {
    asio::co_spawn(c.get_executor(), close_and_note(&c, drain, std::move(name), &log), rethrow);
}

/// Runs `scenario`, then `io` until it has nothing left to do (or 20 s). Returns whether it ran
/// out of work: nothing the client started is still waiting once everything has ended.
bool runs_out_of_work(asio::io_context& io, asio::awaitable<void> scenario) {
    asio::co_spawn(io, std::move(scenario), rethrow);
    io.run_for(20s);
    return io.stopped();
}

/// A server whose every response waits for release_held(), noting each arrival in `log`.
test_server holding_server(event_log& log, test_server_options options = {}) {
    return test_server{std::move(options), [&log](const seen_request& request) {
                           log.note("arrived " + request.target);
                           reply r;
                           r.what = reply::action::hold;
                           return r;
                       }};
}

errc code_of(const outcomes& out, const std::string& path) {
    const auto& received = out.at(path);
    REQUIRE_FALSE(received);
    REQUIRE(received.error().code.category() == error_category());
    return static_cast<errc>(received.error().code.value());
}

std::vector<std::string> targets_seen(const test_server& server) {
    std::vector<std::string> targets;
    for (const auto& request : server.requests()) targets.push_back(request.target);
    return targets;
}

asio::awaitable<std::set<std::string>> next_events(event_log& log, std::size_t count) {
    std::set<std::string> seen;
    while (seen.size() < count) {
        std::string what = co_await log.next();
        seen.insert(std::move(what));
    }
    co_return seen;
}

/// Waits for the next event and checks it (named first: g++ 12 mishandles co_await in a condition).
asio::awaitable<void> expect_next(event_log* log, const char* expected) {
    const std::string seen = co_await log->next();
    CHECK(seen == expected);
}

/// Lets every handler that is ready run, without waiting for time or I/O.
asio::awaitable<void> let_ready_work_run() {
    const auto executor = co_await asio::this_coro::executor;
    for (int i = 0; i < 50; ++i) co_await asio::post(executor, asio::use_awaitable);
}

asio::awaitable<void> close_only(const client* c, event_log* log) {
    start_close(*c, client::default_drain, "closed", *log);
    co_await expect_next(log, "closed");
}

}  // namespace

TEST_CASE("close with no call made returns, and the io_context runs out of work") {
    test_server server{{}};
    asio::io_context io;
    event_log log{io};
    client c{io.get_executor(), options_for(server)};
    CHECK(runs_out_of_work(io, close_only(&c, &log)));
    CHECK(server.accepted() == 0);
}

namespace {

asio::awaitable<void> close_among_queued_calls(test_server* server, event_log* log, const client* closing,
                                               const client* other, const rate_budget* shared, outcomes* out) {
    start_call(*closing, "/in-flight", *out, *log);
    co_await expect_next(log, "arrived /in-flight");
    start_call(*closing, "/queued", *out, *log);
    start_call(*other, "/other-queued", *out, *log);
    // Both wait for the one in-flight slot, as the shared budget's counters show.
    while (shared->counters().queued_interactive < 2) co_await let_ready_work_run();

    start_close(*closing, 10s, "closed", *log);
    co_await expect_next(log, "/queued");  // at once: the held call still runs
    CHECK_FALSE(out->contains("/in-flight"));

    server->release_held();
    const auto rest = co_await next_events(*log, 4);
    CHECK(rest == std::set<std::string>{"/in-flight", "arrived /other-queued", "/other-queued", "closed"});
}

}  // namespace

TEST_CASE("close fails this client's queued call at once, lets its call in flight finish within the drain, "
          "and leaves another client's queued call in the shared budget alone") {
    asio::io_context io;
    event_log log{io};
    auto server = holding_server(log);
    scheduler_options one_at_a_time;
    one_at_a_time.max_in_flight = 1;
    auto shared = std::make_shared<rate_budget>(one_at_a_time);
    auto options = options_for(server);
    options.budget = shared;
    const client closing{io.get_executor(), options};
    const client other{io.get_executor(), options};
    outcomes out;

    CHECK(runs_out_of_work(io, close_among_queued_calls(&server, &log, &closing, &other, shared.get(), &out)));
    CHECK(code_of(out, "/queued") == errc::client_closed);
    CHECK(out.at("/queued").error().diag.client_message.find("closed") != std::string::npos);
    REQUIRE(out.at("/in-flight"));
    CHECK(out.at("/in-flight")->status == 200);
    REQUIRE(out.at("/other-queued"));
    CHECK(targets_seen(server) == std::vector<std::string>{"/in-flight", "/other-queued"});
    CHECK(closing.counters().pool.open_now == 0);
}

namespace {

asio::awaitable<void> close_with_slow_call(event_log* log, const client* c, outcomes* out) {
    start_call(*c, "/slow", *out, *log);
    co_await expect_next(log, "arrived /slow");
    const auto started = std::chrono::steady_clock::now();
    start_close(*c, 200ms, "closed", *log);
    const auto ended = co_await next_events(*log, 2);
    CHECK(ended == std::set<std::string>{"/slow", "closed"});
    CHECK(std::chrono::steady_clock::now() - started >= 200ms);  // the drain was granted first
}

}  // namespace

TEST_CASE("a call still in flight at the drain deadline is cancelled and fails with client_closed") {
    asio::io_context io;
    event_log log{io};
    auto server = holding_server(log);
    const client c{io.get_executor(), options_for(server)};
    outcomes out;
    CHECK(runs_out_of_work(io, close_with_slow_call(&log, &c, &out)));
    CHECK(code_of(out, "/slow") == errc::client_closed);
    CHECK(out.at("/slow").error().diag.client_message.find("in flight") != std::string::npos);
    CHECK(c.counters().pool.open_now == 0);
    server.release_held();
}

namespace {

asio::awaitable<void> call_close_call(event_log* log, const client* c, outcomes* out) {
    start_call(*c, "/before", *out, *log);
    co_await expect_next(log, "/before");
    start_close(*c, client::default_drain, "closed", *log);
    co_await expect_next(log, "closed");
    start_call(*c, "/after", *out, *log);
    co_await expect_next(log, "/after");
}

struct authority {
    certgen::pem_pair ca = certgen::make_self_signed({.common_name = "talentray test CA", .is_ca = true});
    certgen::pem_pair leaf = certgen::make_signed_by({}, ca);
};

}  // namespace

TEST_CASE("close ends the pooled TLS connection with close_notify") {
    const authority certificates;
    test_server server{{.tls = true, .certificate_pem = certificates.leaf.certificate,
                        .private_key_pem = certificates.leaf.private_key}};
    asio::io_context io;
    event_log log{io};
    auto options = options_for(server);
    options.tls.ca_pem = certificates.ca.certificate;
    const client c{io.get_executor(), options};
    outcomes out;
    CHECK(runs_out_of_work(io, call_close_call(&log, &c, &out)));
    REQUIRE(out.at("/before"));
    CHECK(server.accepted() == 1);
    CHECK(server.close_notifies() == 1);
    CHECK(c.counters().pool.open_now == 0);
}

TEST_CASE("a call made after close fails with client_closed and sends nothing") {
    test_server server{{}};
    asio::io_context io;
    event_log log{io};
    const client c{io.get_executor(), options_for(server)};
    outcomes out;
    CHECK(runs_out_of_work(io, call_close_call(&log, &c, &out)));
    CHECK(code_of(out, "/after") == errc::client_closed);
    CHECK(out.at("/after").error().diag.client_message.find("closed") != std::string::npos);
    CHECK(targets_seen(server) == std::vector<std::string>{"/before"});
    CHECK(server.accepted() == 1);
}

namespace {

asio::awaitable<void> close_twice(test_server* server, event_log* log, const client* c, outcomes* out) {
    start_call(*c, "/slow", *out, *log);
    co_await expect_next(log, "arrived /slow");
    start_close(*c, 10s, "first", *log);
    start_close(*c, 0ms, "second", *log);  // its drain is not the one that counts
    co_await let_ready_work_run();
    CHECK_FALSE(log->poll());  // neither close returned while the call runs
    server->release_held();
    co_await expect_next(log, "/slow");
    const auto ended = co_await next_events(*log, 2);
    CHECK(ended == std::set<std::string>{"first", "second"});
}

}  // namespace

TEST_CASE("a second close waits for the first and returns when it has completed") {
    asio::io_context io;
    event_log log{io};
    auto server = holding_server(log);
    const client c{io.get_executor(), options_for(server)};
    outcomes out;
    CHECK(runs_out_of_work(io, close_twice(&server, &log, &c, &out)));
    REQUIRE(out.at("/slow"));
    CHECK(out.at("/slow")->status == 200);
}

namespace {

asio::awaitable<void> close_during_backoff(event_log* log, const client* c, outcomes* out) {
    start_call(*c, "/flaky", *out, *log);
    co_await expect_next(log, "arrived /flaky");
    co_await expect_next(log, "backing off");
    start_close(*c, 10s, "closed", *log);
    const auto ended = co_await next_events(*log, 2);
    CHECK(ended == std::set<std::string>{"/flaky", "closed"});
}

}  // namespace

TEST_CASE("a call waiting to retry when the client closes fails with client_closed and is not sent again") {
    asio::io_context io;
    event_log log{io};
    test_server server{{}, [&log](const seen_request& request) {
                           log.note("arrived " + request.target);
                           reply r;
                           r.status = 503;  // retried after at least its Retry-After: 30 s
                           r.headers.emplace_back("Retry-After", "30");
                           return r;
                       }};
    auto options = options_for(server);
    options.logger = [&log](log_level level, std::string_view line) {
        if (level == log_level::info && line.find("retry after") != std::string_view::npos) log.note("backing off");
    };
    const client c{io.get_executor(), options};
    outcomes out;
    CHECK(runs_out_of_work(io, close_during_backoff(&log, &c, &out)));
    CHECK(code_of(out, "/flaky") == errc::client_closed);
    CHECK(out.at("/flaky").error().diag.http_status == 503);  // the attempt it would have retried
    CHECK(out.at("/flaky").error().diag.client_message.find("not retried") != std::string::npos);
    CHECK(server.requests().size() == 1);
}

namespace {

asio::awaitable<void> destroy_during_call(test_server* server, event_log* log, std::optional<client>* c,
                                          outcomes* out) {
    start_call(**c, "/slow", *out, *log);
    co_await expect_next(log, "arrived /slow");
    c->reset();
    server->release_held();
    co_await expect_next(log, "/slow");
}

}  // namespace

TEST_CASE("destroying a client during a call lets the call complete, and the io_context runs out of work") {
    asio::io_context io;
    event_log log{io};
    auto server = holding_server(log);
    std::optional<client> c{std::in_place, io.get_executor(), options_for(server)};
    outcomes out;
    CHECK(runs_out_of_work(io, destroy_during_call(&server, &log, &c, &out)));
    REQUIRE(out.at("/slow"));
    CHECK(out.at("/slow")->status == 200);
}

TEST_CASE("a raw request made before its client is destroyed still completes") {
    test_server server{{}};
    asio::io_context io;
    std::optional<client> c{std::in_place, io.get_executor(), options_for(server)};
    auto pending = c->try_send(get("/made-before"));
    c.reset();
    auto received = run(io, std::move(pending));
    REQUIRE(received);
    CHECK(targets_seen(server) == std::vector<std::string>{"/made-before"});
}

namespace {

/// The outcome codes of many calls finishing on several threads.
struct shared_outcomes {
    std::mutex mutex;
    std::vector<boost::system::error_code> codes;  // success: an empty code
    std::atomic<bool> closed{false};
};

asio::awaitable<void> call_and_record(const client* c, shared_outcomes* out) {
    request_spec spec = get("/many");
    auto received = co_await c->try_send(std::move(spec));
    std::lock_guard lock{out->mutex};
    out->codes.push_back(received ? boost::system::error_code{} : received.error().code);
}

asio::awaitable<void> close_and_record(const client* c, shared_outcomes* out) {
    co_await c->close(client::default_drain);
    out->closed = true;
}

}  // namespace

TEST_CASE("close started from another thread while calls run on two threads ends each call with its response or "
          "client_closed") {
    asio::io_context io;
    std::optional<client> c;
    shared_outcomes out;
    std::atomic<int> arrivals{0};
    // The fifth request to arrive starts the close from the server's thread.
    test_server server{{}, [&](const seen_request&) {
                           if (++arrivals == 5) asio::co_spawn(io, close_and_record(&*c, &out), rethrow);
                           return reply{};
                       }};
    auto options = options_for(server);
    options.pool.max_connections = 4;
    c.emplace(io.get_executor(), options);
    constexpr std::size_t calls = 40;
    for (std::size_t i = 0; i < calls; ++i) asio::co_spawn(io, call_and_record(&*c, &out), rethrow);
    std::thread second{[&io] { io.run(); }};
    io.run();
    second.join();

    CHECK(out.closed);
    REQUIRE(out.codes.size() == calls);
    std::size_t answered = 0;
    for (const auto& code : out.codes) {
        if (!code) ++answered;
        else CHECK(code == errc::client_closed);
    }
    CHECK(answered >= 1);
    CHECK(server.requests().size() == answered);  // a call that failed sent nothing, or was answered
    CHECK(c->counters().pool.open_now == 0);
}
