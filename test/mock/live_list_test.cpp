// Live lists: the churn the mock applies while a list is read, as pure logic (virtual time) and
// through the HTTP surface with the stats route's account of what changed.
#include "live_list.hpp"
#include "mock_fixture.hpp"

#include <talentray/mock/options.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace talentray::mock::detail;
using namespace mock_test;
using namespace std::chrono_literals;

namespace {

const timestamp t0 = make_timestamp(2026, 6, 1);

std::vector<std::string> numbered(std::size_t count) {
    std::vector<std::string> ids;
    for (std::size_t i = 1; i <= count; ++i) ids.push_back("r_" + std::to_string(i));
    return ids;
}

mock::churn_options churn_of(double inserts, double deletes, mock::churn_position at) {
    mock::churn_options churn;
    churn.list = "roles";
    churn.inserts_per_s = inserts;
    churn.deletes_per_s = deletes;
    churn.at = at;
    return churn;
}

std::vector<std::int64_t> ranks(const live_list& list, mock::list_order order) {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < list.size(); ++i) out.push_back(list.at(i, order).rank);
    return out;
}

}  // namespace

TEST_CASE("live list: events due by the clock, inserts and deletes in time order") {
    live_list list{numbered(10), "r_", 7, t0};
    const auto churn = churn_of(4, 2, mock::churn_position::random);
    CHECK(list.advance(churn, mock::list_order::oldest_first, t0 + 200ms).empty());
    const auto changes = list.advance(churn, mock::list_order::oldest_first, t0 + 1000ms);
    REQUIRE(changes.size() == 6);  // 4 inserts at 0.25 s steps, 2 deletes at 0.5 s steps
    CHECK(std::count_if(changes.begin(), changes.end(), [](const churn_change& c) { return c.inserted; }) == 4);
    CHECK(changes[0].inserted);
    CHECK(changes[0].id == "r_live_1");
    CHECK(list.size() == 12);
    CHECK(list.advance(churn, mock::list_order::oldest_first, t0 + 1000ms).empty());
}

TEST_CASE("live list: front and back mean the ends of the list in its order, ranks stay sorted") {
    for (const auto order : {mock::list_order::newest_first, mock::list_order::oldest_first}) {
        live_list front{numbered(5), "r_", 1, t0};
        front.advance(churn_of(1, 0, mock::churn_position::front), order, t0 + 1s);
        CHECK(front.at(0, order).id == "r_live_1");
        live_list back{numbered(5), "r_", 1, t0};
        back.advance(churn_of(1, 0, mock::churn_position::back), order, t0 + 1s);
        CHECK(back.at(5, order).id == "r_live_1");
        live_list deleted{numbered(5), "r_", 1, t0};
        const auto changes = deleted.advance(churn_of(0, 1, mock::churn_position::front), order, t0 + 1s);
        REQUIRE(changes.size() == 1);
        CHECK(changes[0].id == (order == mock::list_order::oldest_first ? "r_1" : "r_5"));

        live_list random{numbered(50), "r_", 3, t0};
        random.advance(churn_of(200, 100, mock::churn_position::random), order, t0 + 1s);
        CHECK(random.size() == 150);
        auto seen = ranks(random, order);
        if (order == mock::list_order::newest_first) std::reverse(seen.begin(), seen.end());
        CHECK(std::adjacent_find(seen.begin(), seen.end(), std::greater_equal<>{}) == seen.end());
    }
}

TEST_CASE("live list: the same seed stream gives the same changes") {
    live_list a{numbered(100), "r_", 42, t0};
    live_list b{numbered(100), "r_", 42, t0};
    const auto churn = churn_of(30, 30, mock::churn_position::random);
    a.advance(churn, mock::list_order::newest_first, t0 + 500ms);
    a.advance(churn, mock::list_order::newest_first, t0 + 2s);
    b.advance(churn, mock::list_order::newest_first, t0 + 2s);
    CHECK(a.ids(mock::list_order::newest_first) == b.ids(mock::list_order::newest_first));
}

TEST_CASE("list and churn options: names parsed, bad values named") {
    CHECK(mock::parse_list_order("newest-first") == mock::list_order::newest_first);
    CHECK(mock::parse_churn_position("back") == mock::churn_position::back);
    CHECK_THROWS_WITH(mock::parse_list_order("sideways"), Catch::Contains("sideways"));
    CHECK_THROWS_WITH(mock::parse_churn_position("middle"), Catch::Contains("front, back or random"));
    mock::churn_options churn;
    churn.list = "usage";
    CHECK_THROWS_WITH(mock::validate(churn), Catch::Contains("churn.list 'usage'"));
    churn.list = "roles";
    churn.deletes_per_s = -1;
    CHECK_THROWS_WITH(mock::validate(churn), Catch::Contains("churn.deletes_per_s"));
}

TEST_CASE("ordered lists: createdAt unique and sorted the way the order says") {
    for (const auto order : {mock::list_order::newest_first, mock::list_order::oldest_first}) {
        auto options = plain_options();
        options.order = order;
        plain_server mock{options};
        const json::value body = mock.client.get("/api/v1/candidates?pageSize=100", mock.keys().admin.key).json();
        const json::array& rows = body.at("data").as_array();
        REQUIRE(rows.size() == 100);
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const std::string previous = text(rows[i - 1], "createdAt"), current = text(rows[i], "createdAt");
            if (order == mock::list_order::newest_first) CHECK(previous > current);
            else CHECK(previous < current);
        }
    }
}

TEST_CASE("churn: the stats route accounts for every change, and listed rows come from that account") {
    auto options = plain_options();
    options.order = mock::list_order::newest_first;
    options.churn = churn_of(400, 200, mock::churn_position::random);
    options.churn.list = "sourcing";
    plain_server mock{options};
    const std::string key = mock.keys().employer.key;
    const auto total_of = [&] {
        return integer(mock.client.get("/api/v1/sourcing?pageSize=1", key).json().at("pagination"), "totalCount");
    };
    const std::int64_t first = total_of();
    std::int64_t last = first;
    const auto started = std::chrono::steady_clock::now();
    while (last - first < 5 && std::chrono::steady_clock::now() - started < 10s) last = total_of();

    const json::value stats = mock.client.get("/__mock/stats", mock.keys().admin.key).json();
    const json::object& lists = stats.at("churn").as_object();
    REQUIRE(lists.size() == 1);
    const json::value& record = lists.begin()->value();
    CHECK(std::string(lists.begin()->key()) == "sourcing@user_employer");
    const auto count = [&](std::string_view name) { return static_cast<std::int64_t>(record.at(name).as_array().size()); };
    CHECK(count("initialIds") == first);
    CHECK(count("insertedIds") > 0);
    CHECK(first + count("insertedIds") - count("deletedIds") == last);

    // Every row listed is an initial or an inserted one, and the account matches what is listed.
    std::set<std::string> ever;
    for (const auto& id : record.at("initialIds").as_array()) ever.insert(std::string(id.as_string()));
    for (const auto& id : record.at("insertedIds").as_array()) ever.insert(std::string(id.as_string()));
    const json::value body = mock.client.get("/api/v1/sourcing?pageSize=100&page=0", key).json();
    const json::value later = mock.client.get("/__mock/stats", mock.keys().admin.key).json();
    const json::value& now = later.at("churn").as_object().begin()->value();
    for (const auto& id : now.at("insertedIds").as_array()) ever.insert(std::string(id.as_string()));
    REQUIRE_FALSE(body.at("data").as_array().empty());
    for (const auto& row : body.at("data").as_array()) CHECK(ever.count(text(row, "id")) == 1);
}
