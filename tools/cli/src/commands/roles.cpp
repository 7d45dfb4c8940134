// talentray roles list|get|update|steps
#include "../command_line.hpp"
#include "commands.hpp"
#include "listing.hpp"

#include <talentray/api/roles.hpp>

#include <array>
#include <memory>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

constexpr std::array<field_spec, 13> update_fields{{
    {"name", "name", field_type::string, false, false, "role name"},
    {"status", "status", field_type::string, false, false, "status, e.g. open"},
    {"priority", "priority", field_type::string, true, false, "priority, e.g. high"},
    {"department", "department", field_type::string, true, false, "department"},
    {"location", "location", field_type::string, true, false, "location"},
    {"workType", "work-type", field_type::string, true, false, "remote, hybrid or onsite"},
    {"salaryMin", "salary-min", field_type::integer, true, false, "lowest salary"},
    {"salaryMax", "salary-max", field_type::integer, true, false, "highest salary"},
    {"salaryCurrency", "salary-currency", field_type::string, true, false, "salary currency, e.g. EUR"},
    {"salaryPeriod", "salary-period", field_type::string, true, false, "salary period, e.g. year"},
    {"targetHireCount", "target-hire-count", field_type::integer, true, false, "people to hire"},
    {"roleLevel", "role-level", field_type::string, true, false, "level, e.g. senior"},
    {"isPublic", "is-public", field_type::boolean, false, false, "shown on the career portal"},
}};

struct list_args {
    std::optional<std::string> organization_id;
    std::optional<std::string> status;
    paging_flags paging;
};

struct update_args {
    std::string id;
    field_options fields{update_fields};
};

asio::awaitable<void> get_role(session s, std::string id) {
    const roles_api api = s.client->roles();
    const role found = co_await api.get(std::move(id));
    print_object(s, encode(found));
}

asio::awaitable<void> update_role(session s, std::string id, role_update changes) {
    const roles_api api = s.client->roles();
    const role updated = co_await api.update(std::move(id), std::move(changes));
    print_object(s, encode(updated));
}

asio::awaitable<void> role_steps(session s, std::string id) {
    const roles_api api = s.client->roles();
    const std::vector<role_step> steps = co_await api.steps(std::move(id));
    for (const role_step& step : steps) print_row(s, encode(step));
}

}  // namespace

void add_roles_commands(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "roles", "roles: list, get, update, pipeline template");

    CLI::App* list = group->add_subcommand("list", "list roles as JSON Lines (scope roles:read)");
    auto list_state = std::make_shared<list_args>();
    add_filter(list, "--organization-id", list_state->organization_id, "only roles of this organization");
    add_filter(list, "--status", list_state->status, "only roles with this status, e.g. open");
    add_paging_flags(list, list_state->paging);
    cli.add(list, talentray::operation::list_roles, [list_state](session s) {
        list_roles_params params;
        params.organization_id = list_state->organization_id;
        params.status = list_state->status;
        const roles_api api = s.client->roles();
        return print_offset_list(std::move(s), api, &roles_api::list_page, &roles_api::list,
                                 std::move(params), list_state->paging);
    });

    CLI::App* get = group->add_subcommand("get", "print one role (scope roles:read)");
    auto get_id = std::make_shared<std::string>();
    add_positional(get, "ID", *get_id, "role id, e.g. role_eng_be");
    cli.add(get, talentray::operation::get_role, [get_id](session s) { return get_role(std::move(s), *get_id); });

    CLI::App* update = group->add_subcommand(
        "update", "change fields of a role and print it (scope roles:write); --clear-FIELD sends null");
    auto update_state = std::make_shared<update_args>();
    add_positional(update, "ID", update_state->id, "role id");
    update_state->fields.add_to(update);
    cli.add(update, talentray::operation::update_role, [update_state](session s) {
        auto changes = body_as<role_update>(update_state->fields.body(true));
        return update_role(std::move(s), update_state->id, std::move(changes));
    });

    CLI::App* steps = group->add_subcommand("steps", "a role's pipeline template as JSON Lines (scope pipeline:read)");
    auto steps_id = std::make_shared<std::string>();
    add_positional(steps, "ID", *steps_id, "role id");
    cli.add(steps, talentray::operation::list_role_steps, [steps_id](session s) { return role_steps(std::move(s), *steps_id); });
}

}  // namespace talentray::cli
