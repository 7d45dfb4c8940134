// talentray/request_event.hpp — what one attempt of a request did, for metrics and tracing.
#pragma once

#include <talentray/http_method.hpp>
#include <talentray/scheduler/retry_cause.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace talentray {

/// One attempt of a request: a call retried twice makes three events. It holds only what is
/// safe as a metric label or a span attribute: never the key, an id, a query or a body.
///
/// Durations are measured on `std::chrono::steady_clock`. The attempt's time from its start is
/// `admission_wait + total`; `connect`, `tls_handshake` and `first_byte` are parts of `total`.
struct request_event {
    using duration = std::chrono::steady_clock::duration;

    /// The operation's name in the table of `model/operation.hpp` (`operation_info::sdk_name`,
    /// e.g. "get_candidate"). Empty for a request sent with `client::send` that names no
    /// `request_spec::operation`.
    std::string_view operation;
    /// The operation's path template, e.g. "/api/v1/candidates/{id}": never the filled path, so
    /// no id ever reaches a label. Empty when `operation` is.
    std::string_view route;
    http_method method = http_method::get;

    /// The response's status, or 0 when none arrived (a transport failure, a timeout, a
    /// cancellation, or an attempt that failed while waiting for admission).
    int http_status = 0;
    /// Empty when the attempt got a 2xx response; else the failure's code, as the call would
    /// report it (`errc::rate_limited` for a 429, `errc::server_error`, `errc::io_timeout`, an
    /// Asio/Beast/OpenSSL code for the network). Compare it with `talentray::errc` values.
    boost::system::error_code error;

    /// 1 for the first attempt of a call, 2 for its first retry, ...
    std::uint32_t attempt = 1;
    /// What made the previous attempt fail in a way that was retried; empty for attempt 1.
    std::optional<talentray::retry_cause> retry_cause;

    /// Time spent waiting for the rate budget to admit the attempt (its pace, a 429 pause, the
    /// in-flight cap). The backoff between attempts is not part of any attempt.
    duration admission_wait{};
    /// Resolving, connecting (and opening the proxy's CONNECT tunnel) for a new connection;
    /// zero when the attempt reused a pooled connection (one warmed before its admission too:
    /// that connection's set-up belongs to no attempt).
    duration connect{};
    /// The TLS handshake of a new connection; zero when reused, and for `http://`.
    duration tls_handshake{};
    /// From the first byte of the request written to the whole response header read; zero when
    /// no header arrived.
    duration first_byte{};
    /// From admission to the outcome: waiting for a pooled connection, connecting, writing the
    /// request and reading the whole response.
    duration total{};

    /// HTTP bytes written and read (request line, header and body, before TLS) as the transport
    /// counted them, over every round trip of the attempt.
    std::uint64_t bytes_out = 0;
    std::uint64_t bytes_in = 0;
    /// True when the attempt ran on a connection opened before it: one that had served a request
    /// before, or one opened ahead of admission (a shared budget's warm-up).
    bool connection_reused = false;
};

/// Receives one `request_event` per attempt (see `client_options::observer`).
///
/// A plain function object, like `log_handler`, so that options stay copyable values and an
/// observer can be a lambda capturing what it feeds (a metrics registry, a tracer) by pointer.
using request_observer = std::function<void(const request_event& event)>;

}  // namespace talentray
