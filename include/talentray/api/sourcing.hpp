// talentray/api/sourcing.hpp — /api/v1/sourcing: potential candidates (leads) and their life cycle.
#pragma once

#include <talentray/api/call_options.hpp>
#include <talentray/error.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/params.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>

namespace talentray {

class client;

/// The sourcing endpoints, from `client::sourcing()`: leads that exist before anyone creates a
/// candidate account for them.
///
/// Every call comes in two forms: one throws `talentray::error` on failure, its `try_` twin
/// returns the same code and diagnostics in a `result`. Besides the codes listed with each
/// endpoint, any call may fail with `unauthorized`, `rate_limited`, `server_error`, a transport
/// code, `invalid_response` (the message names the JSON path, the diagnostics the request) or
/// `invalid_argument` for a bad `call_options::retry`. Input errors are found before sending.
///
/// Cancellation: terminal per-operation cancellation aborts the call wherever it is, which then
/// fails with `asio::error::operation_aborted`; a cancelled write may or may not have applied.
///
/// Thread safety and lifetime: a cheap handle on its client, usable from any number of
/// coroutines at once. The client must outlive the handle; a call, once made, keeps the
/// client's internals alive until it completes, even if the client is destroyed meanwhile.
class sourcing_api {
public:
    /// A handle on the sourcing endpoints of `owner`; `client::sourcing()` makes the same.
    explicit sourcing_api(const client& owner) noexcept : client_(&owner) {}

    /// `GET /api/v1/sourcing` — one page of the leads linked to an organization the key can see
    /// (scope `sourcing:read`), filtered by `params.role_id` and `params.status` when set.
    /// Returns the page. Throws `talentray::error`: `invalid_argument` naming the bad
    /// parameter (nothing sent), `insufficient_scope`.
    boost::asio::awaitable<offset_page<potential_candidate>> list_page(list_potential_candidates_params params = {},
                                                                       call_options options = {}) const;
    /// As `list_page`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<offset_page<potential_candidate>>> try_list_page(
        list_potential_candidates_params params = {}, call_options options = {}) const;

    /// Every lead the key can see, filtered as `list_page` filters, as an async generator: items
    /// one at a time (`next()`) or a page at a time (`next_page()`), starting at `params.page`,
    /// `params.page_size` rows per request, with readahead and a window of parallel page requests
    /// (`options`; bulk priority by default). Returns the pager, which sends nothing before its
    /// first `next()`; its calls fail as `list_page` does, and see `pager<T>` for cancellation,
    /// checkpoints and lists that change during the walk. Throws `talentray::error`:
    /// `invalid_argument` naming the bad parameter or option (nothing sent).
    pager<potential_candidate> list(list_potential_candidates_params params = {}, pager_options options = {}) const;

    /// `GET /api/v1/sourcing/{id}` (scope `sourcing:read`). Returns the lead. Throws
    /// `talentray::error`: `invalid_argument` for an empty `id` (nothing sent),
    /// `insufficient_scope`, `not_found` when it does not exist or the key cannot see it.
    boost::asio::awaitable<potential_candidate> get(std::string id, call_options options = {}) const;
    /// As `get`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<potential_candidate>> try_get(std::string id, call_options options = {}) const;

    /// `POST /api/v1/sourcing` (scope `sourcing:write`): creates a lead in
    /// `lead.organization_id`. Returns the new lead (the server answers 201). Throws
    /// `talentray::error`: `invalid_argument` for a body `lead.validate()` refuses (nothing
    /// sent), `bad_request` with the server's `details` (also for an unknown organization),
    /// `insufficient_scope`, `forbidden` without write authority in that organization.
    /// Never retried once it may have reached the server, so a lost response cannot create the
    /// lead twice; after a transport failure, look the lead up before creating it again.
    boost::asio::awaitable<potential_candidate> create(potential_candidate_create lead,
                                                       call_options options = {}) const;
    /// As `create`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<potential_candidate>> try_create(potential_candidate_create lead,
                                                                   call_options options = {}) const;

    /// `PATCH /api/v1/sourcing/{id}` (scope `sourcing:write`): sends only the fields set (or
    /// nulled) in `changes`; `skills`, when set, replaces the whole list. Returns the updated
    /// lead. Throws `talentray::error`: `invalid_argument` for an empty `id` or a body
    /// `changes.validate()` refuses (nothing sent), `bad_request` with the server's
    /// `details`, `insufficient_scope`, `forbidden` without write authority in one of the
    /// lead's organizations, `not_found`. Not retried once it may have reached the server.
    boost::asio::awaitable<potential_candidate> update(std::string id, potential_candidate_update changes,
                                                       call_options options = {}) const;
    /// As `update`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<potential_candidate>> try_update(std::string id, potential_candidate_update changes,
                                                                   call_options options = {}) const;

    /// `DELETE /api/v1/sourcing/{id}` (scope `sourcing:write`): deletes the lead with its
    /// organization and role links, permanently. Returns once the server confirmed (204).
    /// Throws `talentray::error`: `invalid_argument` for an empty `id` (nothing sent),
    /// `insufficient_scope`, `forbidden` without write authority, `not_found` (also when
    /// a retried DELETE finds the lead already gone).
    boost::asio::awaitable<void> remove(std::string id, call_options options = {}) const;
    /// As `remove`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<void>> try_remove(std::string id, call_options options = {}) const;

private:
    const client* client_;
};

}  // namespace talentray
