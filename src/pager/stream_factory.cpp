#include "pager/stream_factory.hpp"

#include "client/client_access.hpp"
#include "client/client_impl.hpp"
#include "pager/cursor_walk.hpp"
#include "pager/offset_walk.hpp"
#include "pager/paging_query.hpp"

#include <talentray/client.hpp>

#include <utility>

namespace talentray::detail {
namespace {

template <class T>
T value_or_throw(result<T> outcome) {
    if (!outcome) throw error(std::move(outcome).error());
    return std::move(*outcome);
}

std::unique_ptr<page_stream> make_stream(std::shared_ptr<const page_fetcher> fetcher, std::unique_ptr<page_walk> walk,
                                         pager_options options, row_format format,
                                         std::shared_ptr<const key_redactor> redactor) {
    stream_settings settings;
    settings.options = std::move(options);
    settings.format = format;
    settings.redactor = std::move(redactor);
    return std::make_unique<page_stream>(std::move(fetcher), std::move(walk), std::move(settings));
}

}  // namespace

std::shared_ptr<const page_fetcher> client_fetcher(const client& api) {
    std::shared_ptr<client_impl> impl = client_access::internals(api);
    return std::make_shared<const page_fetcher>(
        [impl = std::move(impl)](request_spec request) { return impl->execute(std::move(request)); });
}

std::shared_ptr<const key_redactor> client_redactor(const client& api) {
    return client_access::internals(api)->redactor();
}

std::unique_ptr<page_stream> make_offset_stream(std::shared_ptr<const page_fetcher> fetcher, request_spec base,
                                                int page_size, pager_options options, row_format format,
                                                std::shared_ptr<const key_redactor> redactor) {
    validate(options);
    base.priority = options.priority;
    offset_base prepared = value_or_throw(prepare_offset_base(std::move(base), page_size));
    std::unique_ptr<page_walk> walk;
    if (options.strict)
        walk = std::make_unique<offset_walk>(std::move(prepared.base), page_size, prepared.first_page);
    else
        walk = std::make_unique<offset_walk>(std::move(prepared.base), page_size, prepared.first_page,
                                             reconcile_memory{.live = options.overlap_reads}, 0);
    return make_stream(std::move(fetcher), std::move(walk), std::move(options), format, std::move(redactor));
}

std::unique_ptr<page_stream> make_cursor_stream(std::shared_ptr<const page_fetcher> fetcher, request_spec base,
                                                int limit, pager_options options, row_format format,
                                                std::shared_ptr<const key_redactor> redactor) {
    validate(options);
    base.priority = options.priority;
    cursor_base prepared = value_or_throw(prepare_cursor_base(std::move(base), limit));
    auto walk = std::make_unique<cursor_walk>(std::move(prepared.base), limit, std::move(prepared.first_before),
                                              prepared.first_before_at);
    return make_stream(std::move(fetcher), std::move(walk), std::move(options), format, std::move(redactor));
}

std::unique_ptr<page_stream> make_checkpoint_stream(std::shared_ptr<const page_fetcher> fetcher,
                                                    const pager_checkpoint& checkpoint, pager_options options,
                                                    row_format format,
                                                    std::shared_ptr<const key_redactor> redactor) {
    validate(options);
    // Re-check what a hand-made checkpoint could get wrong, through the same path as the JSON form.
    const pager_checkpoint checked = value_or_throw(pager_checkpoint::from_json(checkpoint.to_json()));

    request_spec base;
    base.path = checked.path;
    base.query = checked.filters;
    base.priority = options.priority;

    stream_settings settings;
    settings.options = std::move(options);
    settings.format = format;
    // A reconciling walk finds its place by the rows it remembers; a strict one by position.
    const bool reconciling = checked.style == pagination_style::offset && !settings.options.strict;
    settings.initial_skip = reconciling ? 0 : checked.skip;
    settings.redactor = std::move(redactor);
    if (checked.done) settings.finished_at = checked;

    std::unique_ptr<page_walk> walk;
    if (reconciling && checked.reconcile) {
        reconcile_memory memory = memory_of(*checked.reconcile, checked.total_count);
        memory.live = memory.live || settings.options.overlap_reads;
        walk = std::make_unique<offset_walk>(std::move(base), checked.page_size, checked.page, std::move(memory), 0);
    } else if (reconciling) {  // taken by a strict walk: only the position is known
        reconcile_memory memory;
        memory.live = settings.options.overlap_reads;
        memory.total_count = checked.total_count;
        memory.last_position = checked.page * checked.page_size + checked.skip - 1;
        walk = std::make_unique<offset_walk>(std::move(base), checked.page_size, checked.page, std::move(memory),
                                             static_cast<std::size_t>(checked.skip));
    } else if (checked.style == pagination_style::offset) {
        walk = std::make_unique<offset_walk>(std::move(base), checked.page_size, checked.page, checked.total_count);
    } else {
        std::optional<timestamp> before_at;
        if (checked.before) before_at = timestamp::parse(*checked.before).value();
        std::optional<cursor_boundary> handed_out;
        if (checked.boundary_at)
            handed_out = cursor_boundary{timestamp::parse(*checked.boundary_at).value(), checked.boundary_ids};
        walk = std::make_unique<cursor_walk>(std::move(base), checked.page_size, checked.before, before_at,
                                             std::move(handed_out));
    }
    return std::make_unique<page_stream>(std::move(fetcher), std::move(walk), std::move(settings));
}

}  // namespace talentray::detail
