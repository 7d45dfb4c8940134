// Pieces the command groups share: subcommand groups, ID arguments, paging flags, field flags,
// and the requests a pager starts from.
#pragma once

#include <talentray/model/operation.hpp>
#include "../request_body.hpp"
#include "../usage_error.hpp"

#include <talentray/model/json.hpp>
#include <talentray/request.hpp>


#include <CLI/CLI.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace talentray::cli {

/// Adds an operation group (`talentray candidates ...`) whose subcommands are its commands.
CLI::App* add_group(CLI::App& root, const std::string& name, const std::string& description);

/// Adds a required positional argument, e.g. the candidate ID of `candidates get ID`.
void add_positional(CLI::App* command, const std::string& name, std::string& target, const std::string& help);

/// The flags of a list command: one page (`--page`, `--page-size`), every row (`--all`) or only
/// the number of rows (`--count`).
struct paging_flags {
    std::int64_t page = 0;
    int page_size = 20;
    bool page_size_given = false;
    bool all = false;
    bool count = false;
};

/// Registers --page, --page-size (1..100), --all and --count on `command`, filling `target`
/// (which must outlive the parse) and refusing combinations that make no sense.
void add_paging_flags(CLI::App* command, paging_flags& target);

/// The page size for walking a whole list: `--page-size` when given, else the largest.
int page_size_for_all(const paging_flags& paging) noexcept;

/// A filter option stored as an optional string (unset: no filter).
void add_filter(CLI::App* command, const std::string& flag, std::optional<std::string>& target,
                const std::string& help);

/// One flag per field of a create/update body, `--clear-<flag>` for clearable fields, and
/// `--body FILE|-`. Keep it alive (it is bound to the command line) until `body()` was called.
class field_options {
public:
    explicit field_options(std::span<const field_spec> specs);

    void add_to(CLI::App* command);

    /// The body from --body and the field flags (see `build_body`). Throws `usage_error`.
    /// With `require_some`, an empty body is refused ("nothing to update").
    boost::json::object body(bool require_some) const;

private:
    std::span<const field_spec> specs_;
    std::vector<std::string> single_values_;
    std::vector<std::vector<std::string>> list_values_;
    std::vector<CLI::Option*> set_options_;
    std::vector<CLI::Option*> clear_options_;
    std::vector<int> clear_counts_;  // how often each --clear-<flag> appeared
    std::string body_source_;
    CLI::Option* body_option_ = nullptr;
};

/// `body` as the SDK's request type `T` (e.g. `candidate_update`). Throws `usage_error` naming
/// the field whose value has the wrong type.
template <class T>
T body_as(const boost::json::object& body) {
    auto decoded = decode<T>(boost::json::value(body));
    if (!decoded) throw usage_error("the request body is not usable: " + decoded.error().diag.to_string());
    return std::move(*decoded);
}

/// The GET request of a list operation for a pager: its path (from the operation table, with
/// `path` filling the placeholders) and `query`. Throws `talentray::error` (invalid_argument)
/// for an empty path parameter.
request_spec list_request(talentray::operation op, query_params query,
                          std::initializer_list<path_param> path = {});

}  // namespace talentray::cli
