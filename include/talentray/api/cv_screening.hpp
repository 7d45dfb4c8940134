// talentray/api/cv_screening.hpp — /api/v1/cv-screening: the progress and members of a batch.
#pragma once

#include <talentray/api/call_options.hpp>
#include <talentray/error.hpp>
#include <talentray/model/cv_screening.hpp>
#include <talentray/model/params.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>

namespace talentray {

class client;

/// The CV-screening endpoint, from `client::cv_screening()`.
///
/// Every call comes in two forms: one throws `talentray::error` on failure, its `try_` twin
/// returns the same code and diagnostics in a `result`. Besides the codes listed with each
/// endpoint, any call may fail with `unauthorized`, `rate_limited`, `server_error`, a transport
/// code, `invalid_response` (the message names the JSON path, the diagnostics the request) or
/// `invalid_argument` for a bad `call_options::retry`. Input errors are found before sending.
///
/// Cancellation: terminal per-operation cancellation aborts the call wherever it is, which then
/// fails with `asio::error::operation_aborted`.
///
/// Thread safety and lifetime: a cheap handle on its client, usable from any number of
/// coroutines at once. The client must outlive the handle; a call, once made, keeps the
/// client's internals alive until it completes, even if the client is destroyed meanwhile.
class cv_screening_api {
public:
    /// A handle on the CV-screening endpoints of `owner`; `client::cv_screening()` makes the same.
    explicit cv_screening_api(const client& owner) noexcept : client_(&owner) {}

    /// `GET /api/v1/cv-screening/batches/{batchId}` (scope `cv-screening:read`): the batch's
    /// progress and one page of its members (`params` pages over them, 0-indexed). Only members
    /// linked to an organization the key can see are counted and returned. Poll it until
    /// `status == "completed"`. Returns the batch with the page in `members`. Throws
    /// `talentray::error`: `invalid_argument` for an empty `batch_id` or a bad parameter
    /// (nothing sent), `insufficient_scope`, `not_found` for an unknown batch or one with no
    /// visible member.
    boost::asio::awaitable<cv_screening_batch> batch(std::string batch_id, cv_screening_batch_params params = {},
                                                     call_options options = {}) const;
    /// As `batch`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<cv_screening_batch>> try_batch(std::string batch_id,
                                                                 cv_screening_batch_params params = {},
                                                                 call_options options = {}) const;

    /// Every visible member of the batch, as an async generator: items one at a time (`next()`) or
    /// a page at a time (`next_page()`, whose `info.envelope` holds the batch's `status` and counts
    /// as of that page), starting at `params.page`, `params.page_size` rows per request, with
    /// readahead (`options`; bulk priority by default). Returns the pager, which sends nothing
    /// before its first `next()`; its calls fail as `batch` does, and see `pager<T>` for
    /// cancellation, checkpoints and lists that change during the walk (a batch still processing
    /// may). Throws `talentray::error`: `invalid_argument` for an empty `batch_id` or a bad
    /// parameter or option (nothing sent).
    pager<potential_candidate> members(std::string batch_id, cv_screening_batch_params params = {},
                                       pager_options options = {}) const;

private:
    const client* client_;
};

}  // namespace talentray
