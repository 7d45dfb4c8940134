// talentray/api/tests.hpp — /api/v1/tests: assessment metadata (list, get, update).
#pragma once

#include <talentray/api/call_options.hpp>
#include <talentray/error.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/params.hpp>
#include <talentray/model/test.hpp>
#include <talentray/pager.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>

namespace talentray {

class client;

/// The assessment (test) endpoints, from `client::tests()`. Only metadata: question content is
/// never returned nor writable.
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
class tests_api {
public:
    /// A handle on the test endpoints of `owner`; `client::tests()` makes the same.
    explicit tests_api(const client& owner) noexcept : client_(&owner) {}

    /// `GET /api/v1/tests` — one page of the tests the key can see, its organizations' and the
    /// platform-global ones (scope `tests:read`), filtered by `params.type`,
    /// `params.analysis_category` and `params.language` when set. Returns the page. Throws
    /// `talentray::error`: `invalid_argument` naming the bad parameter (nothing sent),
    /// `insufficient_scope`.
    boost::asio::awaitable<offset_page<test>> list_page(list_tests_params params = {}, call_options options = {}) const;
    /// As `list_page`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<offset_page<test>>> try_list_page(list_tests_params params = {},
                                                                    call_options options = {}) const;

    /// Every test the key can see, filtered as `list_page` filters, as an async generator: items
    /// one at a time (`next()`) or a page at a time (`next_page()`), starting at `params.page`,
    /// `params.page_size` rows per request, with readahead and a window of parallel page requests
    /// (`options`; bulk priority by default). Returns the pager, which sends nothing before its
    /// first `next()`; its calls fail as `list_page` does, and see `pager<T>` for cancellation,
    /// checkpoints and lists that change during the walk. Throws `talentray::error`:
    /// `invalid_argument` naming the bad parameter or option (nothing sent).
    pager<test> list(list_tests_params params = {}, pager_options options = {}) const;

    /// `GET /api/v1/tests/{id}` (scope `tests:read`). Returns the test. Throws
    /// `talentray::error`: `invalid_argument` for an empty `id` (nothing sent),
    /// `insufficient_scope`, `not_found` when it does not exist or the key cannot see it.
    boost::asio::awaitable<test> get(std::string id, call_options options = {}) const;
    /// As `get`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<test>> try_get(std::string id, call_options options = {}) const;

    /// `PATCH /api/v1/tests/{id}` (scope `tests:write`): sends only the fields set (or nulled)
    /// in `changes`. Returns the updated test. Throws `talentray::error`: `invalid_argument`
    /// for an empty `id` or a body `changes.validate()` refuses (nothing sent), `bad_request`
    /// with the server's `details`, `insufficient_scope`, `forbidden` without write authority
    /// in one of the test's organizations (platform-global tests: admins only), `not_found`.
    /// Not retried once it may have reached the server.
    boost::asio::awaitable<test> update(std::string id, test_update changes, call_options options = {}) const;
    /// As `update`, returning the failure instead of throwing it.
    boost::asio::awaitable<result<test>> try_update(std::string id, test_update changes,
                                                    call_options options = {}) const;

private:
    const client* client_;
};

}  // namespace talentray
