// Pagers over mock lists that change while they are read: every row present throughout once,
// none twice, in both orders and windows 1 and 8; what stats() reports; strict mode.
#include "mock_support.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace pager_mock_test;

namespace {

mock::server_options churning(mock::list_order order) {
    mock::server_options options = plain(600);
    options.faults.latency = std::chrono::milliseconds{20};
    options.order = order;
    options.churn.list = "candidates";
    options.churn.inserts_per_s = 500;
    options.churn.deletes_per_s = 300;
    return options;
}

tr::pager_options with_window(int window) {
    tr::pager_options options;
    options.window = window;
    return options;
}

}  // namespace

TEST_CASE("mock churn: every row present throughout is read once, none twice, both orders, window 1 and 8",
          "[pager][mock]") {
    for (const auto order : {mock::list_order::newest_first, mock::list_order::oldest_first}) {
        for (const int window : {1, 8}) {
            CAPTURE(mock::to_string(order), window);
            mock::server server{churning(order)};
            asio::io_context io;
            const tr::client admin = client_of(io, server, server.keys().admin);
            auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 20, with_window(window));
            const reading result = run(io, read_ids(&p));
            REQUIRE(result.errors.empty());

            const mock::churn_record churn = server.stats().churn.at("candidates@user_admin");
            CHECK(churn.inserted_ids.size() > 10);
            CHECK(churn.deleted_ids.size() > 10);
            const std::set<std::string> read(result.rows.begin(), result.rows.end());
            CHECK(read.size() == result.rows.size());
            const std::set<std::string> deleted(churn.deleted_ids.begin(), churn.deleted_ids.end());
            std::set<std::string> ever(churn.initial_ids.begin(), churn.initial_ids.end());
            ever.insert(churn.inserted_ids.begin(), churn.inserted_ids.end());
            std::vector<std::string> missing, unknown;
            for (const auto& id : churn.initial_ids)
                if (!deleted.count(id) && !read.count(id)) missing.push_back(id);
            for (const auto& id : read)
                if (!ever.count(id)) unknown.push_back(id);
            CHECK(missing.empty());
            CHECK(unknown.empty());

            const tr::pager_stats stats = p.stats();
            CHECK(stats.rows_added + stats.rows_removed > 0);
            CHECK(stats.reconcile_requests + stats.rows_repeated > 0);
            CHECK(p.checkpoint().done);
        }
    }
}

TEST_CASE("mock churn: roles, tests and sourcing leads, both orders: every row present throughout once, none twice",
          "[pager][mock]") {
    for (const std::string list : {"roles", "tests", "sourcing"}) {
        for (const auto order : {mock::list_order::newest_first, mock::list_order::oldest_first}) {
            CAPTURE(list, mock::to_string(order));
            mock::server_options options = churning(order);
            options.churn.list = list;
            mock::server server{options};
            asio::io_context io;
            const tr::client admin = client_of(io, server, server.keys().admin);
            tr::request_spec base;
            base.path = "/api/v1/" + list;
            auto p = tr::pager<json::value>::offset(admin, base, 5, with_window(4));
            const reading result = run(io, read_ids(&p));
            REQUIRE(result.errors.empty());

            const mock::churn_record churn = server.stats().churn.at(list + "@user_admin");
            CHECK_FALSE(churn.inserted_ids.empty());
            const std::set<std::string> read(result.rows.begin(), result.rows.end());
            CHECK(read.size() == result.rows.size());
            const std::set<std::string> deleted(churn.deleted_ids.begin(), churn.deleted_ids.end());
            std::set<std::string> ever(churn.initial_ids.begin(), churn.initial_ids.end());
            ever.insert(churn.inserted_ids.begin(), churn.inserted_ids.end());
            for (const auto& id : churn.initial_ids)
                if (!deleted.count(id)) CHECK(read.count(id) == 1);
            for (const auto& id : read) CHECK(ever.count(id) == 1);
        }
    }
}

TEST_CASE("mock churn: an unchanging list reports no change and costs no extra request", "[pager][mock]") {
    mock::server_options options = plain(600);
    options.order = mock::list_order::newest_first;
    mock::server server{options};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);
    auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 20, with_window(8));
    const reading result = run(io, read_ids(&p));
    CHECK(result.errors.empty());
    CHECK(result.rows.size() == 600);
    const tr::pager_stats stats = p.stats();
    CHECK(stats.requests == 30);
    CHECK(stats.rows_added + stats.rows_removed + stats.rows_repeated + stats.reconcile_requests +
              stats.reconcile_passes ==
          0);
}

TEST_CASE("mock churn: strict mode fails with list_changed instead of reconciling", "[pager][mock]") {
    mock::server server{churning(mock::list_order::newest_first)};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);
    tr::pager_options options = with_window(1);
    options.strict = true;
    auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 20, options);
    const reading result = run(io, read_ids(&p));
    REQUIRE_FALSE(result.errors.empty());
    CHECK(result.errors.front().code == tr::errc::list_changed);
}

TEST_CASE("mock churn: with overlap_reads, as many deletes as inserts still read every row present throughout once, "
          "none twice, both orders, window 1 and 8",
          "[pager][mock]") {
    for (const auto order : {mock::list_order::newest_first, mock::list_order::oldest_first}) {
        for (const int window : {1, 8}) {
            CAPTURE(mock::to_string(order), window);
            mock::server_options options = churning(order);
            options.churn.inserts_per_s = 400;
            options.churn.deletes_per_s = 400;
            mock::server server{options};
            asio::io_context io;
            const tr::client admin = client_of(io, server, server.keys().admin);
            tr::pager_options paging = with_window(window);
            paging.overlap_reads = true;
            auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 20, paging);
            const reading result = run(io, read_ids(&p));
            REQUIRE(result.errors.empty());

            const mock::churn_record churn = server.stats().churn.at("candidates@user_admin");
            CHECK(churn.deleted_ids.size() > 10);
            const std::set<std::string> read(result.rows.begin(), result.rows.end());
            CHECK(read.size() == result.rows.size());
            const std::set<std::string> deleted(churn.deleted_ids.begin(), churn.deleted_ids.end());
            std::vector<std::string> missing;
            for (const auto& id : churn.initial_ids)
                if (!deleted.count(id) && !read.count(id)) missing.push_back(id);
            CHECK(missing.empty());
        }
    }
}

TEST_CASE("mock churn: overlap_reads on an unchanging list hands out every row once, each read after the first "
          "holding a row already passed",
          "[pager][mock]") {
    mock::server_options options = plain(600);
    options.order = mock::list_order::oldest_first;
    mock::server server{options};
    asio::io_context io;
    const tr::client admin = client_of(io, server, server.keys().admin);
    tr::pager_options paging = with_window(8);
    paging.overlap_reads = true;
    auto p = tr::pager<tr::candidate>::offset(admin, candidates_list(), 20, paging);
    const reading result = run(io, read_ids(&p));
    CHECK(result.errors.empty());
    const std::set<std::string> read(result.rows.begin(), result.rows.end());
    CHECK(read.size() == 600);
    CHECK(result.rows.size() == 600);
    const tr::pager_stats stats = p.stats();
    CHECK(stats.rows_added + stats.rows_removed + stats.reconcile_passes == 0);
    CHECK(stats.rows_repeated >= stats.requests - 1);
}

TEST_CASE("pager_options: overlap_reads with strict is an invalid_argument naming both", "[pager]") {
    tr::pager_options options;
    options.strict = true;
    options.overlap_reads = true;
    try {
        tr::validate(options);
        FAIL("no error");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::invalid_argument);
        CHECK_THAT(e.what(), Catch::Contains("overlap_reads") && Catch::Contains("strict"));
    }
}
