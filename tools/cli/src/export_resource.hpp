// The lists `talentray export` can write: how each is requested and its CSV columns.
#pragma once

#include <talentray/model/operation.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace talentray::cli {

/// A filter of a list: the option that sets it and the query parameter it becomes.
struct list_filter {
    std::string_view option;  ///< e.g. "--role-id"
    std::string_view query;   ///< e.g. "roleId"
    std::string_view help;
};

/// One exportable list.
struct export_resource {
    std::string_view name;          ///< the command word, e.g. "candidates", "cv-screening-batch"
    talentray::operation operation; ///< the list operation (its path template and paging style)
    std::string_view path_param;    ///< the `{name}` the ID argument fills; empty when none
    std::string_view id_help;       ///< what the ID argument is, when there is one
    std::span<const list_filter> filters;
    std::span<const std::string_view> columns;  ///< CSV header, in this stable order
    std::string_view help;
};

/// Every exportable list, in the order `talentray export --help` shows them.
std::span<const export_resource> export_resources() noexcept;

/// Whether the list is cursor-paged (the usage log), from its operation's pagination style;
/// every other exportable list is offset-paged.
constexpr bool is_cursor_paged(const export_resource& resource) noexcept {
    return talentray::describe(resource.operation).pagination == talentray::pagination_kind::cursor;
}

/// The resource called `name`, or nothing.
const export_resource* find_export_resource(std::string_view name) noexcept;

/// The resource called `name`, which must exist (for code naming a resource it knows); throws
/// `std::logic_error` otherwise.
const export_resource& export_resource_named(std::string_view name);

}  // namespace talentray::cli
