// One client shared by an io_context running on four threads: 1,000 concurrent calls of every
// kind against the in-process mock over TLS. Each call must return exactly what the same call
// returned when made alone, and the client's counters must account for every request. Built
// and run under ThreadSanitizer by `scripts/test.sh --tsan`, and in every other pass.
#include "mock_client.hpp"

#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/me.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

constexpr std::size_t candidate_count = 240;  // the employer key sees about half of them
constexpr int page_size = 20;
constexpr int io_threads = 4;
constexpr int call_count = 1000;
constexpr int pager_every = 25;  // one call in 25 walks the whole list with a pager

/// What each kind of call returned when made alone, before any concurrency.
struct reference_responses {
    tr::me me;
    std::vector<tr::offset_page<tr::candidate>> pages;
    std::vector<tr::candidate> candidates;  // in list order
};

/// What the concurrent calls saw, filled in from four threads.
struct tally {
    std::atomic<int> succeeded{0};
    std::atomic<int> me_calls{0}, get_calls{0}, page_calls{0}, pager_walks{0};
    std::atomic<std::uint64_t> pager_requests{0};  // page requests the pagers report
    std::mutex mutex;
    std::vector<std::string> failures;

    void fail(std::string what) {
        const std::lock_guard lock{mutex};
        failures.push_back(std::move(what));
    }
};

mock::server_options unlimited_server() {
    mock::server_options options;
    options.limit = {0, std::chrono::milliseconds{0}};  // unlimited: this test is about threads
    options.candidates = candidate_count;
    options.threads = 2;
    return options;
}

tr::client shared_client(asio::io_context& io, const mock::server& server) {
    auto options = tr::testing::mock_client_options(server, server.keys().employer.key);
    options.timeouts.request = std::chrono::seconds{60};  // a sanitized build on a busy machine is slow
    return tr::client{io.get_executor(), std::move(options)};
}

asio::awaitable<reference_responses> fetch_reference(const tr::client& c) {
    reference_responses responses;
    responses.me = co_await c.me();
    for (std::int64_t page = 0; page == 0 || page < responses.pages.front().pagination.total_pages; ++page) {
        tr::list_candidates_params params;
        params.page = page;
        params.page_size = page_size;
        tr::offset_page<tr::candidate> fetched = co_await c.candidates().list_page(params);
        for (const tr::candidate& item : fetched.data) responses.candidates.push_back(item);
        responses.pages.push_back(std::move(fetched));
    }
    co_return responses;
}

asio::awaitable<bool> call_me(const tr::client* c, const reference_responses* expected, tally* seen) {
    ++seen->me_calls;
    const tr::me got = co_await c->me();
    co_return got == expected->me;
}

asio::awaitable<bool> call_get(const tr::client* c, const reference_responses* expected, tally* seen, std::size_t index) {
    ++seen->get_calls;
    const tr::candidate& wanted = expected->candidates[index];
    const tr::candidate got = co_await c->candidates().get(wanted.id);
    co_return got == wanted;
}

asio::awaitable<bool> call_list_page(const tr::client* c, const reference_responses* expected, tally* seen,
                                     std::int64_t page) {
    ++seen->page_calls;
    tr::list_candidates_params params;
    params.page = page;
    params.page_size = page_size;
    const tr::offset_page<tr::candidate> got = co_await c->candidates().list_page(params);
    co_return got == expected->pages[static_cast<std::size_t>(page)];
}

asio::awaitable<bool> walk_pager(const tr::client* c, const reference_responses* expected, tally* seen) {
    ++seen->pager_walks;
    tr::list_candidates_params params;
    params.page_size = page_size;
    tr::pager<tr::candidate> pager = c->candidates().list(params);
    std::vector<tr::candidate> walked;
    for (;;) {
        std::optional<tr::candidate> item = co_await pager.next();  // named first: g++ 12
        if (!item) break;
        walked.push_back(std::move(*item));
    }
    seen->pager_requests += pager.stats().requests;
    co_return walked == expected->candidates;
}

/// Call number `n`: one in `pager_every` walks the list, the others cycle through me, get and
/// list_page so every kind runs on every thread at once.
asio::awaitable<void> one_call(const tr::client* c, const reference_responses* expected, tally* seen, int n) {
    bool right = false;
    const char* kind = "";
    try {
        if (n % pager_every == 0) {
            kind = "pager";
            right = co_await walk_pager(c, expected, seen);
        } else if (n % 3 == 0) {
            kind = "me";
            right = co_await call_me(c, expected, seen);
        } else if (n % 3 == 1) {
            kind = "get";
            right = co_await call_get(c, expected, seen, static_cast<std::size_t>(n) % expected->candidates.size());
        } else {
            kind = "list_page";
            right = co_await call_list_page(c, expected, seen, n % std::int64_t(expected->pages.size()));
        }
    } catch (const std::exception& e) {
        seen->fail(std::string(kind) + " #" + std::to_string(n) + ": " + e.what());
        co_return;
    }
    if (right) ++seen->succeeded;
    else seen->fail(std::string(kind) + " #" + std::to_string(n) + ": wrong data");
}

struct record_escape {
    tally* seen;
    void operator()(std::exception_ptr error) const {
        if (!error) return;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            seen->fail(std::string("escaped: ") + e.what());
        }
    }
};

}  // namespace

TEST_CASE("one client shared by four threads serves 1,000 concurrent calls correctly") {
    mock::server server{unlimited_server()};
    asio::io_context io{io_threads};
    const tr::client c = shared_client(io, server);

    auto reference_future = asio::co_spawn(io, fetch_reference(c), asio::use_future);
    io.run();
    const reference_responses expected = reference_future.get();
    // Several pages, the last one partial, so list_page and the pager have real work to do.
    REQUIRE(expected.pages.size() >= 3);
    REQUIRE(expected.candidates.size() == std::size_t(expected.pages.front().pagination.total_count));
    const tr::client_counters before = c.counters();

    tally seen;
    io.restart();
    for (int n = 0; n < call_count; ++n) {
        // A pager is used by one coroutine at a time and runs its page requests on the caller's
        // executor: on a multi-threaded io_context that is a strand, as pager.hpp asks.
        if (n % pager_every == 0)
            asio::co_spawn(asio::make_strand(io), one_call(&c, &expected, &seen, n), record_escape{&seen});
        else
            asio::co_spawn(io, one_call(&c, &expected, &seen, n), record_escape{&seen});
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < io_threads; ++t) threads.emplace_back([&io] { io.run(); });
    for (std::thread& t : threads) t.join();

    INFO((seen.failures.empty() ? std::string("no failures") : seen.failures.front()));
    CHECK(seen.failures.empty());
    CHECK(seen.succeeded == call_count);

    // Every call made exactly the requests it needed, and every one got a 2xx on its first try.
    const std::uint64_t expected_requests =
        std::uint64_t(seen.me_calls + seen.get_calls + seen.page_calls) + seen.pager_requests;
    const tr::client_counters after = c.counters();
    const std::uint64_t made = after.requests - before.requests;
    INFO("requests " << made << ", pager walks " << seen.pager_walks << ", pager requests " << seen.pager_requests);
    CHECK(made == expected_requests);
    CHECK(seen.pager_requests >= std::uint64_t(seen.pager_walks) * expected.pages.size());
    CHECK(after.responses_2xx - before.responses_2xx == made);
    CHECK(after.responses_4xx == 0);
    CHECK(after.responses_5xx == 0);
    CHECK(after.transport_errors == 0);
    CHECK(after.pool.opened + after.pool.reused == after.requests);
    CHECK(after.scheduler.admitted == after.requests);
    CHECK(after.scheduler.in_flight == 0);
    CHECK(after.pool.waiting_now == 0);

    // The server agrees with the client about what was asked.
    const mock::stats_snapshot stats = server.stats();
    CHECK(stats.route("GET /api/v1/me") == std::uint64_t(seen.me_calls) + 1);
    CHECK(stats.route("GET /api/v1/candidates/{id}") == std::uint64_t(seen.get_calls));
    CHECK(stats.requests == after.requests);
}
