// talentray tests list|get|update
#include "../command_line.hpp"
#include "commands.hpp"
#include "listing.hpp"

#include <talentray/api/tests.hpp>

#include <array>
#include <memory>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

constexpr std::array<field_spec, 7> update_fields{{
    {"name", "name", field_type::string, false, false, "test name"},
    {"description", "description", field_type::string, false, false, "description"},
    {"analysisCategory", "analysis-category", field_type::string, false, false, "analysis category, e.g. hard_skill"},
    {"language", "language", field_type::string, false, false, "language, ISO 639-1 (e.g. en)"},
    {"type", "type", field_type::string, false, false, "type, e.g. multiple_choice"},
    {"targetPersona", "target-persona", field_type::string, true, false, "target persona"},
    {"duration", "duration", field_type::integer, false, false, "duration in minutes"},
}};

struct list_args {
    std::optional<std::string> type;
    std::optional<std::string> analysis_category;
    std::optional<std::string> language;
    paging_flags paging;
};

struct update_args {
    std::string id;
    field_options fields{update_fields};
};

asio::awaitable<void> get_test(session s, std::string id) {
    const tests_api api = s.client->tests();
    const test found = co_await api.get(std::move(id));
    print_object(s, encode(found));
}

asio::awaitable<void> update_test(session s, std::string id, test_update changes) {
    const tests_api api = s.client->tests();
    const test updated = co_await api.update(std::move(id), std::move(changes));
    print_object(s, encode(updated));
}

}  // namespace

void add_tests_commands(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "tests", "assessment tests (metadata): list, get, update");

    CLI::App* list = group->add_subcommand("list", "list tests as JSON Lines (scope tests:read)");
    auto list_state = std::make_shared<list_args>();
    add_filter(list, "--type", list_state->type, "only tests of this type, e.g. multiple_choice");
    add_filter(list, "--analysis-category", list_state->analysis_category, "only this category, e.g. hard_skill");
    add_filter(list, "--language", list_state->language, "only tests in this language (ISO 639-1)");
    add_paging_flags(list, list_state->paging);
    cli.add(list, talentray::operation::list_tests, [list_state](session s) {
        list_tests_params params;
        params.type = list_state->type;
        params.analysis_category = list_state->analysis_category;
        params.language = list_state->language;
        const tests_api api = s.client->tests();
        return print_offset_list(std::move(s), api, &tests_api::list_page, &tests_api::list,
                                 std::move(params), list_state->paging);
    });

    CLI::App* get = group->add_subcommand("get", "print one test (scope tests:read)");
    auto get_id = std::make_shared<std::string>();
    add_positional(get, "ID", *get_id, "test id, e.g. test_js");
    cli.add(get, talentray::operation::get_test, [get_id](session s) { return get_test(std::move(s), *get_id); });

    CLI::App* update = group->add_subcommand(
        "update", "change fields of a test and print it (scope tests:write); --clear-FIELD sends null");
    auto update_state = std::make_shared<update_args>();
    add_positional(update, "ID", update_state->id, "test id");
    update_state->fields.add_to(update);
    cli.add(update, talentray::operation::update_test, [update_state](session s) {
        auto changes = body_as<test_update>(update_state->fields.body(true));
        return update_test(std::move(s), update_state->id, std::move(changes));
    });
}

}  // namespace talentray::cli
