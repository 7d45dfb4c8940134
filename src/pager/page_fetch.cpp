#include "pager/page_fetch.hpp"

#include "base/failed.hpp"

#include "pager/page_parser.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <exception>
#include <new>
#include <utility>

namespace talentray::detail {
namespace asio = boost::asio;
namespace {

/// The error a fetch task's exception stands for.
error_info error_from_exception(std::exception_ptr failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const error& e) {
        return e.info();
    } catch (const boost::system::system_error& e) {
        return error_info{e.code(), {}};
    } catch (const std::bad_alloc&) {
        return error_info{make_error_code(boost::system::errc::not_enough_memory), {}};
    } catch (const std::exception& e) {
        return make_error_info(errc::invalid_response, std::string("page request failed: ") + e.what());
    }
}

asio::awaitable<void> run_page_fetch(std::shared_ptr<const page_fetcher> fetcher, request_spec request,
                                     pagination_style style, row_format format, std::shared_ptr<page_fetch> fetch) {
    std::string method{boost::beast::http::to_string(request.method)};
    std::string path = request.path;
    auto received = co_await (*fetcher)(std::move(request));
    if (!received) {
        fetch->complete(std::move(received).error());
        co_return;
    }
    auto page = style == pagination_style::offset ? parse_offset_page(received->body, format)
                                                  : parse_cursor_page(received->body, format);
    if (!page) {
        error_info failure = std::move(page).error();
        failure.diag.method = std::move(method);
        failure.diag.path = std::move(path);
        failure.diag.http_status = received->status;
        fetch->complete(failed<raw_page>(std::move(failure)));
        co_return;
    }
    fetch->complete(std::move(page));
}

/// Completion of a fetch task. It owns a reference to the fetch, and with it the signal the
/// task's cancellation slot belongs to, until the task has finished. Destroyed without being
/// called, it marks the fetch abandoned.
class fetch_completion {
public:
    explicit fetch_completion(std::shared_ptr<page_fetch> fetch) noexcept : fetch_(std::move(fetch)) {}
    fetch_completion(fetch_completion&&) noexcept = default;
    fetch_completion& operator=(fetch_completion&&) = delete;
    ~fetch_completion() {
        if (fetch_ && !fetch_->done()) fetch_->abandon();
    }

    void operator()(std::exception_ptr failure) {
        if (failure && !fetch_->done()) fetch_->complete(error_from_exception(failure));
    }

private:
    std::shared_ptr<page_fetch> fetch_;
};

}  // namespace

fetch_wakeup::fetch_wakeup(const asio::any_io_executor& executor)
    : timer(executor, asio::steady_timer::time_point::max()) {}

page_fetch::page_fetch(std::shared_ptr<stream_meter> meter, std::weak_ptr<fetch_wakeup> wakeup)
    : meter_(std::move(meter)), wakeup_(std::move(wakeup)) {
    ++meter_->in_flight;
    meter_->peak_in_flight = std::max(meter_->peak_in_flight, meter_->in_flight);
}

page_fetch::~page_fetch() {
    if (!outcome_) {
        --meter_->in_flight;  // a task destroyed without completing (its io_context went away)
    } else if (outcome_->has_value()) {
        meter_->buffered_rows -= (*outcome_)->row_count();
    }
}

void page_fetch::complete(result<raw_page> outcome) {
    if (outcome_) return;
    outcome_.emplace(std::move(outcome));
    --meter_->in_flight;
    if (outcome_->has_value()) {
        meter_->buffered_rows += (*outcome_)->row_count();
        meter_->peak_buffered_rows = std::max(meter_->peak_buffered_rows, meter_->buffered_rows);
    }
    if (auto wakeup = wakeup_.lock()) wakeup->timer.cancel();
}

void page_fetch::cancel() noexcept {
    if (!outcome_ && !abandoned_) signal_.emit(asio::cancellation_type::terminal);
}

void start_page_fetch(const asio::any_io_executor& executor, std::shared_ptr<const page_fetcher> fetcher,
                      request_spec request, pagination_style style, row_format format,
                      std::shared_ptr<page_fetch> fetch) {
    auto slot = fetch->slot();
    auto task = run_page_fetch(std::move(fetcher), std::move(request), style, format, fetch);
    fetch_completion completion{std::move(fetch)};  // named: g++ 12 and temporaries in co_spawn
    asio::co_spawn(executor, std::move(task), asio::bind_cancellation_slot(slot, std::move(completion)));
}

}  // namespace talentray::detail
