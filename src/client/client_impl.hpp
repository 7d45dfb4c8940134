// The shared state behind talentray::client: options, credentials, transport, counters.
#pragma once

#include "base/key_redaction.hpp"
#include "client/call_registry.hpp"
#include "scheduler/retry_policy.hpp"
#include "transport/transport.hpp"

#include <talentray/client_options.hpp>
#include <talentray/counters.hpp>
#include <talentray/request.hpp>
#include <talentray/request_event.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <atomic>
#include <cstdint>
#include <optional>

namespace talentray::detail {

class client_impl : public std::enable_shared_from_this<client_impl> {
public:
    /// Throws talentray::error for invalid options (see client::client).
    client_impl(boost::asio::any_io_executor executor, client_options options);

    /// Sends one request through admission and the retry policy; a non-2xx status that is not
    /// retried becomes the decoded error. Keeps `*this` alive until it completes.
    boost::asio::awaitable<result<response>> execute(request_spec spec);

    /// See client::close. Keeps `*this` alive until it completes.
    boost::asio::awaitable<void> close(std::chrono::milliseconds drain);

    client_counters counters() const;
    const std::shared_ptr<rate_budget>& budget() const noexcept { return budget_; }
    const origin& target() const noexcept { return transport_->target(); }
    const boost::asio::any_io_executor& executor() const noexcept { return executor_; }

    /// Sends `message`, with the key redacted, to the configured log handler, if any.
    void log(log_level level, std::string_view message) const;

    /// Removes the key from text that repeats a server's response (shared with pagers).
    const std::shared_ptr<const key_redactor>& redactor() const noexcept { return redactor_; }

private:
    result<http_request> build_request(const request_spec& spec) const;
    void count_status(int status) noexcept;
    /// Hands `event` to the observer; an exception it throws is logged and dropped.
    void notify(const request_event& event) const noexcept;

    boost::asio::any_io_executor executor_;
    client_options options_;        // api_key moved out into auth_value_
    std::shared_ptr<const key_redactor> redactor_;  // holds a wiped copy of the key, to find it in text
    secret auth_value_;             // the complete header value; the only copy sent
    std::unique_ptr<transport> transport_;
    std::shared_ptr<rate_budget> budget_;         // empty without a key (public calls only)
    std::shared_ptr<rate_budget> public_budget_;  // keyless calls: only the 429 pause applies
    call_registry calls_;                         // what close() stops and waits for

    std::atomic<std::uint64_t> requests_{0}, responses_2xx_{0}, responses_3xx_{0}, responses_4xx_{0},
        responses_5xx_{0}, transport_errors_{0}, bytes_sent_{0}, bytes_received_{0};
};

}  // namespace talentray::detail
