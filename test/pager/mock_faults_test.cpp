// A 50,000-row export through every fault the mock can inject: each row exactly once, in order.
#include "mock_support.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <map>

using namespace pager_mock_test;

namespace {

asio::awaitable<void> lift_limit_after(mock::server* server, std::chrono::milliseconds after) {
    asio::steady_timer timer{co_await asio::this_coro::executor, after};
    co_await timer.async_wait(asio::use_awaitable);
    server->set_rate_limit({0, std::chrono::milliseconds{0}});
}

}  // namespace

TEST_CASE("mock: an export through 500s, dropped connections, truncated bodies and 429s loses nothing",
          "[pager][mock][faults]") {
    constexpr std::size_t rows = 50'000;
    mock::server_options options = plain(rows);
    options.limit = {20, std::chrono::milliseconds{1000}};  // the export outruns it at first: 429s
    mock::server server{options};
    mock::fault_options faults;
    faults.server_error_rate = 0.03;
    faults.drop_before_header_rate = 0.02;
    faults.drop_after_header_rate = 0.02;
    faults.truncate_body_rate = 0.02;
    server.set_faults(faults);

    asio::io_context io;
    tr::retry_options quick;  // the faults are many; the test need not wait out production backoffs
    quick.initial_backoff = std::chrono::milliseconds{5};
    quick.max_backoff = std::chrono::milliseconds{100};
    quick.max_attempts = 2;  // so that some pages still fail after the client's retries
    const tr::client admin = client_of(io, server, server.keys().admin, quick);
    tr::pager_options pager_options;
    pager_options.window = 6;
    auto p = tr::pager<json::value>::offset(admin, candidates_list(), 100, pager_options);
    // The limit is lifted after a while, so the 429s (and their Retry-After pauses) stay few.
    asio::co_spawn(io, lift_limit_after(&server, std::chrono::milliseconds{1200}), asio::detached);
    // A page that still fails after the client's retries comes back as an error; reading on
    // asks for it again.
    const reading result = run(io, read_ids(&p, 200));

    CHECK(result.rows.size() == rows);
    CHECK(result.rows == candidate_ids(1, rows));  // every row once, in order
    std::map<std::string, int> error_kinds;
    for (const auto& e : result.errors) ++error_kinds[e.code.message()];
    std::string summary;
    for (const auto& [kind, count] : error_kinds) summary += kind + ": " + std::to_string(count) + "; ";
    INFO("errors returned by next(): " << summary);
    CHECK(result.errors.size() < 200);
    for (const auto& e : result.errors) {  // each one a fault the client gave up on, never a pager error
        const bool transport_or_server = e.code == tr::errc::server_error || e.code.category() != tr::error_category();
        CHECK(transport_or_server);
    }
    CHECK(p.stats().failed_requests == result.errors.size());

    const mock::stats_snapshot stats = server.stats();
    CHECK(stats.faults.server_error > 0);
    CHECK(stats.faults.drop_before_header > 0);
    CHECK(stats.faults.drop_after_header > 0);
    CHECK(stats.faults.truncate_body > 0);
    CHECK(stats.rate_limited > 0);
    CHECK(p.stats().peak_buffered_rows <= (1 + 6) * 100);
}
