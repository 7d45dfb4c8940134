// talentray/api/api_keys.hpp — /api/admin/api-keys: mint, list, revoke and audit API keys.
#pragma once

#include <talentray/api/call_options.hpp>
#include <talentray/error.hpp>
#include <talentray/model/api_key.hpp>
#include <talentray/model/params.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace talentray {

class client;

/// The API-key administration endpoints, from `client::api_keys()`. They belong to the legacy
/// `/api/admin` family: the key's owner must be a platform admin (scopes play no part), a
/// refusal is `forbidden` with the server's message in `diag().api_message` (e.g.
/// "Forbidden - Admin access required"), and there are no machine error codes.
///
/// Every call comes in two forms: one throws `talentray::error` on failure, its `try_` twin
/// returns the same code and diagnostics in a `result`. Besides the codes listed with each
/// endpoint, any call may fail with `unauthorized`, `rate_limited`, `server_error`, a transport
/// code, `invalid_response` (the message names the JSON path, the diagnostics the request) or
/// `invalid_argument` for a bad `call_options::retry`. Input errors are found before sending.
///
/// Cancellation: terminal per-operation cancellation aborts the call wherever it is, which then
/// fails with `asio::error::operation_aborted`; a cancelled create or revoke may or may not
/// have taken effect.
///
/// Thread safety and lifetime: a cheap handle on its client, usable from any number of
/// coroutines at once. The client must outlive the handle; a call, once made, keeps the
/// client's internals alive until it completes, even if the client is destroyed meanwhile.
class api_keys_api {
public:
    /// A handle on the API-key endpoints of `owner`; `client::api_keys()` makes the same.
    explicit api_keys_api(const client& owner) noexcept : client_(&owner) {}

    /// `POST /api/admin/api-keys`: mints a key that acts as `request.user_id`. Returns the
    /// new key, whose `key` member holds the secret: it is shown this once and cannot be
    /// recovered. Throws `talentray::error`: `invalid_argument` for a body
    /// `request.validate()` refuses (nothing sent), `bad_request` with the server's message,
    /// `forbidden` when the owner is not an admin, `not_found` for an unknown user. Never
    /// retried once it may have reached the server (a lost response must not mint two keys).
    boost::asio::awaitable<created_api_key> create(create_api_key_request request, call_options options = {}) const;
    /// As `create`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<created_api_key>> try_create(create_api_key_request request,
                                                               call_options options = {}) const;

    /// `GET /api/admin/api-keys`: every key of the platform, unpaginated, without secrets.
    /// Returns the list. Throws `talentray::error`: `forbidden` when the owner is not an admin.
    boost::asio::awaitable<std::vector<api_key>> list(call_options options = {}) const;
    /// As `list`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<std::vector<api_key>>> try_list(call_options options = {}) const;

    /// `DELETE /api/admin/api-keys/{id}`: revokes the key permanently; requests made with it
    /// are refused from then on. Returns once the server confirmed. Throws `talentray::error`:
    /// `invalid_argument` for an empty `key_id` (nothing sent), `forbidden` when the owner is
    /// not an admin, `not_found` for an unknown key (also when a retried revoke finds it gone).
    boost::asio::awaitable<void> revoke(std::string key_id, call_options options = {}) const;
    /// As `revoke`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<void>> try_revoke(std::string key_id, call_options options = {}) const;

    /// `GET /api/admin/api-keys/{id}/usage`: one page of the key's request log, newest first,
    /// with the key's summary. For the next page, send `params.before =
    /// page.pagination.next_before`, until `page.pagination.has_more` is false. Returns the
    /// page. Throws `talentray::error`: `invalid_argument` for an empty `key_id` or a bad
    /// parameter (nothing sent), `forbidden` when the owner is not an admin, `not_found` for
    /// an unknown key.
    boost::asio::awaitable<api_key_usage> usage_page(std::string key_id, api_key_usage_params params = {},
                                                     call_options options = {}) const;
    /// As `usage_page`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<api_key_usage>> try_usage_page(std::string key_id, api_key_usage_params params = {},
                                                                 call_options options = {}) const;

    /// The key's whole request log, newest first, as an async generator that walks back in time
    /// from `params.before` (or the newest row) until `has_more` is false, `params.limit` rows per
    /// request, with readahead (`options`; bulk priority by default); rows sharing a timestamp
    /// across a page boundary are all handed out, once (see `pager<T>`). A page's `info.envelope`
    /// holds the key's summary. Returns the pager, which sends nothing before its first `next()`;
    /// its calls fail as `usage_page` does, with `pagination_stalled` should a cursor not move
    /// back in time, and with `tie_wider_than_page` should one second hold 500 rows or more;
    /// see `pager<T>` for cancellation and checkpoints. Throws `talentray::error`:
    /// `invalid_argument` for an empty `key_id` or a bad parameter or option (nothing sent).
    pager<api_key_usage_row> usage(std::string key_id, api_key_usage_params params = {},
                                   pager_options options = {}) const;

private:
    const client* client_;
};

}  // namespace talentray
