// The operations a bench may run, named as on the command line ("candidates.get"), and the
// request each call of the mix sends. Read-only (GET) operations of an API key, unless the user
// admits writes (--allow-writes): then also the API key's writes of the operation table, named
// "<list>.create|update|delete", each with a generated body of marked data ("bench-<run>-<n>").
// Updates and deletes of sourcing leads act on the leads the run itself created. Pure logic.
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
    /// For writes on sourcing leads: the ids are those of the leads this run created.
    bool on_created = false;
};

/// True when the entry's operation changes data (anything but GET).
bool changes_data(const mix_entry& entry) noexcept;

/// True when it cannot be undone: a DELETE, or an update of records the run did not create
/// (it overwrites a field of the user's data). Such a mix needs confirmation (--yes).
bool is_destructive(const mix_entry& entry) noexcept;

/// What a run's writes need to make their bodies and find their ids.
struct write_context {
    std::string run;           ///< marks the run's data: names "bench-<run>-<n>"
    std::string organization;  ///< --organization: where created leads go
    std::vector<std::string> created;  ///< ids of the leads created before the run, in order
};

/// The read operations `parse_operation` accepts, comma-separated, for messages and --help.
std::string benchable_operation_names();

/// The write operations it accepts with `allow_writes`, derived from the operation table.
std::string benchable_write_names();

/// The operation called `name`. Throws `usage_error` naming `option` and the name: for an
/// unknown name listing the known ones; for an operation that changes data without
/// `allow_writes`, saying so and naming --allow-writes.
mix_entry parse_operation(std::string_view name, std::string_view option, bool allow_writes = false);

/// How many leads must exist before a run of `calls` calls over `mix` starts: one per delete
/// call, and one more for the updates of leads to share. Zero when the mix touches no lead.
std::uint64_t leads_needed(const std::vector<mix_entry>& mix, std::uint64_t calls) noexcept;

/// The body and path of a write of `op` for call `index` of the run (`n` in "bench-<run>-<n>").
/// Nothing for an operation the bench cannot write.
std::optional<request_spec> write_request(talentray::operation op, const write_context& writes, std::uint64_t index);

/// Ids read from list pages before the run, by list operation.
using id_pool = std::map<talentray::operation, std::vector<std::string>>;

/// The request of call `index` of a run over `mix`: operations taken in turn, ids in turn from
/// `ids`, list pages cycling over the first `list_pages` pages of 20 rows; writes as
/// `write_request` makes them, a delete taking the next lead of `writes.created` that no other
/// delete took and updates of leads sharing the lead after those (see `leads_needed`). Returns
/// nothing when the operation needs an id and there is none.
std::optional<request_spec> request_for(const std::vector<mix_entry>& mix, const id_pool& ids, std::uint64_t index,
                                        std::int64_t list_pages, const write_context& writes = {});

}  // namespace talentray::cli::bench
