// How the transport words its I/O failures and bounds its steps: shared by opening a connection,
// the proxy's tunnel and the round trip.
#pragma once

#include "transport/connection.hpp"

#include <talentray/error.hpp>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <chrono>
#include <string>

namespace talentray::detail {

/// When a step of `step` started now ends: its own limit or the request deadline, the earlier.
inline clock::time_point step_expiry(std::chrono::milliseconds step, clock::time_point deadline) {
    return std::min(clock::now() + step, deadline);
}

/// A failure whose code is the underlying Asio/Beast/OpenSSL code, explained in words.
inline error_info transport_failure(boost::system::error_code ec, std::string what) {
    error_info info{ec, {}};
    info.diag.client_message = std::move(what) + ": " + ec.message();
    return info;
}

/// A step timed out: either the step's own limit or the request deadline, whichever came first.
inline error_info timeout_failure(errc step_code, clock::time_point deadline, std::string what) {
    if (clock::now() >= deadline) return make_error_info(errc::deadline_exceeded, what + ": request deadline exceeded");
    return make_error_info(step_code, what + ": timed out");
}

/// Step timeouts for a stream that has none (an in-memory stream cannot hang on a peer).
struct no_step_timeouts {
    void arm(clock::time_point) noexcept {}
    void disarm() noexcept {}
};

/// Step timeouts of a beast::tcp_stream: its operations fail with beast::error::timeout at the
/// expiry armed before each step.
struct tcp_step_timeouts {
    boost::beast::tcp_stream* stream;
    void arm(clock::time_point expiry) { stream->expires_at(expiry); }
    void disarm() { stream->expires_never(); }
};

}  // namespace talentray::detail
