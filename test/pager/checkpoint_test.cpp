#include <talentray/pager/checkpoint.hpp>

#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

using namespace talentray;

namespace {

pager_checkpoint offset_position() {
    pager_checkpoint checkpoint;
    checkpoint.style = pagination_style::offset;
    checkpoint.path = "/api/v1/candidates";
    checkpoint.filters = {{"roleId", "role_eng_be"}, {"q", "a\"b"}};
    checkpoint.page_size = 100;
    checkpoint.page = 12;
    checkpoint.skip = 37;
    checkpoint.total_count = 50000;
    return checkpoint;
}

pager_checkpoint cursor_position() {
    pager_checkpoint checkpoint;
    checkpoint.style = pagination_style::cursor;
    checkpoint.path = "/api/admin/api-keys/apikey_1/usage";
    checkpoint.page_size = 500;
    checkpoint.before = "2026-06-04T15:20:00.123Z";
    checkpoint.skip = 3;
    return checkpoint;
}

std::string parse_error(std::string_view text) {
    auto parsed = pager_checkpoint::parse(text);
    REQUIRE(!parsed);
    CHECK(parsed.error().code == errc::invalid_argument);
    return parsed.error().diag.client_message;
}

}  // namespace

TEST_CASE("checkpoint: the documented text form", "[pager][checkpoint]") {
    CHECK(offset_position().to_string() ==
          R"({"version":1,"style":"offset","path":"/api/v1/candidates","filters":[["roleId","role_eng_be"],)"
          R"(["q","a\"b"]],"pageSize":100,"page":12,"skip":37,"totalCount":50000})");
    CHECK(cursor_position().to_string() ==
          R"({"version":1,"style":"cursor","path":"/api/admin/api-keys/apikey_1/usage","filters":[],"limit":500,)"
          R"("before":"2026-06-04T15:20:00.123Z","skip":3})");
}

TEST_CASE("checkpoint: text round trip", "[pager][checkpoint]") {
    for (pager_checkpoint checkpoint : {offset_position(), cursor_position()}) {
        CHECK(pager_checkpoint::parse(checkpoint.to_string()).value() == checkpoint);
        checkpoint.done = true;
        CHECK(pager_checkpoint::parse(checkpoint.to_string()).value() == checkpoint);
    }
    pager_checkpoint newest = cursor_position();
    newest.before.reset();
    CHECK(pager_checkpoint::parse(newest.to_string()).value() == newest);
}

TEST_CASE("checkpoint: the JSON form is the object the text form writes, and reads back", "[pager][checkpoint]") {
    for (const pager_checkpoint& checkpoint : {offset_position(), cursor_position()}) {
        CHECK(boost::json::serialize(checkpoint.to_json()) == checkpoint.to_string());
        CHECK(pager_checkpoint::from_json(checkpoint.to_json()).value() == checkpoint);
    }
    auto not_object = pager_checkpoint::from_json(boost::json::value("page 3"));
    REQUIRE(!not_object);
    CHECK(not_object.error().diag.client_message == "invalid pager checkpoint: not a JSON object");
    boost::json::object negative = offset_position().to_json();
    negative["page"] = -1;
    auto refused = pager_checkpoint::from_json(negative);
    REQUIRE(!refused);
    CHECK(refused.error().code == errc::invalid_argument);
    CHECK(refused.error().diag.client_message == "invalid pager checkpoint: page must not be negative");
}

TEST_CASE("checkpoint: unknown members are ignored, defaults apply", "[pager][checkpoint]") {
    auto parsed = pager_checkpoint::parse(
        R"({"version":1,"style":"offset","path":"/api/v1/roles","pageSize":20,"page":0,"note":"x"})");
    REQUIRE(parsed.has_value());
    CHECK(parsed->filters.empty());
    CHECK(parsed->skip == 0);
    CHECK(!parsed->total_count);
    CHECK(!parsed->done);
}

TEST_CASE("checkpoint: invalid text is refused with the reason", "[pager][checkpoint]") {
    CHECK_THAT(parse_error("{"), Catch::Contains("not JSON"));
    CHECK_THAT(parse_error("[]"), Catch::Contains("not a JSON object"));
    CHECK_THAT(parse_error(R"({"style":"offset"})"), Catch::Contains("version is missing"));
    CHECK_THAT(parse_error(R"({"version":2})"), Catch::Contains("unknown version 2"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"keyset"})"), Catch::Contains("unknown style"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"x","pageSize":1,"page":0})"),
               Catch::Contains("path"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"/a","pageSize":101,"page":0})"),
               Catch::Contains("pageSize must be 1..100"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"cursor","path":"/a","limit":501})"),
               Catch::Contains("limit must be 1..500"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"/a","pageSize":10})"),
               Catch::Contains("page is missing"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"/a","pageSize":10,"page":-1})"),
               Catch::Contains("page must not be negative"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"/a","pageSize":10,"page":0,"skip":11})"),
               Catch::Contains("skip must be 0..10"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"cursor","path":"/a","limit":10,"before":"later"})"),
               Catch::Contains("before"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"/a","pageSize":10,"page":0,"filters":[["page","2"]]})"),
               Catch::Contains("paging parameter"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"/a","pageSize":10,"page":0,"filters":{"a":"b"}})"),
               Catch::Contains("pairs"));
    CHECK_THAT(parse_error(R"({"version":1,"style":"offset","path":"/a","pageSize":10,"page":0,"done":1})"),
               Catch::Contains("done"));
}

TEST_CASE("checkpoint: a reconciling walk's state round-trips, and bad state is refused by name",
          "[pager][checkpoint]") {
    pager_checkpoint checkpoint = offset_position();
    reconcile_state state;
    state.after_id = "cand_7";
    state.after_created_at = "2026-05-01T10:00:00.250Z";
    state.position = 1236;
    state.order = "newest-first";
    state.live = true;
    state.recent_ids = {"cand_9", "cand_8", "cand_7"};
    state.handed_out = 1237;
    checkpoint.reconcile = state;
    CHECK(pager_checkpoint::parse(checkpoint.to_string()).value() == checkpoint);

    const auto refused = [&](std::string_view member, std::string_view value) {
        std::string text = checkpoint.to_string();
        const std::string from = "\"" + std::string(member) + "\":";
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        const auto end = text.find_first_of(",}", at + from.size());
        text.replace(at + from.size(), end - at - from.size(), value);
        auto parsed = pager_checkpoint::parse(text);
        REQUIRE_FALSE(parsed.has_value());
        return parsed.error().diag.client_message;
    };
    CHECK_THAT(refused("order", "\"sideways\""), Catch::Contains("reconcile.order"));
    CHECK_THAT(refused("afterCreatedAt", "\"yesterday\""), Catch::Contains("reconcile.afterCreatedAt"));
    CHECK_THAT(refused("position", "-5"), Catch::Contains("reconcile.position"));
}

TEST_CASE("checkpoint: a cursor position carries the boundary timestamp and the ids handed out at it",
          "[pager][checkpoint]") {
    pager_checkpoint checkpoint = cursor_position();
    checkpoint.before = "2026-06-04T15:20:01Z";
    checkpoint.skip = 0;
    checkpoint.boundary_at = "2026-06-04T15:20:00Z";
    checkpoint.boundary_ids = {"usage_2041", "usage_2040"};
    CHECK(checkpoint.to_string() ==
          R"({"version":1,"style":"cursor","path":"/api/admin/api-keys/apikey_1/usage","filters":[],"limit":500,)"
          R"("before":"2026-06-04T15:20:01Z","skip":0,"boundaryAt":"2026-06-04T15:20:00Z",)"
          R"("boundaryIds":["usage_2041","usage_2040"]})");
    CHECK(pager_checkpoint::parse(checkpoint.to_string()).value() == checkpoint);

    const std::string head = R"({"version":1,"style":"cursor","path":"/a","limit":2,"before":null,)";
    CHECK_THAT(parse_error(head + R"("boundaryAt":"noon"})"), Catch::Contains("boundaryAt"));
    CHECK_THAT(parse_error(head + R"("boundaryIds":["a"]})"), Catch::Contains("boundaryIds needs boundaryAt"));
    CHECK_THAT(parse_error(head + R"("boundaryAt":"2026-06-04T15:20:00Z","boundaryIds":"a"})"),
               Catch::Contains("boundaryIds must be an array"));
    CHECK_THAT(parse_error(head + R"("boundaryAt":"2026-06-04T15:20:00Z","boundaryIds":[""]})"),
               Catch::Contains("non-empty strings"));
    std::string many = R"("boundaryAt":"2026-06-04T15:20:00Z","boundaryIds":["a")";
    for (int i = 0; i < 1000; ++i) many += R"(,"a")";
    CHECK_THAT(parse_error(head + many + "]}"), Catch::Contains("holds 1001 ids, more than 1000"));
}
