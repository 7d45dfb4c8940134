#include "command_kit.hpp"

#include "../usage_error.hpp"

#include <talentray/error.hpp>
#include <talentray/model/params.hpp>

namespace talentray::cli {

CLI::App* add_group(CLI::App& root, const std::string& name, const std::string& description) {
    CLI::App* group = root.add_subcommand(name, description);
    // At most one command; none is reported by command_line::parse, which lists the choices (a
    // required subcommand would hide an unknown word behind "A subcommand is required").
    group->require_subcommand(0, 1);
    group->fallthrough();
    return group;
}

void add_positional(CLI::App* command, const std::string& name, std::string& target, const std::string& help) {
    command->add_option(name, target, help)->required();
}

void add_paging_flags(CLI::App* command, paging_flags& target) {
    CLI::Option* page =
        command->add_option("--page", target.page, "page to print, from 0")->check(CLI::NonNegativeNumber);
    CLI::Option* size = command
                            ->add_option("--page-size", target.page_size,
                                         "rows per page, 1-100 (default 20; with --all: 100)")
                            ->check(CLI::Range(1, max_page_size));
    CLI::Option* all = command->add_flag("--all", target.all, "print every row, page after page, as JSON Lines");
    CLI::Option* count = command->add_flag("--count", target.count, "print only the number of rows in the list");
    all->excludes(page);
    count->excludes(page);
    count->excludes(size);
    count->excludes(all);
    size->each([&target](const std::string&) { target.page_size_given = true; });
}

int page_size_for_all(const paging_flags& paging) noexcept {
    return paging.page_size_given ? paging.page_size : max_page_size;
}

void add_filter(CLI::App* command, const std::string& flag, std::optional<std::string>& target,
                const std::string& help) {
    command->add_option(flag, target, help);
}

field_options::field_options(std::span<const field_spec> specs)
    : specs_(specs), single_values_(specs.size()), list_values_(specs.size()), clear_counts_(specs.size()) {}

void field_options::add_to(CLI::App* command) {
    set_options_.clear();
    clear_options_.clear();
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        const field_spec& spec = specs_[i];
        const std::string flag = "--" + std::string(spec.flag);
        std::string help(spec.help);
        if (spec.required) help += " (required)";
        CLI::Option* set = nullptr;
        if (spec.type == field_type::string_list) {
            set = command->add_option(flag, list_values_[i], help + "; comma-separated, may be repeated")
                      ->delimiter(',')
                      ->allow_extra_args(false)
                      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        } else {
            set = command->add_option(flag, single_values_[i], help);
            if (spec.type == field_type::boolean) set->type_name("true|false");
            else if (spec.type == field_type::integer) set->type_name("INT");
        }
        set_options_.push_back(set);
        CLI::Option* clear = nullptr;
        if (spec.clearable) {
            const std::string what = spec.type == field_type::string_list ? "send an empty list" : "send null (clear it)";
            clear = command->add_flag("--clear-" + std::string(spec.flag), clear_counts_[i],
                                      what + " for " + std::string(spec.json_name));
        }
        clear_options_.push_back(clear);
    }
    body_option_ = command->add_option("--body", body_source_,
                                       "JSON object of fields from FILE, or '-' for standard input; "
                                       "field flags override it");
    body_option_->type_name("FILE|-");
}

boost::json::object field_options::body(bool require_some) const {
    std::vector<field_input> inputs(specs_.size());
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        field_input& input = inputs[i];
        input.given = set_options_[i] && set_options_[i]->count() > 0;
        if (specs_[i].type == field_type::string_list) input.values = list_values_[i];
        else if (input.given) input.values = {single_values_[i]};
        input.clear = clear_counts_[i] > 0;
    }
    boost::json::object base;
    if (body_option_ && body_option_->count() > 0) base = read_body(body_source_);
    boost::json::object body = build_body(specs_, inputs, std::move(base));
    if (require_some && body.empty())
        throw usage_error("nothing to send: give at least one field flag (see --help) or --body FILE");
    return body;
}

request_spec list_request(talentray::operation op, query_params query, std::initializer_list<path_param> path) {
    request_spec request = request_spec::of(op, path).value();
    request.query = std::move(query);
    return request;
}

}  // namespace talentray::cli
