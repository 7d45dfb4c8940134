#include "operation_mix.hpp"

#include "../usage_error.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
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

constexpr int list_page_size = 20;
constexpr std::string_view api_prefix = "/api/v1/";

// The API key's writes of the operation table (admin and public ones have other budgets).
bool is_benchable_write(const operation_info& info) noexcept {
    return info.auth == auth_kind::api_key && info.method != http_method::get &&
           info.path_template.starts_with(api_prefix);
}

// "candidates" for "/api/v1/candidates/{id}".
std::string_view list_of(const operation_info& info) noexcept {
    std::string_view rest = info.path_template.substr(api_prefix.size());
    return rest.substr(0, rest.find('/'));
}

std::string_view verb_of(http_method method) noexcept {
    switch (method) {
    case http_method::post: return "create";
    case http_method::delete_: return "delete";
    default: return "update";
    }
}

std::string write_name(const operation_info& info) {
    return std::string(list_of(info)) + "." + std::string(verb_of(info.method));
}

// The list of the same resource, whose pages supply ids ("/api/v1/candidates").
std::optional<operation> list_operation_of(const operation_info& info) {
    const std::string list_path = std::string(api_prefix) + std::string(list_of(info));
    for (const operation_info& each : operations)
        if (each.method == http_method::get && each.path_template == list_path &&
            each.pagination == pagination_kind::offset)
            return each.op;
    return std::nullopt;
}

// The resource a write can create: its updates and deletes then act on what the run created.
bool can_create(std::string_view list) noexcept {
    for (const operation_info& each : operations)
        if (is_benchable_write(each) && each.method == http_method::post && list_of(each) == list) return true;
    return false;
}

bool deletes_lead(const mix_entry& e) noexcept { return e.on_created && describe(e.op).method == http_method::delete_; }
bool updates_lead(const mix_entry& e) noexcept { return e.on_created && describe(e.op).method != http_method::delete_; }

// The field a generated update or create sets: a free-text one, so that the marked value is valid.
std::optional<boost::json::object> marked_body(operation op, const write_context& writes, const std::string& mark) {
    boost::json::object body;
    switch (op) {
    case operation::create_potential_candidate:
        body["fullName"] = mark;
        body["organizationId"] = writes.organization;
        body["summary"] = "synthetic lead made by talentray bench run " + writes.run + "; safe to delete";
        return body;
    case operation::update_potential_candidate:
    case operation::update_candidate: body["summary"] = mark; return body;
    case operation::update_role: body["location"] = mark; return body;
    case operation::update_test: body["description"] = mark; return body;
    default: return std::nullopt;
    }
}

}  // namespace

bool changes_data(const mix_entry& entry) noexcept { return describe(entry.op).method != http_method::get; }

bool is_destructive(const mix_entry& entry) noexcept {
    return describe(entry.op).method == http_method::delete_ || (changes_data(entry) && !entry.on_created &&
                                                                  describe(entry.op).method != http_method::post);
}

std::string benchable_write_names() {
    std::string names;
    for (const operation_info& each : operations)
        if (is_benchable_write(each)) names += (names.empty() ? "" : ", ") + write_name(each);
    return names;
}

std::optional<request_spec> write_request(operation op, const write_context& writes, std::uint64_t index) {
    const operation_info& info = describe(op);
    if (!is_benchable_write(info)) return std::nullopt;
    request_spec request;
    request.method = info.method;
    request.operation = op;
    // POST and PATCH are not idempotent (request_spec's default from the method): the SDK never
    // replays them once they may have reached the server, so a lost response is not a second write.
    if (info.method != http_method::delete_) {
        auto body = marked_body(op, writes, "bench-" + writes.run + "-" + std::to_string(index));
        if (!body) return std::nullopt;
        request.body = std::move(*body);
    }
    if (info.method == http_method::post) request.path = std::string(info.path_template);
    return request;
}

std::uint64_t leads_needed(const std::vector<mix_entry>& mix, std::uint64_t calls) noexcept {
    if (mix.empty()) return 0;
    const auto deletes = static_cast<std::uint64_t>(std::count_if(mix.begin(), mix.end(), deletes_lead));
    const auto partial = static_cast<std::uint64_t>(
        std::count_if(mix.begin(), mix.begin() + static_cast<std::ptrdiff_t>(calls % mix.size()), deletes_lead));
    const bool updates = std::any_of(mix.begin(), mix.end(), updates_lead);
    return calls / mix.size() * deletes + partial + (updates ? 1 : 0);
}

std::string benchable_operation_names() {
    std::string names;
    for (const known_operation& each : known) names += (names.empty() ? "" : ", ") + std::string(each.name);
    return names;
}

mix_entry parse_operation(std::string_view name, std::string_view option, bool allow_writes) {
    for (const known_operation& each : known)
        if (each.name == name) return {std::string(each.name), each.op, each.id_source};
    for (const operation_info& each : operations) {
        if (!is_benchable_write(each) || write_name(each) != name) continue;
        if (!allow_writes)
            throw usage_error(std::string(option) + ": '" + std::string(name) +
                              "' changes data; talentray bench runs read-only operations (" +
                              benchable_operation_names() + ") unless --allow-writes is given");
        mix_entry entry{std::string(name), each.op, std::nullopt};
        if (each.method != http_method::post) {
            if (can_create(list_of(each)))
                entry.on_created = true;
            else
                entry.id_source = list_operation_of(each);
        }
        return entry;
    }
    throw usage_error(std::string(option) + ": unknown operation '" + std::string(name) + "'; choose from " +
                      benchable_operation_names() + (allow_writes ? ", " + benchable_write_names() : std::string()));
}

std::optional<request_spec> request_for(const std::vector<mix_entry>& mix, const id_pool& ids, std::uint64_t index,
                                        std::int64_t list_pages, const write_context& writes) {
    if (mix.empty()) return std::nullopt;
    const mix_entry& entry = mix[index % mix.size()];
    const std::uint64_t turn = index / mix.size();
    request_spec request;
    const operation_info& info = describe(entry.op);
    if (changes_data(entry)) {
        auto write = write_request(entry.op, writes, index);
        if (!write) return std::nullopt;
        request = std::move(*write);
    }
    if (entry.on_created) {
        // Deletes take leads in order, each its own; updates share the one after them, which no
        // delete may take.
        const bool updates = std::any_of(mix.begin(), mix.end(), updates_lead);
        const std::uint64_t for_deletes = writes.created.size() - (updates && !writes.created.empty() ? 1 : 0);
        std::uint64_t lead = 0;
        if (deletes_lead(entry)) {
            lead = leads_needed(mix, index) - (updates ? 1 : 0);
            if (lead >= for_deletes) return std::nullopt;
        } else {
            if (writes.created.empty()) return std::nullopt;
            lead = writes.created.size() - 1;
        }
        auto made = request_spec::of(entry.op, {{"id", writes.created[lead]}});
        if (!made) return std::nullopt;
        request.path = std::move(made->path);
    } else if (entry.id_source) {
        const auto found = ids.find(*entry.id_source);
        if (found == ids.end() || found->second.empty()) return std::nullopt;
        const std::string& id = found->second[turn % found->second.size()];
        auto made = request_spec::of(entry.op, {{"id", id}});
        if (!made) return std::nullopt;
        request.path = std::move(made->path);
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
