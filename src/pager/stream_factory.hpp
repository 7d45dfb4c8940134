// Building the engine of a pager from what the public factories are given.
#pragma once

#include "pager/page_stream.hpp"

#include <talentray/pager/checkpoint.hpp>
#include <talentray/pager/options.hpp>
#include <talentray/request.hpp>

#include <memory>

namespace talentray {
class client;
}

namespace talentray::detail {

/// Sends page requests with `api`'s shared internals (kept alive by the fetcher).
std::shared_ptr<const page_fetcher> client_fetcher(const client& api);

/// What removes `api`'s key from the errors of its pagers.
std::shared_ptr<const key_redactor> client_redactor(const client& api);

/// The streams behind `pager<T>::offset`, `::cursor` and `::from_checkpoint`. Page requests get
/// `options.priority`; `redactor` removes the key from errors that quote pages (none: nothing is
/// removed). Throw `talentray::error` (`errc::invalid_argument`) as those document.
std::unique_ptr<page_stream> make_offset_stream(std::shared_ptr<const page_fetcher> fetcher, request_spec base,
                                                int page_size, pager_options options, row_format format,
                                                std::shared_ptr<const key_redactor> redactor = nullptr);
std::unique_ptr<page_stream> make_cursor_stream(std::shared_ptr<const page_fetcher> fetcher, request_spec base,
                                                int limit, pager_options options, row_format format,
                                                std::shared_ptr<const key_redactor> redactor = nullptr);
std::unique_ptr<page_stream> make_checkpoint_stream(std::shared_ptr<const page_fetcher> fetcher,
                                                    const pager_checkpoint& checkpoint, pager_options options,
                                                    row_format format,
                                                    std::shared_ptr<const key_redactor> redactor = nullptr);

}  // namespace talentray::detail
