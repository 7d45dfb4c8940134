// The pager's page parser: offset pages (`{"data": [...], "pagination": {...}}`) and cursor
// pages of the usage log (`{"success": true, "data": {"rows": [...], "pagination": {...}}}`),
// each both as parsed rows and as each row's exact bytes (row_spans, a hand-written scanner).
//
// Input: `offset` or `cursor` on the first line (anything else: by the first byte's parity),
// then the body.
//
// Invariants:
//  - parsing with rows as JSON succeeds exactly when parsing with rows as text does;
//  - the row texts are as many as the rows, and each parses to the same JSON as its row;
//  - the envelope keeps neither the rows nor the pagination; the pagination of the page's
//    kind is present; a cursor's `nextBefore` text is kept exactly and names the instant the
//    parsed pagination holds;
//  - a failure is `invalid_response` saying "malformed page".
#include "deep_nesting.hpp"
#include "fuzz_check.hpp"

#include "pager/page_parser.hpp"

#include <talentray/error.hpp>
#include <talentray/model/timestamp.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {
namespace tr = talentray;
namespace json = boost::json;
using tr::detail::row_format;

using parse_function = tr::result<tr::detail::raw_page> (*)(std::string_view, row_format);

void check_failure(const tr::error_info& failure) {
    FUZZ_CHECK(failure.code == tr::errc::invalid_response, failure.diag.to_string());
    FUZZ_CHECK(failure.diag.client_message.find("malformed page") != std::string::npos, failure.diag.to_string());
}

void check_page(std::string_view body, bool cursor) {
    const parse_function parse = cursor ? tr::detail::parse_cursor_page : tr::detail::parse_offset_page;
    const auto as_json = parse(body, row_format::json);
    const auto as_model = parse(body, row_format::model);
    const auto as_text = parse(body, row_format::text);
    if (!as_json) check_failure(as_json.error());
    if (!as_text) check_failure(as_text.error());
    FUZZ_CHECK(as_json.has_value() == as_text.has_value(),
               as_json ? as_text.error().diag.to_string() : as_json.error().diag.to_string());
    FUZZ_CHECK(as_json.has_value() == as_model.has_value(), "the arena changed whether the page parses");
    if (!as_json) return;
    FUZZ_CHECK(as_model->rows == as_json->rows && as_model->envelope == as_json->envelope,
               "the arena changed the rows or the envelope");

    const tr::detail::raw_page& rows = *as_json;
    const tr::detail::raw_page& texts = *as_text;
    FUZZ_CHECK(texts.rows.empty() && texts.row_texts.size() == rows.rows.size(), "row count differs");
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        json::parse_options options;
        options.max_depth = 64;
        boost::system::error_code ec;
        const json::value reread = json::parse(texts.row_texts[i], ec, {}, options);
        FUZZ_CHECK(!ec && reread == rows.rows[i], texts.row_texts[i] + " vs " + json::serialize(rows.rows[i]));
    }

    for (const tr::detail::raw_page* page : {&rows, &texts}) {
        FUZZ_CHECK(!page->envelope.contains(cursor ? "rows" : "data") && !page->envelope.contains("pagination"),
                   json::serialize(page->envelope));
        FUZZ_CHECK(cursor ? page->cursor && !page->offset : page->offset && !page->cursor, "pagination of the wrong kind");
        if (cursor && page->cursor->next_before) {
            FUZZ_CHECK(page->next_before_text.has_value(), "nextBefore parsed but its text was not kept");
            const auto reread = tr::timestamp::parse(*page->next_before_text);
            FUZZ_CHECK(reread && *reread == *page->cursor->next_before, *page->next_before_text);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    for (const std::string& body : talentray::fuzz::deeply_nested_bodies()) {
        check_page(body, false);
        check_page(body, true);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const std::string_view kind = input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
    const bool cursor = kind == "cursor" || (kind != "offset" && !kind.empty() && (kind.front() & 1));
    check_page(body, cursor);
    return 0;
}
