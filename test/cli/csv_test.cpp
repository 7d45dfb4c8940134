// RFC 4180 encoding and the cells of a JSON row.
#include "csv.hpp"
#include "csv_row.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <array>

namespace csv = talentray::cli::csv;
using talentray::cli::csv_cell;
using talentray::cli::csv_cells;
using talentray::cli::csv_header;

namespace {

std::string field(std::string_view text) {
    std::string out;
    csv::append_field(out, text);
    return out;
}

}  // namespace

TEST_CASE("csv: plain fields are written as they are") {
    CHECK(field("Jane Doe") == "Jane Doe");
    CHECK(field("") == "");
    CHECK(field("  padded  ") == "  padded  ");
    CHECK(field("İstanbul · Zürich") == "İstanbul · Zürich");
    CHECK(field("it's") == "it's");
}

TEST_CASE("csv: commas, quotes, CR and LF force quoting, and quotes are doubled") {
    CHECK(field("Doe, Jane") == "\"Doe, Jane\"");
    CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(field("\"") == "\"\"\"\"");
    CHECK(field("line one\nline two") == "\"line one\nline two\"");
    CHECK(field("a\r\nb") == "\"a\r\nb\"");
    CHECK(field("cr\ronly") == "\"cr\ronly\"");
}

TEST_CASE("csv: a record joins its fields with commas and ends with CRLF") {
    const std::array<std::string, 3> fields{"a", "b,c", ""};
    std::string out;
    csv::append_record(out, fields);
    CHECK(out == "a,\"b,c\",\r\n");
    const std::array<std::string, 1> empty{""};
    out.clear();
    csv::append_record(out, empty);
    CHECK(out == "\r\n");
}

TEST_CASE("csv rows: strings bare, scalars as JSON, null and missing empty, nested values as JSON text") {
    const auto row = boost::json::parse(R"({"id":"pc_1","skills":["python","sql"],"candidateId":null,)"
                                        R"("score":-1,"ok":true,"org":{"id":"org_acme"},"extra":"ignored"})");
    constexpr std::array<std::string_view, 7> columns{"id", "skills", "candidateId", "score", "ok", "org", "missing"};
    const std::vector<std::string> cells = csv_cells(row, columns);
    REQUIRE(cells.size() == 7);
    CHECK(cells[0] == "pc_1");
    CHECK(cells[1] == R"(["python","sql"])");
    CHECK(cells[2] == "");
    CHECK(cells[3] == "-1");
    CHECK(cells[4] == "true");
    CHECK(cells[5] == R"({"id":"org_acme"})");
    CHECK(cells[6] == "");
    CHECK(csv_header(columns) == std::vector<std::string>{"id", "skills", "candidateId", "score", "ok", "org", "missing"});
}

TEST_CASE("csv rows: a string keeps its characters, quotes included, and is not JSON-escaped") {
    const auto row = boost::json::parse(R"({"name":"O\"Brien, \"Kenji\"\n2"})");
    constexpr std::array<std::string_view, 1> columns{"name"};
    CHECK(csv_cells(row, columns).front() == "O\"Brien, \"Kenji\"\n2");
    std::string out;
    csv::append_record(out, csv_cells(row, columns));
    CHECK(out == "\"O\"\"Brien, \"\"Kenji\"\"\n2\"\r\n");
}

TEST_CASE("csv rows: a row that is not an object is refused, quoting it") {
    constexpr std::array<std::string_view, 1> columns{"id"};
    CHECK_THROWS_WITH(csv_cells(boost::json::parse("[1,2]"), columns), Catch::Contains("[1,2]"));
    CHECK(csv_cell(nullptr).empty());
}

TEST_CASE("csv formulas: cells a spreadsheet would run get a ' in front; numbers and other text stay") {
    using talentray::cli::csv_formulas;
    using talentray::cli::neutralise_formula;
    CHECK(neutralise_formula("=1+1") == "'=1+1");
    CHECK(neutralise_formula("+1+1") == "'+1+1");
    CHECK(neutralise_formula("-1+1") == "'-1+1");
    CHECK(neutralise_formula("@SUM(A1)") == "'@SUM(A1)");
    CHECK(neutralise_formula("\t=x") == "'\t=x");
    CHECK(neutralise_formula("\r=x") == "'\r=x");
    CHECK(neutralise_formula("-") == "'-");
    CHECK(neutralise_formula("-e5") == "'-e5");
    CHECK(neutralise_formula("-12.5") == "-12.5");
    CHECK(neutralise_formula("+3") == "+3");
    CHECK(neutralise_formula("-1.5e-3") == "-1.5e-3");
    CHECK(neutralise_formula("-.5") == "-.5");
    CHECK(neutralise_formula("a=b") == "a=b");
    CHECK(neutralise_formula("") == "");

    const auto row = boost::json::parse(R"({"name":"=cmd|' /C calc'!A0","score":-12,"typed":"-12.5","note":"-2+3"})");
    constexpr std::array<std::string_view, 4> columns{"name", "score", "typed", "note"};
    CHECK(csv_cells(row, columns) == std::vector<std::string>{"'=cmd|' /C calc'!A0", "-12", "-12.5", "'-2+3"});
    CHECK(csv_cells(row, columns, csv_formulas::keep_raw) ==
          std::vector<std::string>{"=cmd|' /C calc'!A0", "-12", "-12.5", "-2+3"});
}
