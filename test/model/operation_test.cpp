// The operation table mirrors the contract's endpoints.tsv row for row.
#include <talentray/model/operation.hpp>
#include "model/url.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tr = talentray;

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, '\t')) fields.push_back(field);
    return fields;
}

}  // namespace

TEST_CASE("the operation table matches endpoints.tsv") {
    const std::filesystem::path tsv = TALENTRAY_ENDPOINTS_TSV;
    std::ifstream in(tsv);
    INFO("reading " << tsv);
    REQUIRE(in.is_open());
    std::string line;
    REQUIRE(std::getline(in, line));
    CHECK(split_tabs(line) == std::vector<std::string>{"method", "path", "tag", "auth", "scopes", "pagination",
                                                       "success_status", "sdk_name"});
    std::size_t row = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        INFO("endpoints.tsv row " << row + 1 << ": " << line);
        const auto fields = split_tabs(line);
        REQUIRE(fields.size() == 8);
        REQUIRE(row < tr::operations.size());
        const tr::operation_info& op = tr::operations[row];
        CHECK(to_string(op.method) == fields[0]);  // Beast's, by argument-dependent lookup
        CHECK(op.path_template == fields[1]);
        CHECK(op.tag == fields[2]);
        CHECK(tr::to_string(op.auth) == fields[3]);
        CHECK(op.required_scope == (fields[4] == "-" ? "" : fields[4]));
        CHECK(tr::to_string(op.pagination) == fields[5]);
        CHECK(std::to_string(op.success_status) == fields[6]);
        CHECK(op.sdk_name == fields[7]);
        ++row;
    }
    CHECK(row == tr::operations.size());
}

TEST_CASE("every path template builds with values for its placeholders") {
    for (const tr::operation_info& op : tr::operations) {
        INFO(op.sdk_name);
        std::vector<std::string> names;
        for (std::size_t open = op.path_template.find('{'); open != std::string_view::npos;
             open = op.path_template.find('{', open + 1))
            names.emplace_back(op.path_template.substr(open + 1, op.path_template.find('}', open) - open - 1));
        REQUIRE(names.size() <= 2);
        tr::result<std::string> path = names.empty()      ? tr::build_path(op.path_template, {})
                                       : names.size() == 1 ? tr::build_path(op.path_template, {{names[0], "x"}})
                                                           : tr::build_path(op.path_template,
                                                                            {{names[0], "x"}, {names[1], "y"}});
        CHECK(path.has_value());
    }
}

TEST_CASE("required_scope and scopes_allow pre-flight a call") {
    CHECK(tr::required_scope(tr::operation::list_candidates) == "candidates:read");
    CHECK(tr::required_scope(tr::operation::get_cv_screening_batch) == "cv-screening:read");
    CHECK(tr::required_scope(tr::operation::get_me).empty());
    CHECK(tr::required_scope(tr::operation::create_api_key).empty());

    const std::vector<std::string> granted{"candidates:read", "roles:write"};
    CHECK(tr::scopes_allow(tr::operation::get_candidate, granted));
    CHECK_FALSE(tr::scopes_allow(tr::operation::update_candidate, granted));
    // A write scope does not imply read.
    CHECK_FALSE(tr::scopes_allow(tr::operation::get_role, granted));
    CHECK(tr::scopes_allow(tr::operation::update_role, granted));
    // Unscoped operations need nothing.
    CHECK(tr::scopes_allow(tr::operation::get_me, {}));
    CHECK(tr::scopes_allow(tr::operation::get_public_job, {}));
    CHECK_FALSE(tr::scopes_allow(tr::operation::list_tests, {}));
}

TEST_CASE("describe is usable at compile time") {
    static_assert(tr::describe(tr::operation::delete_potential_candidate).success_status == 204);
    static_assert(tr::describe(tr::operation::create_potential_candidate).method == tr::http_method::post);
    static_assert(tr::describe(tr::operation::get_api_key_usage).pagination == tr::pagination_kind::cursor);
    static_assert(tr::describe(tr::operation::apply_to_public_job).auth == tr::auth_kind::none);
    static_assert(tr::is_idempotent(tr::http_method::get) && !tr::is_idempotent(tr::http_method::patch));
    CHECK(to_string(tr::http_method::delete_) == "DELETE");
    static_assert(tr::is_idempotent(tr::http_method::delete_) && !tr::is_idempotent(tr::http_method::post));
}
