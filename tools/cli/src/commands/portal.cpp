// talentray portal get|job|apply (public: no key needed)
#include "../command_line.hpp"
#include "command_kit.hpp"
#include "commands.hpp"

#include <talentray/api/career_portal.hpp>
#include <talentray/client.hpp>

#include <array>
#include <memory>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

constexpr std::array<field_spec, 2> apply_fields{{
    {"roleId", "role-id", field_type::string, false, true, "the public, open role to apply to"},
    {"locale", "locale", field_type::string, false, false, "language of the sign-up link (default en)"},
}};

struct job_args {
    std::string slug;
    std::string role_id;
};

struct apply_args {
    std::string slug;
    field_options fields{apply_fields};
};

asio::awaitable<void> print_portal(session s, std::string slug) {
    const career_portal_api api = s.client->career_portal();
    const talentray::career_portal portal = co_await api.portal(std::move(slug));
    print_object(s, encode(portal));
}

asio::awaitable<void> print_job(session s, std::string slug, std::string role_id) {
    const career_portal_api api = s.client->career_portal();
    const public_job job = co_await api.job(std::move(slug), std::move(role_id));
    print_object(s, encode(job));
}

asio::awaitable<void> apply(session s, std::string slug, apply_request application) {
    const career_portal_api api = s.client->career_portal();
    const invite invitation = co_await api.apply(std::move(slug), std::move(application));
    print_object(s, encode(invitation));
}

}  // namespace

void add_portal_commands(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "portal", "an organization's public career portal (no API key needed)");

    CLI::App* get = group->add_subcommand("get", "the organization and its open public roles");
    auto slug = std::make_shared<std::string>();
    add_positional(get, "SLUG", *slug, "the portal's slug, e.g. acme");
    cli.add(get, talentray::operation::get_career_portal, [slug](session s) { return print_portal(std::move(s), *slug); });

    CLI::App* job = group->add_subcommand("job", "one open public role with its organization");
    auto job_state = std::make_shared<job_args>();
    add_positional(job, "SLUG", job_state->slug, "the portal's slug");
    add_positional(job, "ROLE_ID", job_state->role_id, "the role's id");
    cli.add(job, talentray::operation::get_public_job,
            [job_state](session s) { return print_job(std::move(s), job_state->slug, job_state->role_id); });

    CLI::App* apply_command = group->add_subcommand("apply", "ask for a sign-up link for a role and print it");
    auto apply_state = std::make_shared<apply_args>();
    add_positional(apply_command, "SLUG", apply_state->slug, "the portal's slug");
    apply_state->fields.add_to(apply_command);
    cli.add(apply_command, talentray::operation::apply_to_public_job, [apply_state](session s) {
        auto application = body_as<apply_request>(apply_state->fields.body(true));
        return apply(std::move(s), apply_state->slug, std::move(application));
    });
}

}  // namespace talentray::cli
