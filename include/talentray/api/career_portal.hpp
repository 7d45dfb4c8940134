// talentray/api/career_portal.hpp — /api/public/portal: an organization's public career portal.
#pragma once

#include <talentray/api/call_options.hpp>
#include <talentray/error.hpp>
#include <talentray/model/career_portal.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>

namespace talentray {

class client;

/// The public career-portal endpoints, from `client::career_portal()`.
///
/// They need no key and are sent without credentials even when the client has one, so a client
/// built without `api_key` can call them. They are not counted against the key's rate limit.
/// Salary fields of a role are absent unless the portal's theme has `show_salary` set.
///
/// Every call comes in two forms: one throws `talentray::error` on failure, its `try_` twin
/// returns the same code and diagnostics in a `result`. Besides the codes listed with each
/// endpoint, any call may fail with `server_error` (the endpoints document 500), a transport
/// code, `invalid_response` (the message names the JSON path, the diagnostics the request) or
/// `invalid_argument` for a bad `call_options::retry`. Input errors are found before sending.
///
/// Cancellation: terminal per-operation cancellation aborts the call wherever it is, which then
/// fails with `asio::error::operation_aborted`; a cancelled application may or may not have
/// been recorded.
///
/// Thread safety and lifetime: a cheap handle on its client, usable from any number of
/// coroutines at once. The client must outlive the handle; a call, once made, keeps the
/// client's internals alive until it completes, even if the client is destroyed meanwhile.
class career_portal_api {
public:
    /// A handle on the career-portal endpoints of `owner`; `client::career_portal()` makes the same.
    explicit career_portal_api(const client& owner) noexcept : client_(&owner) {}

    /// `GET /api/public/portal/{orgSlug}`: the organization and every open public role of it,
    /// unpaginated. Returns the portal. Throws `talentray::error`: `invalid_argument` for an
    /// empty `org_slug` (nothing sent), `not_found` when the portal does not exist or is not
    /// enabled.
    boost::asio::awaitable<talentray::career_portal> portal(std::string org_slug, call_options options = {}) const;
    /// As `portal`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<talentray::career_portal>> try_portal(std::string org_slug,
                                                                        call_options options = {}) const;

    /// `GET /api/public/portal/{orgSlug}/roles/{roleId}`: one open public role with its
    /// organization. Returns the job. Throws `talentray::error`: `invalid_argument` for an
    /// empty `org_slug` or `role_id` (nothing sent), `not_found` when the portal is not
    /// enabled or the role is not (or no longer) open and public.
    boost::asio::awaitable<public_job> job(std::string org_slug, std::string role_id, call_options options = {}) const;
    /// As `job`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<public_job>> try_job(std::string org_slug, std::string role_id,
                                                       call_options options = {}) const;

    /// `POST /api/public/portal/{orgSlug}/apply`: asks for a sign-up link for
    /// `application.role_id`; the server reuses the link of an earlier identical application.
    /// Returns the invitation, whose URL the applicant should be sent to. Throws
    /// `talentray::error`: `invalid_argument` for an empty `org_slug` or a body
    /// `application.validate()` refuses (nothing sent), `bad_request` with the server's
    /// message (e.g. an unusable locale), `not_found` when the portal is not enabled or the role
    /// does not accept applications. Not retried once it may have reached the server.
    boost::asio::awaitable<invite> apply(std::string org_slug, apply_request application,
                                         call_options options = {}) const;
    /// As `apply`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<invite>> try_apply(std::string org_slug, apply_request application,
                                                     call_options options = {}) const;

private:
    const client* client_;
};

}  // namespace talentray
