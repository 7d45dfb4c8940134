// pager<T>: the typed layer over page_stream, instantiated for the row types the API lists.
#include <talentray/pager.hpp>

#include "base/failed.hpp"
#include "model/model_list.hpp"
#include "pager/pager_access.hpp"
#include "pager/stream_factory.hpp"

#include <boost/json/value.hpp>

#include <utility>

namespace talentray {
namespace asio = boost::asio;

namespace detail {
namespace {

/// Reads the current row as a T, without advancing.
template <class T>
struct row_reader {
    static result<T> read(page_stream& stream) { return decode<T>(stream.row()); }
};

template <>
struct row_reader<boost::json::value> {
    static result<boost::json::value> read(page_stream& stream) { return stream.take_row(); }
};

template <>
struct row_reader<raw_row> {
    static result<raw_row> read(page_stream& stream) { return raw_row{stream.take_row_text()}; }
};

/// The error an exception escaping a pager call stands for (cancellation of an already
/// cancelled coroutine throws on its next co_await).
error_info error_from_current_exception() {
    try {
        throw;
    } catch (const error& e) {
        return e.info();
    } catch (const boost::system::system_error& e) {
        return error_info{e.code(), {}};
    }
}

}  // namespace
}  // namespace detail

template <class T>
pager<T>::pager(std::unique_ptr<detail::page_stream> stream) noexcept : stream_(std::move(stream)) {}

template <class T>
pager<T>::pager(pager&&) noexcept = default;

template <class T>
pager<T>& pager<T>::operator=(pager&&) noexcept = default;

template <class T>
pager<T>::~pager() = default;

template <class T>
pager<T> pager<T>::offset(const client& api, request_spec base, int page_size, pager_options options) {
    return pager{detail::make_offset_stream(detail::client_fetcher(api), std::move(base), page_size,
                                            std::move(options), detail::row_format_of<T>,
                                            detail::client_redactor(api))};
}

template <class T>
pager<T> pager<T>::cursor(const client& api, request_spec base, int limit, pager_options options) {
    return pager{detail::make_cursor_stream(detail::client_fetcher(api), std::move(base), limit, std::move(options),
                                            detail::row_format_of<T>, detail::client_redactor(api))};
}

template <class T>
pager<T> pager<T>::from_checkpoint(const client& api, const pager_checkpoint& checkpoint, pager_options options) {
    return pager{detail::make_checkpoint_stream(detail::client_fetcher(api), checkpoint, std::move(options),
                                                detail::row_format_of<T>, detail::client_redactor(api))};
}

template <class T>
pager<T> pager<T>::from_checkpoint(const client& api, std::string_view checkpoint, pager_options options) {
    auto parsed = pager_checkpoint::parse(checkpoint);
    if (!parsed) throw error(std::move(parsed).error());
    return from_checkpoint(api, *parsed, std::move(options));
}

template <class T>
asio::awaitable<result<std::optional<T>>> pager<T>::try_next() {
    using outcome = result<std::optional<T>>;
    try {
        auto guard = stream_->enter();
        if (!guard) co_return detail::failed<std::optional<T>>(std::move(guard).error());
        auto ready = co_await stream_->await_row();
        if (!ready) co_return detail::failed<std::optional<T>>(std::move(ready).error());
        if (!*ready) {
            outcome end{std::optional<T>{}};
            co_return end;
        }
        const std::size_t index = stream_->row_index();
        auto item = detail::row_reader<T>::read(*stream_);
        stream_->advance();  // a row that does not decode is consumed with its error
        if (!item) co_return detail::failed<std::optional<T>>(stream_->row_error(index, std::move(item).error()));
        outcome found{std::optional<T>{std::move(*item)}};
        co_return found;
    } catch (const boost::system::system_error&) {
        co_return detail::failed<std::optional<T>>(detail::error_from_current_exception());
    }
}

template <class T>
asio::awaitable<std::optional<T>> pager<T>::next() {
    auto item = co_await try_next();
    if (!item) throw error(std::move(item).error());
    co_return std::move(*item);
}

template <class T>
asio::awaitable<result<std::optional<page<T>>>> pager<T>::try_next_page() {
    using outcome = result<std::optional<page<T>>>;
    try {
        auto guard = stream_->enter();
        if (!guard) co_return detail::failed<std::optional<page<T>>>(std::move(guard).error());
        auto ready = co_await stream_->await_row();
        if (!ready) co_return detail::failed<std::optional<page<T>>>(std::move(ready).error());
        if (!*ready) {
            outcome end{std::optional<page<T>>{}};
            co_return end;
        }
        page<T> out;
        out.info = *stream_->current_info();
        out.info.first_row = stream_->row_index();
        const std::size_t available = stream_->rows_available();
        out.items.reserve(available);
        for (std::size_t i = 0; i < available; ++i) {
            const std::size_t index = stream_->row_index();
            auto item = detail::row_reader<T>::read(*stream_);
            if (!item) {
                // Hand out the good rows before it; the bad one is reported (and consumed) next.
                if (!out.items.empty()) break;
                stream_->advance();
                co_return detail::failed<std::optional<page<T>>>(stream_->row_error(index, std::move(item).error()));
            }
            out.items.push_back(std::move(*item));
            stream_->advance();
        }
        outcome found{std::optional<page<T>>{std::move(out)}};
        co_return found;
    } catch (const boost::system::system_error&) {
        co_return detail::failed<std::optional<page<T>>>(detail::error_from_current_exception());
    }
}

template <class T>
asio::awaitable<std::optional<page<T>>> pager<T>::next_page() {
    auto found = co_await try_next_page();
    if (!found) throw error(std::move(found).error());
    co_return std::move(*found);
}

template <class T>
std::optional<std::int64_t> pager<T>::total_count() const noexcept {
    return stream_->total_count();
}

template <class T>
std::optional<std::int64_t> pager<T>::total_pages() const noexcept {
    return stream_->total_pages();
}

template <class T>
const page_info* pager<T>::current_page() const noexcept {
    return stream_->current_info();
}

template <class T>
pager_checkpoint pager<T>::checkpoint() const {
    return stream_->checkpoint();
}

template <class T>
void pager<T>::cancel() noexcept {
    stream_->cancel();
}

template <class T>
pager_stats pager<T>::stats() const noexcept {
    return stream_->stats();
}

// The row types of the API's paged lists (model_list.hpp), and the two raw forms.
#define TALENTRAY_PAGER(T) template class pager<T>;
TALENTRAY_OFFSET_ROWS(TALENTRAY_PAGER)
TALENTRAY_CURSOR_ROWS(TALENTRAY_PAGER)
#undef TALENTRAY_PAGER
template class pager<boost::json::value>;
template class pager<raw_row>;

}  // namespace talentray
