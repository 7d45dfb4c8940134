// talentray sourcing list|get|create|update|delete
#include "../command_line.hpp"
#include "commands.hpp"
#include "listing.hpp"

#include <talentray/api/sourcing.hpp>

#include <array>
#include <memory>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

constexpr std::array<field_spec, 8> create_fields{{
    {"fullName", "full-name", field_type::string, false, true, "full name"},
    {"organizationId", "organization-id", field_type::string, false, true, "organization the lead belongs to"},
    {"email", "email", field_type::string, false, false, "e-mail address parsed from the CV"},
    {"contactEmail", "contact-email", field_type::string, false, false, "contact e-mail address"},
    {"phone", "phone", field_type::string, false, false, "phone number"},
    {"summary", "summary", field_type::string, false, false, "summary"},
    {"skills", "skills", field_type::string_list, false, false, "skills"},
    {"status", "status", field_type::string, false, false, "status (the server defaults to uploaded)"},
}};

constexpr std::array<field_spec, 7> update_fields{{
    {"fullName", "full-name", field_type::string, false, false, "full name"},
    {"status", "status", field_type::string, false, false, "status, e.g. parsed"},
    {"email", "email", field_type::string, true, false, "e-mail address parsed from the CV"},
    {"contactEmail", "contact-email", field_type::string, true, false, "contact e-mail address"},
    {"phone", "phone", field_type::string, true, false, "phone number"},
    {"summary", "summary", field_type::string, true, false, "summary"},
    {"skills", "skills", field_type::string_list, true, false, "skills (replace the whole list)"},
}};

struct list_args {
    std::optional<std::string> role_id;
    std::optional<std::string> status;
    paging_flags paging;
};

struct create_args {
    field_options fields{create_fields};
};

struct update_args {
    std::string id;
    field_options fields{update_fields};
};

asio::awaitable<void> get_lead(session s, std::string id) {
    const sourcing_api api = s.client->sourcing();
    const potential_candidate found = co_await api.get(std::move(id));
    print_object(s, encode(found));
}

asio::awaitable<void> create_lead(session s, potential_candidate_create lead) {
    const sourcing_api api = s.client->sourcing();
    const potential_candidate created = co_await api.create(std::move(lead));
    print_object(s, encode(created));
}

asio::awaitable<void> update_lead(session s, std::string id, potential_candidate_update changes) {
    const sourcing_api api = s.client->sourcing();
    const potential_candidate updated = co_await api.update(std::move(id), std::move(changes));
    print_object(s, encode(updated));
}

asio::awaitable<void> delete_lead(session s, std::string id) {
    const sourcing_api api = s.client->sourcing();
    co_await api.remove(id);
    print_note(s, "deleted potential candidate " + id);
}

}  // namespace

void add_sourcing_commands(command_line& cli) {
    CLI::App* group =
        add_group(cli.app(), "sourcing", "potential candidates (leads): list, get, create, update, delete");

    CLI::App* list = group->add_subcommand("list", "list potential candidates as JSON Lines (scope sourcing:read)");
    auto list_state = std::make_shared<list_args>();
    add_filter(list, "--role-id", list_state->role_id, "only leads linked to this role");
    add_filter(list, "--status", list_state->status, "only leads with this status, e.g. parsed");
    add_paging_flags(list, list_state->paging);
    cli.add(list, talentray::operation::list_potential_candidates, [list_state](session s) {
        list_potential_candidates_params params;
        params.role_id = list_state->role_id;
        params.status = list_state->status;
        const sourcing_api api = s.client->sourcing();
        return print_offset_list(std::move(s), api, &sourcing_api::list_page, &sourcing_api::list,
                                 std::move(params), list_state->paging);
    });

    CLI::App* get = group->add_subcommand("get", "print one potential candidate (scope sourcing:read)");
    auto get_id = std::make_shared<std::string>();
    add_positional(get, "ID", *get_id, "potential candidate id, e.g. pc_1");
    cli.add(get, talentray::operation::get_potential_candidate, [get_id](session s) { return get_lead(std::move(s), *get_id); });

    CLI::App* create = group->add_subcommand(
        "create", "create a potential candidate and print it (scope sourcing:write); never retried once sent");
    auto create_state = std::make_shared<create_args>();
    create_state->fields.add_to(create);
    cli.add(create, talentray::operation::create_potential_candidate, [create_state](session s) {
        auto lead = body_as<potential_candidate_create>(create_state->fields.body(true));
        return create_lead(std::move(s), std::move(lead));
    });

    CLI::App* update = group->add_subcommand(
        "update", "change fields of a potential candidate and print it (scope sourcing:write); --clear-FIELD sends null");
    auto update_state = std::make_shared<update_args>();
    add_positional(update, "ID", update_state->id, "potential candidate id");
    update_state->fields.add_to(update);
    cli.add(update, talentray::operation::update_potential_candidate, [update_state](session s) {
        auto changes = body_as<potential_candidate_update>(update_state->fields.body(true));
        return update_lead(std::move(s), update_state->id, std::move(changes));
    });

    CLI::App* remove = group->add_subcommand("delete", "delete a potential candidate for good (scope sourcing:write)");
    auto remove_id = std::make_shared<std::string>();
    add_positional(remove, "ID", *remove_id, "potential candidate id");
    cli.add_destructive(
        remove, talentray::operation::delete_potential_candidate, [remove_id](session s) { return delete_lead(std::move(s), *remove_id); },
        [remove_id] { return "Delete potential candidate " + *remove_id; });
}

}  // namespace talentray::cli
