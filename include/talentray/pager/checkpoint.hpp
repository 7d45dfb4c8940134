// talentray/pager/checkpoint.hpp — where a list walk stands, as a small serialisable token.
#pragma once

#include <talentray/error.hpp>
#include <talentray/model/url.hpp>
#include <talentray/pager/options.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talentray {

/// Where a reconciling offset walk stands in the list's own terms (see `pager_options::strict`):
/// what lets a walk rebuilt from a checkpoint keep its promise when the list changed meanwhile.
struct reconcile_state {
    std::optional<std::string> after_id;  ///< the last row handed out
    std::optional<std::string> after_created_at;  ///< its createdAt (ISO 8601), if it had one
    std::int64_t position = -1;           ///< the last row passed, as positioned when it was read
    std::string order;                    ///< "newest-first", "oldest-first", "unordered" or "" (not known yet)
    bool live = false;                    ///< the walk had seen the list change
    std::vector<std::string> recent_ids;  ///< ids of the last rows handed out (at most a page, or 32)
    std::uint64_t handed_out = 0;         ///< rows handed out so far

    friend bool operator==(const reconcile_state&, const reconcile_state&) = default;
};

/// The position of a pager, row-exact: the page to read next and how many of its rows were
/// already handed out (offset), or the page to read next and the rows of its newest second
/// already handed out (cursor). A pager rebuilt from it (`pager<T>::from_checkpoint`) yields exactly the
/// rows the original had not yet yielded, provided the list did not change in between (an
/// offset checkpoint carries the list's `totalCount` so that a change is reported, see
/// `pager<T>`).
///
/// The text form is a JSON object, e.g.
/// `{"version":1,"style":"offset","path":"/api/v1/candidates","filters":[["roleId","role_eng_be"]],
///   "pageSize":100,"page":12,"skip":37,"totalCount":50000,
///   "reconcile":{"afterId":"cand_1237","afterCreatedAt":"2026-05-01T10:00:00Z","position":1236,
///                "order":"newest-first","live":false,"recentIds":["cand_1200",...],"handedOut":1237}}`
/// or, for the usage log,
/// `{"version":1,"style":"cursor","path":"/api/admin/api-keys/apikey_1/usage","filters":[],
///   "limit":500,"before":"2026-06-04T15:20:01Z","skip":0,"boundaryAt":"2026-06-04T15:20:00Z",
///   "boundaryIds":["usage_2041","usage_2040"]}`.
/// It holds no credential, only the path and filter values of the list.
struct pager_checkpoint {
    pagination_style style = pagination_style::offset;
    std::string path;          ///< percent-encoded request path, e.g. "/api/v1/candidates"
    query_params filters;      ///< the list's filters, without the paging parameters
    int page_size = 0;         ///< offset: `pageSize` (1..100); cursor: `limit` (1..500)
    std::int64_t page = 0;     ///< offset: the page to read next
    /// Cursor: the `before` of the page to read next, as the server wrote it; empty: the newest page.
    std::optional<std::string> before;
    std::int64_t skip = 0;     ///< rows of that page already handed out, 0..page_size
    /// Cursor: the timestamp of the oldest row handed out, and the ids of the rows handed out at
    /// exactly that timestamp (at most 1,000). The page at `before` may hold more
    /// rows of that second; these are the ones it must not hand out again. Empty before any row.
    std::optional<std::string> boundary_at;
    std::vector<std::string> boundary_ids;
    /// Offset: the list's `totalCount` when the checkpoint was taken, if it was known.
    std::optional<std::int64_t> total_count;
    bool done = false;         ///< the walk had reached the end of the list
    /// Offset lists read with reconciliation: its state (absent from strict walks' checkpoints).
    std::optional<reconcile_state> reconcile;

    /// The JSON object above, for embedding the checkpoint in a document of one's own (as the
    /// CLI's export checkpoint does). Throws only `std::bad_alloc`.
    boost::json::object to_json() const;

    /// Reads the JSON object `to_json` makes. Returns the checkpoint, or `errc::invalid_argument`
    /// naming what is wrong (not an object, unknown version or style, a missing or out-of-range
    /// member, a `before` that is not a timestamp, a filter that is a paging parameter,
    /// `boundaryIds` without `boundaryAt` or longer than 1,000). Unknown members are ignored.
    /// Throws only `std::bad_alloc`.
    static result<pager_checkpoint> from_json(const boost::json::value& value);

    /// The JSON text above (`to_json()` serialised). Throws only `std::bad_alloc`.
    std::string to_string() const;

    /// Parses the text form: as `from_json`, and `errc::invalid_argument` for text that is not
    /// JSON. Throws only `std::bad_alloc`.
    static result<pager_checkpoint> parse(std::string_view text);

    friend bool operator==(const pager_checkpoint&, const pager_checkpoint&) = default;
};

}  // namespace talentray
