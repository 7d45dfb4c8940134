// The operations a bench may run, named as on the command line ("candidates.get"), and the
// request each call of the mix sends. Read-only (GET) operations of an API key only: a benchmark
// must not change the data it reads. Pure logic.
#pragma once

#include <talentray/model/operation.hpp>
#include <talentray/request.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::cli::bench {

/// One operation of the mix.
struct mix_entry {
    std::string name;               ///< "candidates.get"
    talentray::operation op;
    /// For operations with an `{id}`: the list whose page supplies the ids ("candidates.list").
    std::optional<talentray::operation> id_source;
};

/// The names `parse_operation` accepts, comma-separated, for messages and --help.
std::string benchable_operation_names();

/// The operation called `name`. Throws `usage_error` naming `option` and the name: for an
/// unknown name listing the known ones; for an operation that changes data, saying so.
mix_entry parse_operation(std::string_view name, std::string_view option);

/// Ids read from list pages before the run, by list operation.
using id_pool = std::map<talentray::operation, std::vector<std::string>>;

/// The request of call `index` of a run over `mix`: operations taken in turn, ids in turn from
/// `ids`, list pages cycling over the first `list_pages` pages of 20 rows. Returns nothing when
/// the operation needs an id and the pool has none.
std::optional<request_spec> request_for(const std::vector<mix_entry>& mix, const id_pool& ids, std::uint64_t index,
                                        std::int64_t list_pages);

}  // namespace talentray::cli::bench
