// pager<T> over in-memory pages: decoding rows into models, and rows that do not decode.
#include "stream_support.hpp"

#include <talentray/model/candidate.hpp>

#include <catch2/catch.hpp>

using namespace pager_test;
using talentray::candidate;
using talentray::errc;

namespace {

/// Candidates `cand_<n>`, except that `broken` rows lack their `fullName`.
std::shared_ptr<fake_list> candidates(std::int64_t rows, std::vector<std::int64_t> broken) {
    auto list = std::make_shared<fake_list>();
    list->rows = rows;
    list->row = [broken = std::move(broken)](std::int64_t n) {
        json::object row{{"id", "cand_" + std::to_string(n)},
                         {"fullName", "Candidate " + std::to_string(n)},
                         {"email", nullptr},
                         {"phone", nullptr},
                         {"status", "Active"},
                         {"createdAt", "2026-06-01T10:00:00Z"},
                         {"updatedAt", "2026-06-02T08:00:00Z"},
                         {"roles", json::array{}}};
        if (std::find(broken.begin(), broken.end(), n) != broken.end()) row.erase("fullName");
        return json::value(std::move(row));
    };
    return list;
}

struct typed_reading {
    std::vector<std::string> ids;
    std::vector<talentray::error_info> errors;
    std::vector<std::size_t> page_sizes;
};

asio::awaitable<typed_reading> read_candidates(talentray::pager<candidate>* p) {
    typed_reading out;
    for (;;) {
        try {
            auto item = co_await p->next();
            if (!item) break;
            out.ids.push_back(item->id);
        } catch (const talentray::error& e) {
            out.errors.push_back(e.info());
        }
    }
    co_return out;
}

asio::awaitable<typed_reading> read_candidate_pages(talentray::pager<candidate>* p) {
    typed_reading out;
    for (;;) {
        auto found = co_await p->try_next_page();
        if (!found) {
            out.errors.push_back(found.error());
            continue;
        }
        if (!*found) break;
        out.page_sizes.push_back((*found)->items.size());
        for (const candidate& c : (*found)->items) out.ids.push_back(c.id);
    }
    co_return out;
}

std::vector<std::string> ids(std::int64_t from, std::int64_t to, std::vector<std::int64_t> skipped = {}) {
    std::vector<std::string> out;
    for (std::int64_t n = from; n < to; ++n)
        if (std::find(skipped.begin(), skipped.end(), n) == skipped.end()) out.push_back("cand_" + std::to_string(n));
    return out;
}

}  // namespace

TEST_CASE("typed pager: rows become models, in order", "[pager][typed]") {
    auto list = candidates(23, {});
    asio::io_context io;
    auto p = offset_pager<candidate>(list, 10);
    const typed_reading result = run(io, read_candidates(&p));
    CHECK(result.errors.empty());
    CHECK(result.ids == ids(0, 23));
    REQUIRE(p.current_page());
    CHECK(p.current_page()->sequence == 2);
    CHECK(p.current_page()->offset->page == 2);
}

TEST_CASE("typed pager: a row that does not decode is reported where it is, then passed", "[pager][typed]") {
    auto list = candidates(23, {4, 10});
    asio::io_context io;
    auto p = offset_pager<candidate>(list, 10);
    const typed_reading result = run(io, read_candidates(&p));
    CHECK(result.ids == ids(0, 23, {4, 10}));
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].code == errc::invalid_response);
    CHECK_THAT(result.errors[0].diag.client_message, Catch::Contains("page 0, row 4") && Catch::Contains("fullName"));
    CHECK_THAT(result.errors[1].diag.client_message, Catch::Contains("page 1, row 0"));
    CHECK(result.errors[0].diag.path == "/fake/list");
}

TEST_CASE("typed pager: next_page stops before a bad row and reports it next", "[pager][typed]") {
    auto list = candidates(23, {4});
    asio::io_context io;
    auto p = offset_pager<candidate>(list, 10);
    const typed_reading result = run(io, read_candidate_pages(&p));
    CHECK(result.ids == ids(0, 23, {4}));
    CHECK(result.page_sizes == std::vector<std::size_t>{4, 5, 10, 3});
    REQUIRE(result.errors.size() == 1);
    CHECK_THAT(result.errors[0].diag.client_message, Catch::Contains("row 4"));
}

TEST_CASE("typed pager: next_page after next() hands out the rest of the page", "[pager][typed]") {
    auto list = candidates(15, {});
    talentray::pager_options options;
    options.max_items = 13;
    asio::io_context io;
    auto p = offset_pager<candidate>(list, 10, options);
    auto first = run(io, p.next());
    REQUIRE(first);
    CHECK(first->id == "cand_0");
    auto rest = run(io, p.next_page());
    REQUIRE(rest);
    CHECK(rest->info.first_row == 1);
    CHECK(rest->items.size() == 9);
    auto last = run(io, p.next_page());
    REQUIRE(last);
    CHECK(last->items.size() == 3);  // cut short by max_items
    CHECK(last->items.back().id == "cand_12");
    CHECK(!run(io, p.next_page()));
}
