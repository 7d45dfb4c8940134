// talentray candidates list|get|update|steps
#include "../command_line.hpp"
#include "commands.hpp"
#include "listing.hpp"

#include <talentray/api/candidates.hpp>

#include <array>
#include <memory>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

constexpr std::array<field_spec, 5> update_fields{{
    {"fullName", "full-name", field_type::string, false, false, "full name"},
    {"status", "status", field_type::string, false, false, "status, e.g. Active"},
    {"email", "email", field_type::string, true, false, "e-mail address"},
    {"phone", "phone", field_type::string, true, false, "phone number, e.g. +905551112233"},
    {"summary", "summary", field_type::string, true, false, "summary"},
}};

struct list_args {
    std::optional<std::string> role_id;
    paging_flags paging;
};

struct update_args {
    std::string id;
    field_options fields{update_fields};
};

asio::awaitable<void> get_candidate(session s, std::string id) {
    const candidates_api api = s.client->candidates();
    const candidate found = co_await api.get(std::move(id));
    print_object(s, encode(found));
}

asio::awaitable<void> update_candidate(session s, std::string id, candidate_update changes) {
    const candidates_api api = s.client->candidates();
    const candidate updated = co_await api.update(std::move(id), std::move(changes));
    print_object(s, encode(updated));
}

asio::awaitable<void> candidate_steps(session s, std::string id) {
    const candidates_api api = s.client->candidates();
    const std::vector<candidate_step> steps = co_await api.steps(std::move(id));
    for (const candidate_step& step : steps) print_row(s, encode(step));
}

}  // namespace

void add_candidates_commands(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "candidates", "candidates: list, get, update, pipeline steps");

    CLI::App* list = group->add_subcommand("list", "list candidates as JSON Lines (scope candidates:read)");
    auto list_state = std::make_shared<list_args>();
    add_filter(list, "--role-id", list_state->role_id, "only candidates actively assigned to this role");
    add_paging_flags(list, list_state->paging);
    cli.add(list, talentray::operation::list_candidates, [list_state](session s) {
        list_candidates_params params;
        params.role_id = list_state->role_id;
        const candidates_api api = s.client->candidates();
        return print_offset_list(std::move(s), api, &candidates_api::list_page, &candidates_api::list,
                                 std::move(params), list_state->paging);
    });

    CLI::App* get = group->add_subcommand("get", "print one candidate (scope candidates:read)");
    auto get_id = std::make_shared<std::string>();
    add_positional(get, "ID", *get_id, "candidate id, e.g. cand_1");
    cli.add(get, talentray::operation::get_candidate, [get_id](session s) { return get_candidate(std::move(s), *get_id); });

    CLI::App* update = group->add_subcommand(
        "update", "change fields of a candidate and print it (scope candidates:write); --clear-FIELD sends null");
    auto update_state = std::make_shared<update_args>();
    add_positional(update, "ID", update_state->id, "candidate id");
    update_state->fields.add_to(update);
    cli.add(update, talentray::operation::update_candidate, [update_state](session s) {
        auto changes = body_as<candidate_update>(update_state->fields.body(true));
        return update_candidate(std::move(s), update_state->id, std::move(changes));
    });

    CLI::App* steps = group->add_subcommand("steps", "a candidate's pipeline progress as JSON Lines (scope pipeline:read)");
    auto steps_id = std::make_shared<std::string>();
    add_positional(steps, "ID", *steps_id, "candidate id");
    cli.add(steps, talentray::operation::list_candidate_steps, [steps_id](session s) { return candidate_steps(std::move(s), *steps_id); });
}

}  // namespace talentray::cli
