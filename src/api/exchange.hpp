// The one path every typed endpoint takes: the request formed by `wire::`, sent through the
// client (credentials, rate budget, retries, error decoding), and its 2xx response decoded.
#pragma once

#include "base/response_arena.hpp"

#include <talentray/api/call_options.hpp>
#include <talentray/error.hpp>
#include <talentray/model/json.hpp>
#include <talentray/model/legacy_envelope.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/request.hpp>
#include <talentray/response.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/json/storage_ptr.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace talentray {
class client;
}

namespace talentray::detail {

class client_impl;

/// The client's shared internals. Endpoints take them when they are called, so that a call in
/// flight keeps them alive even if the `client` object is destroyed meanwhile.
std::shared_ptr<client_impl> share_internals(const client& owner);

/// Applies the per-call overrides to a request.
void apply(const call_options& options, request_spec& spec);

/// Which request a response belongs to, for errors that arise after sending.
struct request_label {
    std::string method;  ///< "GET"
    std::string path;    ///< encoded path, no query
};

request_label label_of(const request_spec& spec);

/// Sends `spec` and returns the 2xx response, or the client's decoded failure.
/// Cancellation: the coroutine's cancellation slot reaches the transport.
boost::asio::awaitable<result<response>> send_request(std::shared_ptr<client_impl> internals, request_spec spec);

/// The body of a 2xx response as JSON, its memory taken from `storage`, or
/// `errc::invalid_response` naming the request.
result<boost::json::value> parse_response(const response& res, const request_label& request,
                                          boost::json::storage_ptr storage = {});

/// Adds the request and the status to a decoding failure, whose message already names the
/// JSON path (`data[3].roles[0].overallFitScore: expected integer, got string`).
error_info name_request(error_info failure, const request_label& request, int http_status);

/// Decodes a 2xx response as `Envelope`; on failure, the error names the field and the request.
template <json_model Envelope>
result<Envelope> decode_response(const response& res, const request_label& request) {
    response_arena arena{res.body.size()};  // declared first: outlives the document
    auto json = parse_response(res, request, arena.storage());
    if (!json) return json.error();
    auto decoded = decode<Envelope>(*json);
    if (!decoded) return name_request(std::move(decoded).error(), request, res.status);
    return decoded;
}

/// What a caller gets out of an envelope: the model itself by default, the list of a
/// `{"data": [...]}` response, and the `data` of a legacy `{"success": true, "data": ...}` response.
template <class Envelope>
struct envelope_payload {
    using type = Envelope;
    static Envelope unwrap(Envelope&& envelope) { return std::move(envelope); }
};

template <class T>
struct envelope_payload<full_list<T>> {
    using type = std::vector<T>;
    static std::vector<T> unwrap(full_list<T>&& list) { return std::move(list.data); }
};

template <class T>
struct envelope_payload<legacy_success<T>> {
    using type = T;
    static T unwrap(legacy_success<T>&& envelope) { return std::move(envelope.data); }
};

template <class Envelope>
using payload_t = typename envelope_payload<Envelope>::type;

/// Sends the request (unless forming it failed) and decodes the response as `Envelope`.
template <json_model Envelope>
boost::asio::awaitable<result<payload_t<Envelope>>> exchange(std::shared_ptr<client_impl> internals,
                                                             result<request_spec> request, call_options options) {
    if (!request) co_return request.error();
    apply(options, *request);
    const request_label label = label_of(*request);
    auto received = co_await send_request(std::move(internals), std::move(*request));
    if (!received) co_return received.error();
    auto decoded = decode_response<Envelope>(*received, label);
    if (!decoded) co_return decoded.error();
    co_return envelope_payload<Envelope>::unwrap(std::move(*decoded));
}

/// Sends the request (unless forming it failed) for an operation whose response carries nothing
/// the caller needs: any 2xx status is success, whatever the body (204, or a legacy
/// `{"success": true}`).
boost::asio::awaitable<result<void>> exchange_without_payload(std::shared_ptr<client_impl> internals,
                                                              result<request_spec> request, call_options options);

/// The throwing form of a `try_` call: its value, or `talentray::error` with its diagnostics.
template <class T>
boost::asio::awaitable<T> value_or_throw(boost::asio::awaitable<result<T>> call) {
    auto outcome = co_await std::move(call);
    co_return std::move(outcome).value();
}

boost::asio::awaitable<void> value_or_throw(boost::asio::awaitable<result<void>> call);

}  // namespace talentray::detail
