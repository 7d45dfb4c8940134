// Walks the operation table (model/operation.hpp): every row must have what an endpoint needs
// everywhere else - its wire request (src/api/requests.cpp), its mock route (tools/mock's router)
// and its CLI command (tools/cli). A row added without one of them fails here.
#include "api/requests.hpp"
#include "command_line.hpp"
#include "router.hpp"

#include <talentray/model/operation.hpp>

#include <catch2/catch.hpp>

#include <boost/url/parse.hpp>

#include <algorithm>
#include <map>
#include <string>

namespace tr = talentray;
namespace wire = talentray::detail::wire;

namespace {

// The sample value of each path placeholder the table uses; a template with another placeholder
// fails the walk, naming it.
const std::map<std::string, std::string, std::less<>> sample_path_values{
    {"id", "id_1"}, {"orgSlug", "acme"}, {"roleId", "role_1"}, {"batchId", "batch_1"}};

std::string sample_path(std::string_view path_template) {
    std::string path;
    std::size_t pos = 0;
    while (pos < path_template.size()) {
        const std::size_t open = path_template.find('{', pos);
        path += path_template.substr(pos, open - pos);
        if (open == std::string_view::npos) break;
        const std::size_t close = path_template.find('}', open);
        REQUIRE(close != std::string_view::npos);
        const std::string_view name = path_template.substr(open + 1, close - open - 1);
        const auto value = sample_path_values.find(name);
        INFO("placeholder {" << name << "} has no sample value in this test");
        REQUIRE(value != sample_path_values.end());
        path += value->second;
        pos = close + 1;
    }
    return path;
}

// The wire request of `op`, formed from valid sample input with the sample path values. The
// switch has no default: an operation without its case here does not compile (-Wswitch).
tr::result<tr::request_spec> wire_request(tr::operation op) {
    using enum tr::operation;
    tr::create_api_key_request key;
    key.name = "nightly sync";
    key.user_id = "user_1";
    tr::apply_request application;
    application.role_id = "role_1";
    tr::potential_candidate_create lead;
    lead.full_name = "Sam Lee";
    lead.organization_id = "org_acme";
    tr::candidate_update candidate_changes;
    candidate_changes.full_name = "Jane Doe";
    tr::role_update role_changes;
    role_changes.target_hire_count = 3;
    tr::test_update test_changes;
    test_changes.duration = 45;
    tr::potential_candidate_update lead_changes;
    lead_changes.skills = std::vector<std::string>{"go"};

    switch (op) {
    case create_api_key: return wire::create_api_key(key);
    case list_api_keys: return wire::list_api_keys();
    case revoke_api_key: return wire::revoke_api_key("id_1");
    case get_api_key_usage: return wire::get_api_key_usage("id_1", {});
    case get_career_portal: return wire::get_career_portal("acme");
    case get_public_job: return wire::get_public_job("acme", "role_1");
    case apply_to_public_job: return wire::apply_to_public_job("acme", application);
    case get_me: return wire::get_me();
    case list_candidates: return wire::list_candidates({});
    case get_candidate: return wire::get_candidate("id_1");
    case update_candidate: return wire::update_candidate("id_1", candidate_changes);
    case list_candidate_steps: return wire::list_candidate_steps("id_1");
    case list_roles: return wire::list_roles({});
    case get_role: return wire::get_role("id_1");
    case update_role: return wire::update_role("id_1", role_changes);
    case list_role_steps: return wire::list_role_steps("id_1");
    case list_tests: return wire::list_tests({});
    case get_test: return wire::get_test("id_1");
    case update_test: return wire::update_test("id_1", test_changes);
    case list_potential_candidates: return wire::list_potential_candidates({});
    case get_potential_candidate: return wire::get_potential_candidate("id_1");
    case create_potential_candidate: return wire::create_potential_candidate(lead);
    case update_potential_candidate: return wire::update_potential_candidate("id_1", lead_changes);
    case delete_potential_candidate: return wire::delete_potential_candidate("id_1");
    case get_cv_screening_batch: return wire::get_cv_screening_batch("batch_1", {});
    }
    FAIL("no wire request for operation " << static_cast<int>(op));
    return tr::make_error_info(tr::errc::invalid_argument, "unreachable");
}

// "keys revoke": the command's name after its groups'.
std::string command_path(const CLI::App& command) {
    std::string path = command.get_name();
    for (const CLI::App* group = command.get_parent(); group && group->get_parent(); group = group->get_parent())
        path = group->get_name() + ' ' + path;
    return path;
}

}  // namespace

TEST_CASE("every row's wire request has the row's method, path and operation") {
    for (const tr::operation_info& row : tr::operations) {
        INFO(row.sdk_name);
        const auto spec = wire_request(row.op);
        REQUIRE(spec);
        CHECK(spec->method == row.method);
        CHECK(spec->path == sample_path(row.path_template));
        // The observer reports describe(operation).path_template as the event's route
        // (client_impl::start_event), so the route is the row's template exactly when this holds.
        REQUIRE(spec->operation);
        CHECK(*spec->operation == row.op);
        CHECK(tr::describe(*spec->operation).path_template == row.path_template);
        CHECK(spec->authenticated == (row.auth != tr::auth_kind::none));
    }
}

TEST_CASE("the mock routes every row to a handler with the row's template and scope") {
    for (const tr::operation_info& row : tr::operations) {
        INFO(to_string(row.method) << ' ' << row.path_template);
        const std::string path = sample_path(row.path_template);
        const auto url = boost::urls::parse_origin_form(path);
        REQUIRE(url);
        const auto match = tr::mock::detail::match_route(row.method, url->segments());
        REQUIRE(match.matched != nullptr);
        CHECK(match.matched->method == row.method);
        CHECK(match.matched->path == row.path_template);
        CHECK(match.matched->scope == row.required_scope);
        CHECK(match.matched->handler != nullptr);
    }
}

TEST_CASE("the CLI has one command for every row, needing a key unless the row is public") {
    const tr::cli::command_line cli;
    const auto commands = cli.commands();
    for (const tr::operation_info& row : tr::operations) {
        INFO(row.sdk_name);
        const auto performs = [&](const tr::cli::command_entry& entry) { return entry.operation == row.op; };
        CHECK(std::count_if(commands.begin(), commands.end(), performs) == 1);
        const auto command = std::find_if(commands.begin(), commands.end(), performs);
        if (command == commands.end()) continue;
        INFO("talentray " << command_path(*command->command));
        CHECK(command->needs_key == (row.auth != tr::auth_kind::none));
    }
}
