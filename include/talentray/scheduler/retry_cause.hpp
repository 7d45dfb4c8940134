// talentray/scheduler/retry_cause.hpp — the kinds of failure a request may be retried after.
#pragma once

#include <string_view>

namespace talentray {

/// What made an attempt fail in a way that a retry may cure.
enum class retry_cause {
    rate_limited,  ///< 429 Too Many Requests: the server refused before doing anything
    server_error,  ///< 500, 502, 503 or 504
    timeout,       ///< a connect, TLS handshake or I/O step timed out
    network,       ///< the connection was refused, reset or closed early
};

/// "rate_limited", "server_error", "timeout" or "network".
constexpr std::string_view to_string(retry_cause cause) noexcept {
    switch (cause) {
    case retry_cause::rate_limited: return "rate_limited";
    case retry_cause::server_error: return "server_error";
    case retry_cause::timeout: return "timeout";
    case retry_cause::network: return "network";
    }
    return "unknown";
}

}  // namespace talentray
