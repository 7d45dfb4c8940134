// Keeping spreadsheets from running a CSV cell as a formula ("CSV injection"): an export holds
// text that people outside the company typed (names, summaries), and a cell such as
// =HYPERLINK(...) would run when the file is opened.
#pragma once

#include <string>
#include <string_view>

namespace talentray::cli {

/// Whether an export writes formula-like CSV cells as they are.
enum class csv_formulas { neutralise, keep_raw };

/// True when a spreadsheet would read `cell` as a formula: it begins with `=`, `+`, `-`, `@`, a
/// tab or a CR, and is not a plain number (`-12.5`, `+3`, `1e-3` stay numbers).
bool looks_like_formula(std::string_view cell) noexcept;

/// `cell` with a `'` in front when it looks like a formula (spreadsheets then show it as text),
/// otherwise unchanged.
std::string neutralise_formula(std::string cell);

}  // namespace talentray::cli
