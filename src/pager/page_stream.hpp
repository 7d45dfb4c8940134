// The engine under every pager: a window of page requests kept in order, read row by row.
// It works on raw JSON pages; pager<T> decodes the rows.
#pragma once

#include "base/key_redaction.hpp"
#include "pager/page_fetch.hpp"
#include "pager/page_walk.hpp"
#include "pager/raw_page.hpp"

#include <talentray/pager/checkpoint.hpp>
#include <talentray/pager/options.hpp>
#include <talentray/pager/page.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace talentray::detail {

/// How a stream starts.
struct stream_settings {
    pager_options options;
    row_format format = row_format::json;
    std::int64_t initial_skip = 0;  ///< rows of the first page already consumed (a checkpoint's `skip`)
    /// A checkpoint of a finished walk: the stream yields nothing, sends nothing, and keeps
    /// reporting this checkpoint.
    std::optional<pager_checkpoint> finished_at;
    /// Removes the key from errors that quote a page's text (none: nothing is removed).
    std::shared_ptr<const key_redactor> redactor;
};

/// Reads a list page by page through `fetcher`, keeping up to the window's pages requested
/// ahead, handing out rows strictly in order.
///
/// Single-threaded: every member, and the fetch tasks it starts, run on the executor of the
/// coroutine calling `await_row()`. The destructor cancels running requests; their tasks hold
/// only shared state, so they may finish after the stream is gone.
class page_stream {
public:
    page_stream(std::shared_ptr<const page_fetcher> fetcher, std::unique_ptr<page_walk> walk,
                stream_settings settings);
    ~page_stream();
    page_stream(const page_stream&) = delete;
    page_stream& operator=(const page_stream&) = delete;

    /// Marks a call as in progress for as long as it lives.
    class call_guard {
    public:
        explicit call_guard(bool& busy) noexcept : busy_(&busy) {}
        call_guard(call_guard&& other) noexcept : busy_(std::exchange(other.busy_, nullptr)) {}
        call_guard& operator=(call_guard&&) = delete;
        ~call_guard() {
            if (busy_) *busy_ = false;
        }

    private:
        bool* busy_;
    };

    /// Starts a call; `errc::concurrent_next` while another one is in progress.
    result<call_guard> enter();

    /// Makes the next row current, fetching and checking pages as needed. Returns true when a
    /// row is current, false at the end of the list or once `max_items` rows were handed out,
    /// or the error of the page next in order (see pager<T>). Cancellation of the awaiting
    /// coroutine cancels the running requests and returns `operation_aborted`.
    boost::asio::awaitable<result<bool>> await_row();

    /// Rows of the current page that may still be handed out (within `max_items`).
    std::size_t rows_available() const noexcept;
    /// Index of the current row on its page.
    std::size_t row_index() const noexcept { return position_; }
    /// The current row (row_format::json and ::model).
    const boost::json::value& row() const;
    /// Moves the current row out (row_format::json) / its text (row_format::text).
    boost::json::value take_row() noexcept;
    std::string take_row_text() noexcept;
    /// Counts the current row as handed out and moves to the next.
    void advance() noexcept;

    /// `decode_failure` of the row at `index` of the current page, with where it happened and
    /// the key removed from what it quotes of the row.
    error_info row_error(std::size_t index, error_info decode_failure) const;

    const page_info* current_info() const noexcept { return info_ ? &*info_ : nullptr; }

    /// Cancels the running requests; they are requested again when needed.
    void cancel() noexcept;

    std::optional<std::int64_t> total_count() const noexcept { return walk_->total_count(); }
    std::optional<std::int64_t> total_pages() const noexcept { return walk_->total_pages(); }
    pager_checkpoint checkpoint() const;
    pager_stats stats() const noexcept;

private:
    struct slot {
        page_key key;
        std::shared_ptr<page_fetch> fetch;  // empty: to be requested (again)
        bool arrival_noted = false;

        bool running() const noexcept { return fetch && !fetch->done(); }
        bool ready() const noexcept { return fetch && fetch->done(); }
        void reset() noexcept {
            fetch.reset();
            arrival_noted = false;
        }
    };

    boost::asio::awaitable<result<bool>> open_next_page();
    boost::asio::awaitable<result<void>> wait_for_progress();
    /// The front page opened (true), an error, or nothing when the walk dropped the window.
    std::optional<result<bool>> take_front();
    void drop_window() noexcept;
    void plan(const boost::asio::any_io_executor& executor);
    void start(slot& s, const boost::asio::any_io_executor& executor);
    void note_arrivals();
    void drop_unwanted() noexcept;
    void cancel_running() noexcept;
    void finish() noexcept;
    std::size_t running() const noexcept;
    std::size_t current_rows() const noexcept;
    raw_page& current_page() const noexcept { return *current_->outcome(); }

    std::shared_ptr<const page_fetcher> fetcher_;
    std::shared_ptr<const key_redactor> redactor_;
    std::unique_ptr<page_walk> walk_;
    pager_options options_;
    row_format format_;
    std::shared_ptr<stream_meter> meter_ = std::make_shared<stream_meter>();
    std::shared_ptr<fetch_wakeup> wakeup_;
    std::deque<slot> window_;              // pages requested ahead, in order
    std::shared_ptr<page_fetch> current_;  // the page being read (holds its rows)
    std::optional<opened_page> opened_;    // the page last opened, kept after its rows go
    std::optional<page_info> info_;
    std::optional<pager_checkpoint> finished_at_;
    std::size_t position_ = 0;
    std::int64_t initial_skip_ = 0;
    std::int64_t items_ = 0;
    std::uint64_t requests_ = 0;
    std::uint64_t failed_requests_ = 0;
    std::uint64_t pages_ = 0;
    bool finished_ = false;
    bool busy_ = false;
};

}  // namespace talentray::detail
