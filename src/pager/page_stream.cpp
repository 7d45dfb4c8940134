#include "pager/page_stream.hpp"

#include "base/failed.hpp"
#include "pager/window_plan.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <utility>

namespace talentray::detail {
namespace asio = boost::asio;
namespace {

/// `info` with the key removed from its text: page and row errors quote what the server sent.
error_info redacted(error_info info, const std::shared_ptr<const key_redactor>& redactor) {
    if (redactor) redactor->redact_in_place(info.diag);
    return info;
}

}  // namespace

page_stream::page_stream(std::shared_ptr<const page_fetcher> fetcher, std::unique_ptr<page_walk> walk,
                         stream_settings settings)
    : fetcher_(std::move(fetcher)),
      redactor_(std::move(settings.redactor)),
      walk_(std::move(walk)),
      options_(std::move(settings.options)),
      format_(settings.format),
      finished_at_(std::move(settings.finished_at)),
      initial_skip_(settings.initial_skip),
      finished_(finished_at_.has_value()) {}

page_stream::~page_stream() {
    // The tasks keep their own state alive; stopping them is all that is left to do.
    for (slot& s : window_)
        if (s.running()) s.fetch->cancel();
}

result<page_stream::call_guard> page_stream::enter() {
    if (busy_)
        return failed<call_guard>(walk_error(errc::concurrent_next, walk_->base(),
                                             "next() or next_page() was called while another call on the same "
                                             "pager was pending; a pager is read by one coroutine at a time"));
    busy_ = true;
    return call_guard{busy_};
}

asio::awaitable<result<bool>> page_stream::await_row() {
    for (;;) {
        if (options_.max_items && items_ >= *options_.max_items) {
            if (!finished_) finish();
            co_return false;
        }
        if (current_ && position_ < current_rows()) {
            // Keep the readahead going: a cursor can only be followed once its page arrived.
            const auto executor = co_await asio::this_coro::executor;
            note_arrivals();
            plan(executor);
            co_return true;
        }
        if (finished_) co_return false;
        auto opened = co_await open_next_page();
        if (!opened || !*opened) co_return opened;
    }
}

asio::awaitable<result<bool>> page_stream::open_next_page() {
    current_.reset();  // its rows are all handed out; free them before more arrive
    const auto executor = co_await asio::this_coro::executor;
    for (;;) {
        note_arrivals();
        drop_unwanted();
        plan(executor);
        if (window_.empty()) {
            if (auto stall = walk_->stalled()) {
                auto stalled = failed<bool>(redacted(std::move(*stall), redactor_));
                co_return stalled;
            }
            finished_ = true;
            co_return false;
        }
        if (window_.front().ready()) {
            auto opened = take_front();
            if (!opened) continue;  // the walk dropped the window and plans again
            if (*opened) {
                drop_unwanted();  // the page may have shown a smaller list
                plan(executor);
            }
            co_return std::move(*opened);
        }
        auto waited = co_await wait_for_progress();
        if (!waited) {
            cancel_running();
            auto cancelled = failed<bool>(std::move(waited).error());
            co_return cancelled;
        }
    }
}

asio::awaitable<result<void>> page_stream::wait_for_progress() {
    if (running() == 0)  // nothing could ever wake us: a broken invariant, not a hang
        co_return failed<void>(walk_error(errc::invalid_response, walk_->base(),
                                          "internal error: the pager waits for a page no request will bring"));
    auto [ec] = co_await wakeup_->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    (void)ec;  // always operation_aborted: the timer never expires, it is only cancelled
    asio::cancellation_state state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none) {
        error_info info{asio::error::operation_aborted, {}};
        info.diag.method = std::string(boost::beast::http::to_string(walk_->base().method));
        info.diag.path = walk_->base().path;
        info.diag.client_message = "the pager's call was cancelled; its page requests were cancelled too";
        co_return failed<void>(std::move(info));
    }
    co_return result<void>{};
}

std::optional<result<bool>> page_stream::take_front() {
    slot& front = window_.front();
    result<raw_page>& outcome = front.fetch->outcome();
    if (!outcome) {
        error_info failure = outcome.error();
        front.reset();  // requested again by the next call
        ++failed_requests_;
        return failed<bool>(redacted(std::move(failure), redactor_));
    }
    open_verdict verdict = walk_->open(front.key, *outcome);
    if (verdict.action == open_action::replan) {
        drop_window();
        return std::nullopt;
    }
    if (verdict.action == open_action::refetch) {
        front.reset();
        ++failed_requests_;
    }
    if (verdict.action != open_action::accept) return failed<bool>(redacted(std::move(verdict.error), redactor_));

    current_ = std::move(front.fetch);
    page_key key = std::move(front.key);
    window_.pop_front();
    if (verdict.replan) drop_window();

    raw_page& page = current_page();
    meter_->buffered_rows -= walk_->drop_delivered(key, page);
    page_info info;
    info.style = walk_->style();
    info.sequence = static_cast<std::int64_t>(pages_++);
    info.row_count = page.row_count();
    info.offset = page.offset;
    info.cursor = page.cursor;
    info.before = key.before;
    info.envelope = std::move(page.envelope);
    info_ = std::move(info);
    opened_ = opened_page{std::move(key), page.row_count(), page.offset, page.cursor, page.next_before_text};
    position_ = std::min(verdict.skip, page.row_count());
    info_->first_row = position_;

    if (initial_skip_ > 0) {
        const auto skip = static_cast<std::size_t>(initial_skip_);
        initial_skip_ = 0;
        position_ = std::max(position_, std::min(skip, page.row_count()));
        info_->first_row = position_;
        if (skip > page.row_count())
            return failed<bool>(walk_error(
                errc::list_changed, walk_->base(),
                "list changed since the checkpoint: it skips " + std::to_string(skip) + " rows of a page that now has " +
                    std::to_string(page.row_count()) + "; call again to continue after this page"));
    }
    return true;
}

void page_stream::plan(const asio::any_io_executor& executor) {
    if (!wakeup_) wakeup_ = std::make_shared<fetch_wakeup>(executor);
    const std::size_t rows_left = current_ ? current_rows() - position_ : 0;
    const bool holding = rows_left > 0;
    window_limits limits = window_limits_for(options_, walk_->parallel(), holding);
    if (options_.max_items) {
        // No page beyond what the remaining items can need.
        const std::int64_t left = *options_.max_items - items_ - static_cast<std::int64_t>(rows_left);
        const std::int64_t size = walk_->page_size();
        const auto needed = static_cast<std::size_t>(left <= 0 ? 0 : (left + size - 1) / size);
        limits.pages_ahead = std::min(limits.pages_ahead, std::max<std::size_t>(needed, holding ? 0 : 1));
    }

    std::size_t run = running();
    for (slot& s : window_) {
        if (run >= limits.in_flight) break;
        if (!s.fetch) {
            start(s, executor);
            ++run;
        }
    }
    for (std::size_t n = requests_to_start(limits, window_.size(), run); n > 0; --n) {
        auto key = walk_->next_request();
        if (!key) break;
        walk_->on_requested(*key);
        window_.push_back(slot{std::move(*key), nullptr, false});
        start(window_.back(), executor);
    }
}

void page_stream::start(slot& s, const asio::any_io_executor& executor) {
    auto fetch = std::make_shared<page_fetch>(meter_, wakeup_);
    s.fetch = fetch;
    s.arrival_noted = false;
    ++requests_;
    start_page_fetch(executor, fetcher_, walk_->request_for(s.key), walk_->style(), format_, std::move(fetch));
}

void page_stream::note_arrivals() {
    for (slot& s : window_) {
        if (!s.ready() || s.arrival_noted) continue;
        s.arrival_noted = true;
        if (s.fetch->outcome()) walk_->on_arrival(s.key, *s.fetch->outcome());
    }
}

void page_stream::drop_unwanted() noexcept {
    for (auto it = window_.begin(); it != window_.end();) {
        if (walk_->wanted(it->key)) {
            ++it;
            continue;
        }
        if (it->running()) it->fetch->cancel();
        it = window_.erase(it);
    }
}

void page_stream::drop_window() noexcept {
    for (slot& s : window_)
        if (s.running()) s.fetch->cancel();
    window_.clear();
}

void page_stream::cancel_running() noexcept {
    for (slot& s : window_) {
        if (!s.running()) continue;
        s.fetch->cancel();
        s.reset();
    }
}

void page_stream::cancel() noexcept { cancel_running(); }

void page_stream::finish() noexcept {
    cancel_running();
    window_.clear();
    current_.reset();
    finished_ = true;
}

std::size_t page_stream::running() const noexcept {
    return static_cast<std::size_t>(std::count_if(window_.begin(), window_.end(), [](const slot& s) { return s.running(); }));
}

std::size_t page_stream::current_rows() const noexcept { return current_ ? current_page().row_count() : 0; }

std::size_t page_stream::rows_available() const noexcept {
    if (!current_) return 0;
    std::size_t left = current_rows() - position_;
    if (options_.max_items)
        left = std::min(left, static_cast<std::size_t>(std::max<std::int64_t>(*options_.max_items - items_, 0)));
    return left;
}

const boost::json::value& page_stream::row() const { return current_page().rows[position_]; }

boost::json::value page_stream::take_row() noexcept { return std::move(current_page().rows[position_]); }

std::string page_stream::take_row_text() noexcept { return std::move(current_page().row_texts[position_]); }

void page_stream::advance() noexcept {
    ++position_;
    ++items_;
}

error_info page_stream::row_error(std::size_t index, error_info decode_failure) const {
    error_info info = std::move(decode_failure);
    info.diag.method = std::string(boost::beast::http::to_string(walk_->base().method));
    info.diag.path = walk_->base().path;
    std::string where;
    if (opened_ && walk_->style() == pagination_style::offset)
        where = "page " + std::to_string(opened_->key.page);
    else if (opened_)
        where = "page before " + opened_->key.before.value_or("(newest)");
    info.diag.client_message = where + ", row " + std::to_string(index) + ": " + info.diag.client_message;
    return redacted(std::move(info), redactor_);
}

pager_checkpoint page_stream::checkpoint() const {
    if (finished_at_) return *finished_at_;
    if (opened_) return walk_->checkpoint(&*opened_, static_cast<std::int64_t>(position_));
    return walk_->checkpoint(nullptr, initial_skip_);
}

pager_stats page_stream::stats() const noexcept {
    pager_stats out;
    out.requests = requests_;
    out.failed_requests = failed_requests_;
    out.pages = pages_;
    out.items = static_cast<std::uint64_t>(items_);
    out.in_flight = meter_->in_flight;
    out.peak_in_flight = meter_->peak_in_flight;
    out.buffered_rows = meter_->buffered_rows;
    out.peak_buffered_rows = meter_->peak_buffered_rows;
    const reconcile_counts counts = walk_->reconciliation();
    out.rows_added = counts.rows_added;
    out.rows_removed = counts.rows_removed;
    out.rows_repeated = counts.rows_repeated;
    out.reconcile_requests = counts.dropped_reads;
    out.reconcile_passes = counts.steps_back;
    out.unverified_boundaries = counts.unverified;
    return out;
}

}  // namespace talentray::detail
