// Turning one JSON row into the CSV fields of a fixed column list.
#pragma once

#include "csv_formula.hpp"

#include <boost/json/value.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::cli {

/// The text of one CSV cell for a JSON value: a string as it is (no quotes), a number or boolean
/// as JSON writes it, null or a missing member as an empty cell, and an array or object as
/// compact JSON text (`["python","sql"]`).
std::string csv_cell(const boost::json::value* value);

/// The cells of `row` for `columns`, in their order; members not listed are left out. With
/// `csv_formulas::neutralise`, a cell that looks like a spreadsheet formula gets a `'` in front
/// (see `neutralise_formula`). Throws `std::invalid_argument` quoting the row when it is not a
/// JSON object.
std::vector<std::string> csv_cells(const boost::json::value& row, std::span<const std::string_view> columns,
                                   csv_formulas formulas = csv_formulas::neutralise);

/// The header record's fields.
std::vector<std::string> csv_header(std::span<const std::string_view> columns);

}  // namespace talentray::cli
