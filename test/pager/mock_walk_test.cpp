// Complete, ordered walks of real endpoints of the mock: both styles, every size that matters.
#include "mock_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include <map>
#include <set>

using namespace pager_mock_test;

namespace {

/// List sizes worth checking for each page size: empty, one row, around one page, many pages.
std::map<std::size_t, std::vector<int>> sizes_by_count(std::initializer_list<int> page_sizes) {
    std::map<std::size_t, std::vector<int>> out;
    for (int size : page_sizes) {
        const std::set<long> counts{0, 1, size - 1, size, size + 1, size * 13L + 3};
        for (long count : counts)
            if (count >= 0) out[static_cast<std::size_t>(count)].push_back(size);
    }
    return out;
}

std::uint64_t expected_requests(std::size_t rows, int page_size) {
    return rows == 0 ? 1 : (rows + static_cast<std::size_t>(page_size) - 1) / static_cast<std::size_t>(page_size);
}

}  // namespace

TEST_CASE("mock: offset lists of every size, complete and in order", "[pager][mock]") {
    for (const auto& [count, page_sizes] : sizes_by_count({1, 7, 100})) {
        mock::server server{plain(count)};
        asio::io_context io;
        const tr::client admin = client_of(io, server, server.keys().admin);
        for (int page_size : page_sizes) {
            CAPTURE(count, page_size);
            const auto before = server.stats().route("GET /api/v1/candidates");
            auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), page_size);
            const reading result = run(io, read_ids(&p));
            CHECK(result.errors.empty());
            CHECK(result.rows == candidate_ids(1, count));
            CHECK(p.total_count() == static_cast<std::int64_t>(count));
            CHECK(server.stats().route("GET /api/v1/candidates") - before == expected_requests(count, page_size));
            CHECK(p.checkpoint().done);
        }
    }
}

TEST_CASE("mock: the usage log of every size, complete and newest first", "[pager][mock]") {
    for (const auto& [count, limits] : sizes_by_count({1, 7, 100})) {
        mock::server_options options = plain(10);
        options.seeded_usage_rows = count;
        mock::server server{options};
        asio::io_context io;
        const tr::client admin = client_of(io, server, server.keys().admin);
        for (int limit : limits) {
            CAPTURE(count, limit);
            const auto before = server.stats().route("GET /api/admin/api-keys/{id}/usage");
            auto p = tr::pager<tr::api_key_usage_row>::cursor(admin, usage_log(server.keys().employer), limit);
            const reading result = run(io, read_ids(&p));
            CHECK(result.errors.empty());
            CHECK(result.rows == usage_ids(count));
            // Each page after the first is asked from its predecessor's oldest row, which it repeats;
            // a page of one row is widened to two once, as it then holds nothing new.
            const auto requests = server.stats().route("GET /api/admin/api-keys/{id}/usage") - before;
            CHECK(requests >= expected_requests(count, limit));
            CHECK(requests <= expected_requests(count, std::max(limit - 1, 1)) + 1);
            CHECK(!p.total_count());
            CHECK(p.checkpoint().done);
            if (count > 0) {
                REQUIRE(p.current_page());
                CHECK(p.current_page()->envelope.at("key").at("id").as_string() == "apikey_employer");
            }
        }
    }
}

namespace {

asio::awaitable<std::vector<tr::candidate>> read_pages(tr::pager<tr::candidate>* p) {
    std::vector<tr::candidate> out;
    for (;;) {
        auto found = co_await p->next_page();
        if (!found) break;
        for (auto& c : found->items) out.push_back(std::move(c));
    }
    co_return out;
}

}  // namespace

TEST_CASE("mock: filters carry over to every page", "[pager][mock]") {
    mock::server server{plain(600)};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);
    tr::list_candidates_params params;
    params.role_id = "role_eng_be";
    params.page_size = 20;
    auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(params.to_query().value()), 20);
    const std::vector<tr::candidate> all = run(io, read_pages(&p));
    REQUIRE(p.total_count());
    CHECK(*p.total_count() > 20);  // several pages
    CHECK(all.size() == static_cast<std::size_t>(*p.total_count()));
    for (const tr::candidate& c : all) {
        CAPTURE(c.id);
        CHECK(std::any_of(c.roles.begin(), c.roles.end(), [](const auto& link) { return link.role_id == "role_eng_be"; }));
    }
}

TEST_CASE("mock: CV-screening batch members, with the batch's own fields beside them", "[pager][mock]") {
    mock::server server{plain(10)};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);
    tr::request_spec base;
    base.path = "/api/v1/cv-screening/batches/batch_2026_06_01";
    auto p = tr::pager<tr::potential_candidate>::offset(admin, base, 10);
    const reading result = run(io, read_ids(&p));
    CHECK(result.errors.empty());
    std::vector<std::string> expected;
    for (int n = 1; n <= 25; ++n) expected.push_back("pc_" + std::to_string(n));
    CHECK(result.rows == expected);
    REQUIRE(p.current_page());
    const auto& envelope = p.current_page()->envelope;
    CHECK(envelope.at("batchId").as_string() == "batch_2026_06_01");
    CHECK(envelope.at("status").as_string() == "completed");
    CHECK(envelope.at("totalCandidates").to_number<int>() == 25);
    CHECK(!envelope.contains("data"));
}

TEST_CASE("mock: over TLS, raw JSON and exact-bytes rows", "[pager][mock]") {
    mock::server_options options = plain(230);
    options.tls = true;
    mock::server server{options};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);

    auto raw = tr::pager<json::value>::offset(admin, candidates_list(), 100);
    const reading result = run(io, read_ids(&raw));
    CHECK(result.errors.empty());
    CHECK(result.rows == candidate_ids(1, 230));

    auto exact = tr::pager<tr::raw_row>::offset(admin, candidates_list(), 100);
    auto first = run(io, exact.next());
    REQUIRE(first);
    CHECK(json::parse(first->json).at("id").as_string() == "cand_1");
    // The very bytes of the server's response, not a re-serialisation.
    tr::request_spec page0 = candidates_list({{"page", "0"}, {"pageSize", "100"}});
    const tr::response res = run(io, admin.send(page0));
    CHECK(res.body.find("[" + first->json + ",") != std::string::npos);
}
