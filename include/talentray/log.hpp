// talentray/log.hpp — the logging hook. The SDK has no global logger: each client logs through
// the function its options carry, and logs nothing when that function is empty.
#pragma once

#include <functional>
#include <string_view>

namespace talentray {

enum class log_level { debug, info, warning, error };

/// Returns a short lowercase name ("debug", "info", "warning", "error").
std::string_view to_string(log_level level) noexcept;

/// Receives one log line. Called from whichever thread runs the request; it must be thread-safe
/// if the io_context runs on several threads. Messages never contain the API key: the key, its
/// `Bearer ` form and any run of 16 or more of its characters are replaced with "[redacted]".
using log_handler = std::function<void(log_level level, std::string_view message)>;

}  // namespace talentray
