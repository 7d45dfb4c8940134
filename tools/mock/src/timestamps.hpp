// ISO 8601 UTC timestamps as the API writes and reads them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace talentray::mock::detail {

using timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// "2026-06-04T15:30:45Z": whole seconds, the form every documented example uses.
std::string format_seconds(timestamp t);

/// "2026-06-04T15:30:45.123Z": millisecond precision, used where rows must be told apart
/// (the usage log's cursor compares timestamps).
std::string format_milliseconds(timestamp t);

/// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)". Fractions beyond milliseconds are
/// truncated. Returns nullopt for anything else (including out-of-range fields).
std::optional<timestamp> parse_timestamp(std::string_view text);

/// Builds a timestamp from UTC calendar fields (for fixtures).
timestamp make_timestamp(int year, unsigned month, unsigned day, unsigned hour = 0, unsigned minute = 0,
                         unsigned second = 0);

}  // namespace talentray::mock::detail
