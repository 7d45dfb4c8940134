#include "operation_mix.hpp"

#include "../usage_error.hpp"

#include <talentray/model/url.hpp>

#include <array>

namespace talentray::cli::bench {
namespace {

using talentray::operation;

struct known_operation {
    std::string_view name;
    operation op;
    std::optional<operation> id_source;
};

// The API's read operations with an API key (admin and public ones have other budgets).
const std::array<known_operation, 11> known{{
    {"me", operation::get_me, std::nullopt},
    {"candidates.list", operation::list_candidates, std::nullopt},
    {"candidates.get", operation::get_candidate, operation::list_candidates},
    {"candidates.steps", operation::list_candidate_steps, operation::list_candidates},
    {"roles.list", operation::list_roles, std::nullopt},
    {"roles.get", operation::get_role, operation::list_roles},
    {"roles.steps", operation::list_role_steps, operation::list_roles},
    {"tests.list", operation::list_tests, std::nullopt},
    {"tests.get", operation::get_test, operation::list_tests},
    {"sourcing.list", operation::list_potential_candidates, std::nullopt},
    {"sourcing.get", operation::get_potential_candidate, operation::list_potential_candidates},
}};

// Writes the bench refuses, with the name a user would try.
const std::array<std::string_view, 6> writes{
    "candidates.update", "roles.update", "tests.update", "sourcing.create", "sourcing.update", "sourcing.delete"};

constexpr int list_page_size = 20;

}  // namespace

std::string benchable_operation_names() {
    std::string names;
    for (const known_operation& each : known) names += (names.empty() ? "" : ", ") + std::string(each.name);
    return names;
}

mix_entry parse_operation(std::string_view name, std::string_view option) {
    for (const known_operation& each : known)
        if (each.name == name) return {std::string(each.name), each.op, each.id_source};
    for (std::string_view write : writes)
        if (write == name)
            throw usage_error(std::string(option) + ": '" + std::string(name) +
                              "' changes data; talentray bench runs read-only operations only (" +
                              benchable_operation_names() + ")");
    throw usage_error(std::string(option) + ": unknown operation '" + std::string(name) + "'; choose from " +
                      benchable_operation_names());
}

std::optional<request_spec> request_for(const std::vector<mix_entry>& mix, const id_pool& ids, std::uint64_t index,
                                        std::int64_t list_pages) {
    if (mix.empty()) return std::nullopt;
    const mix_entry& entry = mix[index % mix.size()];
    const std::uint64_t turn = index / mix.size();
    request_spec request;
    const operation_info& info = describe(entry.op);
    if (entry.id_source) {
        const auto found = ids.find(*entry.id_source);
        if (found == ids.end() || found->second.empty()) return std::nullopt;
        const std::string& id = found->second[turn % found->second.size()];
        auto path = build_path(info.path_template, {{"id", id}});
        if (!path) return std::nullopt;
        request.path = std::move(*path);
    } else {
        request.path = std::string(info.path_template);
        if (info.pagination == pagination_kind::offset) {
            const std::int64_t pages = list_pages > 0 ? list_pages : 1;
            request.query = {{"page", std::to_string(static_cast<std::int64_t>(turn) % pages)},
                             {"pageSize", std::to_string(list_page_size)}};
        }
    }
    return request;
}

}  // namespace talentray::cli::bench
