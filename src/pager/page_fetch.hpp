// One page request running as its own task, and the state it shares with the stream.
#pragma once

#include "pager/raw_page.hpp"

#include <talentray/error.hpp>
#include <talentray/pager/options.hpp>
#include <talentray/request.hpp>
#include <talentray/response.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>

namespace talentray::detail {

/// Sends one request and returns the 2xx response or the error: `client_impl::execute` in the
/// library, an in-memory server in tests. It must honour the cancellation slot of the
/// coroutine that awaits it.
using page_fetcher = std::function<boost::asio::awaitable<result<response>>(request_spec)>;

/// Rows held and requests running, shared by a stream and its fetches (which may outlive it).
/// Touched only on the stream's executor.
struct stream_meter {
    std::size_t buffered_rows = 0;
    std::size_t peak_buffered_rows = 0;
    std::size_t in_flight = 0;
    std::size_t peak_in_flight = 0;
};

/// Wakes the stream's reader when any of its fetches completes: a timer that never expires,
/// cancelled on each completion.
struct fetch_wakeup {
    explicit fetch_wakeup(const boost::asio::any_io_executor& executor);
    boost::asio::steady_timer timer;
};

/// What one page request and the stream share. The task running the request holds it until the
/// task ends, so the stream may drop it (or be destroyed) at any time; the cancellation signal
/// lives here for that reason: it must outlive the operation bound to it.
class page_fetch {
public:
    page_fetch(std::shared_ptr<stream_meter> meter, std::weak_ptr<fetch_wakeup> wakeup);
    ~page_fetch();
    page_fetch(const page_fetch&) = delete;
    page_fetch& operator=(const page_fetch&) = delete;

    bool done() const noexcept { return outcome_.has_value(); }
    /// The parsed page or the error. Only when `done()`.
    result<raw_page>& outcome() noexcept { return *outcome_; }

    /// Records the outcome (the first one only), counts its rows as buffered and wakes the
    /// stream's reader.
    void complete(result<raw_page> outcome);

    /// Asks the running request to stop (terminal cancellation); it then completes with
    /// `operation_aborted`. No effect once done, or once its task is gone.
    void cancel() noexcept;

    /// The task was destroyed without completing (its io_context is being torn down): the
    /// operations its cancellation slot led to are gone, so the signal must not be emitted.
    void abandon() noexcept { abandoned_ = true; }

    boost::asio::cancellation_slot slot() noexcept { return signal_.slot(); }

private:
    std::shared_ptr<stream_meter> meter_;
    std::weak_ptr<fetch_wakeup> wakeup_;
    boost::asio::cancellation_signal signal_;
    std::optional<result<raw_page>> outcome_;
    bool abandoned_ = false;
};

/// Starts a task on `executor` that sends `request` through `fetcher`, parses the response as a
/// page of `style` keeping rows as `format`, and completes `fetch` with the page or the error
/// (transport and API errors as the fetcher reports them; `errc::invalid_response` for a body
/// that is not a page; `operation_aborted` when cancelled). Returns at once.
void start_page_fetch(const boost::asio::any_io_executor& executor, std::shared_ptr<const page_fetcher> fetcher,
                      request_spec request, pagination_style style, row_format format,
                      std::shared_ptr<page_fetch> fetch);

}  // namespace talentray::detail
