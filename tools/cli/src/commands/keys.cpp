// talentray keys create|list|revoke|usage
#include "../command_line.hpp"
#include "../usage_error.hpp"
#include "commands.hpp"
#include "listing.hpp"

#include <talentray/api/api_keys.hpp>
#include <talentray/model/timestamp.hpp>

#include <array>
#include <memory>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

constexpr std::array<field_spec, 4> create_fields{{
    {"name", "name", field_type::string, false, true, "label of the key, at most 255 characters"},
    {"userId", "user-id", field_type::string, false, true, "the user the key acts as"},
    {"expiresInDays", "expires-in-days", field_type::integer, false, false, "lifetime, 1-365 days (default 90)"},
    {"scopes", "scopes", field_type::string_list, false, false,
     "scopes to grant, e.g. candidates:read (experimental: undocumented by the API)"},
}};

struct create_args {
    field_options fields{create_fields};
};

struct usage_args {
    std::string id;
    int limit = default_usage_limit;
    bool limit_given = false;
    std::optional<std::string> before;
    bool all = false;
};

asio::awaitable<void> create_key(session s, create_api_key_request request) {
    const api_keys_api api = s.client->api_keys();
    const created_api_key created = co_await api.create(std::move(request));
    print_object(s, encode(created));
    print_note(s, "store the key now: it is shown only once");
}

asio::awaitable<void> list_keys(session s) {
    const api_keys_api api = s.client->api_keys();
    const std::vector<api_key> keys = co_await api.list();
    for (const api_key& key : keys) print_row(s, encode(key));
}

asio::awaitable<void> revoke_key(session s, std::string id) {
    const api_keys_api api = s.client->api_keys();
    co_await api.revoke(id);
    print_note(s, "revoked API key " + id);
}

asio::awaitable<void> print_usage_page(session s, std::string id, api_key_usage_params params) {
    const api_keys_api api = s.client->api_keys();
    const api_key_usage usage = co_await api.usage_page(std::move(id), params);
    for (const api_key_usage_row& row : usage.rows) print_row(s, encode(row));
    if (usage.pagination.has_more && usage.pagination.next_before)
        // Not "--before nextBefore": rows share whole-second timestamps, and asking for rows older
        // than the oldest shown would skip those of its second not yet shown.
        print_note(s, "more rows (older than " + usage.pagination.next_before->to_string() +
                          "): add --all to read every page; --before with that time would skip rows of the same second");
}

asio::awaitable<void> print_all_usage(session s, std::string id, api_key_usage_params params) {
    const pager_options options;
    const api_keys_api api = s.client->api_keys();
    pager<api_key_usage_row> rows = api.usage(std::move(id), params, options);
    for (;;) {
        std::optional<api_key_usage_row> row = co_await rows.next();
        if (!row) break;
        print_row(s, encode(*row));
    }
}

}  // namespace

void add_keys_commands(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "keys", "API keys (the key's owner must be a platform admin)");

    CLI::App* create = group->add_subcommand("create", "mint a key and print it, secret included (shown once)");
    auto create_state = std::make_shared<create_args>();
    create_state->fields.add_to(create);
    cli.add(create, talentray::operation::create_api_key, [create_state](session s) {
        auto request = body_as<create_api_key_request>(create_state->fields.body(true));
        return create_key(std::move(s), std::move(request));
    });

    CLI::App* list = group->add_subcommand("list", "every key as JSON Lines, without secrets");
    cli.add(list, talentray::operation::list_api_keys, [](session s) { return list_keys(std::move(s)); });

    CLI::App* revoke = group->add_subcommand("revoke", "revoke a key for good");
    auto revoke_id = std::make_shared<std::string>();
    add_positional(revoke, "ID", *revoke_id, "key id, e.g. apikey_xyz789");
    cli.add_destructive(
        revoke, talentray::operation::revoke_api_key, [revoke_id](session s) { return revoke_key(std::move(s), *revoke_id); },
        [revoke_id] { return "Revoke API key " + *revoke_id; });

    CLI::App* usage = group->add_subcommand("usage", "a key's request log as JSON Lines, newest first");
    auto usage_state = std::make_shared<usage_args>();
    add_positional(usage, "ID", usage_state->id, "key id");
    usage->add_option("--limit", usage_state->limit, "rows per page, 1-500 (default 100)")
        ->check(CLI::Range(1, max_usage_limit));
    usage->add_option("--before", usage_state->before, "only requests older than this ISO 8601 time")
        ->type_name("TIME");
    usage->add_flag("--all", usage_state->all, "follow the log to its end instead of printing one page");
    cli.add(usage, talentray::operation::get_api_key_usage, [usage_state](session s) -> asio::awaitable<void> {
        api_key_usage_params params;
        params.limit = usage_state->limit;
        if (usage_state->before) {
            auto before = timestamp::parse(*usage_state->before);
            if (!before) throw usage_error("--before: " + before.error().diag.client_message);
            params.before = *before;
        }
        if (usage_state->all) return print_all_usage(std::move(s), usage_state->id, params);
        return print_usage_page(std::move(s), usage_state->id, params);
    });
}

}  // namespace talentray::cli
