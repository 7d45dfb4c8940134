#include "api/exchange.hpp"

#include "client/client_access.hpp"
#include "client/client_impl.hpp"

#include <talentray/client.hpp>

#include <boost/beast/http/verb.hpp>
#include <boost/json/parse.hpp>

#include <memory>

namespace talentray::detail {

std::shared_ptr<client_impl> share_internals(const client& owner) { return client_access::internals(owner); }

void apply(const call_options& options, request_spec& spec) {
    spec.priority = options.priority;
    if (options.timeout) spec.timeout = options.timeout;
    if (options.retry) spec.retry = options.retry;
}

request_label label_of(const request_spec& spec) {
    return {std::string(boost::beast::http::to_string(spec.method)), spec.path};
}

boost::asio::awaitable<result<response>> send_request(std::shared_ptr<client_impl> internals, request_spec spec) {
    auto received = co_await internals->execute(std::move(spec));
    co_return received;
}

result<boost::json::value> parse_response(const response& res, const request_label& request,
                                          boost::json::storage_ptr storage) {
    boost::json::parse_options options;
    options.max_depth = 64;  // as response::json(): a hostile body must not exhaust the stack
    boost::system::error_code ec;
    auto value = boost::json::parse(res.body, ec, std::move(storage), options);
    if (!ec) return value;
    auto failure = make_error_info(errc::invalid_response, "response body is not valid JSON (" + ec.message() + ", " +
                                                               std::to_string(res.body.size()) + " bytes)");
    return name_request(std::move(failure), request, res.status);
}

error_info name_request(error_info failure, const request_label& request, int http_status) {
    failure.diag.method = request.method;
    failure.diag.path = request.path;
    failure.diag.http_status = http_status;
    failure.diag.client_message = "the response does not have the documented shape: " + failure.diag.client_message;
    return failure;
}

boost::asio::awaitable<result<void>> exchange_without_payload(std::shared_ptr<client_impl> internals,
                                                              result<request_spec> request, call_options options) {
    if (!request) co_return request.error();
    apply(options, *request);
    auto received = co_await send_request(std::move(internals), std::move(*request));
    if (!received) co_return received.error();
    co_return result<void>{};
}

boost::asio::awaitable<void> value_or_throw(boost::asio::awaitable<result<void>> call) {
    auto outcome = co_await std::move(call);
    outcome.value();
}

}  // namespace talentray::detail
