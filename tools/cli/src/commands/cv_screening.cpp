// talentray cv-screening batch
#include "../command_line.hpp"
#include "commands.hpp"
#include "listing.hpp"

#include <talentray/api/cv_screening.hpp>

#include <memory>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

struct batch_args {
    std::string id;
    paging_flags paging;
    bool members = false;
};

asio::awaitable<void> print_batch(session s, std::string id, cv_screening_batch_params params) {
    const cv_screening_api api = s.client->cv_screening();
    const cv_screening_batch batch = co_await api.batch(std::move(id), params);
    print_object(s, encode(batch));
}

asio::awaitable<void> print_members(session s, std::string id, int page_size) {
    cv_screening_batch_params params;
    params.page_size = page_size;
    const pager_options options;
    const cv_screening_api api = s.client->cv_screening();
    pager<potential_candidate> rows = api.members(std::move(id), params, options);
    for (;;) {
        std::optional<potential_candidate> row = co_await rows.next();
        if (!row) break;
        print_row(s, encode(*row));
    }
}

}  // namespace

void add_cv_screening_commands(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "cv-screening", "CV-screening batches");

    CLI::App* batch = group->add_subcommand(
        "batch", "a batch's progress and one page of its members (scope cv-screening:read)");
    auto state = std::make_shared<batch_args>();
    add_positional(batch, "ID", state->id, "batch id, e.g. batch_2026_06_01");
    CLI::Option* page =
        batch->add_option("--page", state->paging.page, "page of members to include, from 0")->check(CLI::NonNegativeNumber);
    CLI::Option* size = batch->add_option("--page-size", state->paging.page_size, "members per page, 1-100 (default 20)")
                            ->check(CLI::Range(1, max_page_size));
    size->each([state](const std::string&) { state->paging.page_size_given = true; });
    batch->add_flag("--members", state->members, "print every visible member as JSON Lines instead")->excludes(page);
    cli.add(batch, talentray::operation::get_cv_screening_batch, [state](session s) -> asio::awaitable<void> {
        if (state->members) return print_members(std::move(s), state->id, page_size_for_all(state->paging));
        cv_screening_batch_params params;
        params.page = state->paging.page;
        params.page_size = state->paging.page_size;
        return print_batch(std::move(s), state->id, params);
    });
}

}  // namespace talentray::cli
