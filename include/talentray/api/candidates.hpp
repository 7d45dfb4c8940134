// talentray/api/candidates.hpp — /api/v1/candidates: list, get, update, pipeline progress.
#pragma once

#include <talentray/api/call_options.hpp>
#include <talentray/error.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/params.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace talentray {

class client;

/// The candidate endpoints, from `client::candidates()`.
///
/// Every call comes in two forms: one throws `talentray::error` on failure, its `try_` twin
/// returns the same code and diagnostics in a `result`. Besides the codes listed with each
/// endpoint, any call may fail with `unauthorized`, `rate_limited`, `server_error`, a transport
/// code, `invalid_response` (the message names the JSON path, the diagnostics the request) or
/// `invalid_argument` for a bad `call_options::retry`. Input errors are found before sending.
///
/// Cancellation: terminal per-operation cancellation aborts the call wherever it is, which then
/// fails with `asio::error::operation_aborted`; a cancelled PATCH may or may not have applied.
///
/// Thread safety and lifetime: a cheap handle on its client, usable from any number of
/// coroutines at once. The client must outlive the handle; a call, once made, keeps the
/// client's internals alive until it completes, even if the client is destroyed meanwhile.
class candidates_api {
public:
    /// A handle on the candidate endpoints of `owner`; `client::candidates()` makes the same.
    explicit candidates_api(const client& owner) noexcept : client_(&owner) {}

    /// `GET /api/v1/candidates` — one page of the candidates the key can see (scope
    /// `candidates:read`), filtered by `params.role_id` when set. Pages are 0-indexed; a page
    /// past the end is empty, and `pagination.total_pages` tells where the list ends.
    /// Returns the page. Throws `talentray::error`: `invalid_argument` naming the bad parameter
    /// (nothing sent), `insufficient_scope`.
    boost::asio::awaitable<offset_page<candidate>> list_page(list_candidates_params params = {},
                                                             call_options options = {}) const;
    /// As `list_page`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<offset_page<candidate>>> try_list_page(list_candidates_params params = {},
                                                                         call_options options = {}) const;

    /// Every candidate the key can see (only those of `params.role_id` when set), as an async
    /// generator: items one at a time (`next()`) or a page at a time (`next_page()`), starting at
    /// `params.page`, `params.page_size` rows per request, with readahead and a window of parallel
    /// page requests (`options`; bulk priority by default). Returns the pager, which sends nothing
    /// before its first `next()`; its calls fail as `list_page` does, and see `pager<T>` for
    /// cancellation, checkpoints and lists that change during the walk. Throws `talentray::error`:
    /// `invalid_argument` naming the bad parameter or option (nothing sent).
    pager<candidate> list(list_candidates_params params = {}, pager_options options = {}) const;

    /// `GET /api/v1/candidates/{id}` (scope `candidates:read`). Returns the candidate.
    /// Throws `talentray::error`: `invalid_argument` for an empty `id` (nothing sent),
    /// `insufficient_scope`, `not_found` when it does not exist or the key cannot see it.
    boost::asio::awaitable<candidate> get(std::string id, call_options options = {}) const;
    /// As `get`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<candidate>> try_get(std::string id, call_options options = {}) const;

    /// `PATCH /api/v1/candidates/{id}` (scope `candidates:write`): sends only the fields set
    /// (or nulled) in `changes`. Returns the updated candidate. Throws `talentray::error`:
    /// `invalid_argument` for an empty `id` or a body `changes.validate()` refuses (nothing
    /// sent), `bad_request` with the server's `details`, `insufficient_scope`, `forbidden` when
    /// the owner lacks write authority (hiring managers are read-only), `not_found`.
    /// Not retried once it may have reached the server.
    boost::asio::awaitable<candidate> update(std::string id, candidate_update changes, call_options options = {}) const;
    /// As `update`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<candidate>> try_update(std::string id, candidate_update changes,
                                                         call_options options = {}) const;

    /// `GET /api/v1/candidates/{id}/steps` (scope `pipeline:read`): the candidate's progress in
    /// every role, ordered by role, then step order. Returns the complete list. Throws
    /// `talentray::error`: `invalid_argument` for an empty `id` (nothing sent),
    /// `insufficient_scope`, `not_found` when the candidate does not exist or is not visible.
    boost::asio::awaitable<std::vector<candidate_step>> steps(std::string id, call_options options = {}) const;
    /// As `steps`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<std::vector<candidate_step>>> try_steps(std::string id,
                                                                          call_options options = {}) const;

private:
    const client* client_;
};

}  // namespace talentray
