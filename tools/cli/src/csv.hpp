// RFC 4180 CSV: records of fields separated by commas and ended by CRLF.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace talentray::cli::csv {

/// Appends one field to `out`: as it is when it holds no comma, double quote, CR or LF, and
/// otherwise between double quotes with every embedded double quote doubled. An empty field
/// stays empty. Bytes are copied unchanged (UTF-8 passes through).
void append_field(std::string& out, std::string_view field);

/// Appends one record: the fields separated by commas, then CRLF.
void append_record(std::string& out, std::span<const std::string> fields);

}  // namespace talentray::cli::csv
