#include "pager/page_parser.hpp"

#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

using talentray::errc;
using talentray::detail::parse_cursor_page;
using talentray::detail::parse_offset_page;
using talentray::detail::row_format;

TEST_CASE("offset page: rows, pagination and the fields beside them", "[pager][parser]") {
    const std::string body =
        R"({"batchId":"batch_1","status":"completed","data":[{"id":"pc_1"},{"id":"pc_2"}],)"
        R"("pagination":{"page":1,"pageSize":2,"totalCount":5,"totalPages":3}})";
    auto page = parse_offset_page(body, row_format::json);
    REQUIRE(page.has_value());
    CHECK(page->row_count() == 2);
    CHECK(page->rows[1].at("id").as_string() == "pc_2");
    CHECK(page->row_texts.empty());
    REQUIRE(page->offset);
    CHECK(*page->offset == talentray::offset_pagination{1, 2, 5, 3});
    CHECK(!page->cursor);
    CHECK(boost::json::serialize(page->envelope) == R"({"batchId":"batch_1","status":"completed"})");
}

TEST_CASE("offset page: text rows keep the server's bytes", "[pager][parser]") {
    const std::string body = R"({"data":[ {"id" : "a"} ,{"id":"b\u0021"}],"pagination":{"page":0,"pageSize":2,"totalCount":2,"totalPages":1}})";
    auto page = parse_offset_page(body, row_format::text);
    REQUIRE(page.has_value());
    CHECK(page->rows.empty());
    CHECK(page->row_count() == 2);
    CHECK(page->row_texts == std::vector<std::string>{R"({"id" : "a"})", R"({"id":"b\u0021"})"});
}

TEST_CASE("page memory: model rows share one arena per page, everything else is on the heap", "[pager][parser]") {
    const std::string body =
        R"({"batchId":"batch_1","data":[{"id":"pc_1","tags":["a","b"]},{"id":"pc_2"}],)"
        R"("pagination":{"page":0,"pageSize":2,"totalCount":2,"totalPages":1}})";
    const boost::json::storage_ptr heap;
    auto heap_rows = parse_offset_page(body, row_format::json);
    auto model_rows = parse_offset_page(body, row_format::model);
    auto text_rows = parse_offset_page(body, row_format::text);
    REQUIRE(heap_rows.has_value());
    REQUIRE(model_rows.has_value());
    REQUIRE(text_rows.has_value());

    // json: handed to the caller as they are, so on the heap.
    CHECK(*heap_rows->rows.storage() == *heap);
    CHECK(*heap_rows->rows[0].storage() == *heap);
    // model: the same rows, in an arena the rows keep alive after the parse has returned.
    CHECK(model_rows->rows == heap_rows->rows);
    CHECK(*model_rows->rows.storage() != *heap);
    CHECK(model_rows->rows.storage().is_shared());
    CHECK(*model_rows->rows[0].storage() == *model_rows->rows.storage());
    // The envelope may be kept by the caller (page_info): always on the heap.
    for (const auto* page : {&*heap_rows, &*model_rows, &*text_rows}) {
        CHECK(*page->envelope.storage() == *heap);
        CHECK(boost::json::serialize(page->envelope) == R"({"batchId":"batch_1"})");
    }
    CHECK(text_rows->row_texts.size() == 2);

    auto cursor = parse_cursor_page(
        R"({"success":true,"data":{"key":{"id":"k"},"rows":[{"id":"usage_1"}],"pagination":{"limit":1,"hasMore":false}}})",
        row_format::model);
    REQUIRE(cursor.has_value());
    CHECK(cursor->rows.at(0).at("id").as_string() == "usage_1");
    CHECK(*cursor->envelope.storage() == *heap);
}

TEST_CASE("offset page: malformed bodies name the problem", "[pager][parser]") {
    auto message = [](std::string_view body) {
        auto page = parse_offset_page(body, row_format::json);
        REQUIRE(!page);
        CHECK(page.error().code == errc::invalid_response);
        return page.error().diag.client_message;
    };
    CHECK_THAT(message("{\"data\":[1"), Catch::Contains("not JSON"));
    CHECK_THAT(message("[1]"), Catch::Contains("not a JSON object"));
    CHECK_THAT(message(R"({"pagination":{"page":0,"pageSize":1,"totalCount":0,"totalPages":0}})"),
               Catch::Contains("data is missing"));
    CHECK_THAT(message(R"({"data":[]})"), Catch::Contains("pagination is missing"));
    CHECK_THAT(message(R"({"data":[],"pagination":{"page":"0","pageSize":1,"totalCount":0,"totalPages":0}})"),
               Catch::Contains("pagination: page"));
}

TEST_CASE("cursor page: rows, pagination with nextBefore as written, the key beside them", "[pager][parser]") {
    const std::string body =
        R"({"success":true,"data":{"key":{"id":"apikey_1"},"rows":[{"id":"usage_9"}],)"
        R"("pagination":{"limit":1,"hasMore":true,"nextBefore":"2026-06-04T15:20:00.120+00:00"}}})";
    auto page = parse_cursor_page(body, row_format::json);
    REQUIRE(page.has_value());
    CHECK(page->row_count() == 1);
    REQUIRE(page->cursor);
    CHECK(page->cursor->has_more);
    CHECK(page->cursor->next_before == talentray::timestamp::parse("2026-06-04T15:20:00.12Z").value());
    CHECK(page->next_before_text == "2026-06-04T15:20:00.120+00:00");
    CHECK(boost::json::serialize(page->envelope) == R"({"key":{"id":"apikey_1"}})");

    auto text = parse_cursor_page(body, row_format::text);
    REQUIRE(text.has_value());
    CHECK(text->row_texts == std::vector<std::string>{R"({"id":"usage_9"})"});
}

TEST_CASE("cursor page: the last page has no nextBefore", "[pager][parser]") {
    for (std::string_view next : {R"(,"nextBefore":null)", ""}) {
        const std::string body = std::string(R"({"success":true,"data":{"rows":[],"pagination":{"limit":5,"hasMore":false)") +
                                 std::string(next) + "}}}";
        auto page = parse_cursor_page(body, row_format::json);
        REQUIRE(page.has_value());
        CHECK(!page->cursor->has_more);
        CHECK(!page->next_before_text);
        CHECK(!page->cursor->next_before);
    }
}

TEST_CASE("cursor page: malformed bodies are invalid responses", "[pager][parser]") {
    for (std::string_view body : {R"({"success":false,"data":{"rows":[],"pagination":{"limit":1,"hasMore":false}}})",
                                  R"({"data":{"rows":[],"pagination":{"limit":1,"hasMore":false}}})",
                                  R"({"success":true,"data":[]})",
                                  R"({"success":true,"data":{"rows":{},"pagination":{"limit":1,"hasMore":false}}})",
                                  R"({"success":true,"data":{"rows":[]}})",
                                  R"({"success":true,"data":{"rows":[],"pagination":{"limit":1,"hasMore":true,"nextBefore":"yesterday"}}})"}) {
        CAPTURE(body);
        auto page = parse_cursor_page(body, row_format::json);
        REQUIRE(!page);
        CHECK(page.error().code == errc::invalid_response);
    }
}
