#include "csv_row.hpp"

#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace talentray::cli {

std::string csv_cell(const boost::json::value* value) {
    if (!value || value->is_null()) return {};
    if (const auto* text = value->if_string()) return std::string(text->data(), text->size());
    return boost::json::serialize(*value);
}

std::vector<std::string> csv_cells(const boost::json::value& row, std::span<const std::string_view> columns,
                                   csv_formulas formulas) {
    const auto* object = row.if_object();
    if (!object) throw std::invalid_argument("a row of the list is not a JSON object: " + boost::json::serialize(row));
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const std::string_view column : columns) {
        std::string cell = csv_cell(object->if_contains(column));
        cells.push_back(formulas == csv_formulas::neutralise ? neutralise_formula(std::move(cell)) : std::move(cell));
    }
    return cells;
}

std::vector<std::string> csv_header(std::span<const std::string_view> columns) {
    return {columns.begin(), columns.end()};
}

}  // namespace talentray::cli
