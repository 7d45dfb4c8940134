// How the typed endpoints read a 2xx response, without a network: envelopes are unwrapped, and a
// body that is not the documented shape fails with an error naming both the JSON path and the
// request it answered.
#include "api/exchange.hpp"

#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/me.hpp>

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace tr = talentray;
namespace detail = talentray::detail;
namespace asio = boost::asio;

namespace {

tr::response response_with(int status, std::string body) {
    tr::response r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = std::move(body);
    return r;
}

const detail::request_label list_candidates{"GET", "/api/v1/candidates"};

const std::string candidate_json = R"({"id":"cand_1","fullName":"Jane Doe","email":"jane@example.com",
    "phone":"+905551112233","status":"Active","createdAt":"2026-06-01T10:00:00Z",
    "updatedAt":"2026-06-02T08:00:00Z","roles":[{"roleId":"role_eng_be","roleName":"Senior Backend Engineer",
    "organizationId":"org_acme","status":"In Pipeline","overallFitScore":82,"approved":false}]})";

}  // namespace

TEST_CASE("a shape mismatch names the JSON path and the request") {
    const auto page = response_with(200, R"({"data":[)" + candidate_json + R"(,{"id":"cand_2"}],
        "pagination":{"page":0,"pageSize":20,"totalCount":2,"totalPages":1}})");
    const auto decoded = detail::decode_response<tr::offset_page<tr::candidate>>(page, list_candidates);
    REQUIRE_FALSE(decoded);
    const tr::error_info& failure = decoded.error();
    CHECK(failure.code == tr::errc::invalid_response);
    CHECK(failure.diag.method == "GET");
    CHECK(failure.diag.path == "/api/v1/candidates");
    CHECK(failure.diag.http_status == 200);
    CHECK_THAT(failure.diag.client_message, Catch::Contains("data[1].fullName"));
    // What an exception's what() and a log line show: the request, then the field.
    const std::string line = failure.diag.to_string();
    CHECK_THAT(line, Catch::StartsWith("GET /api/v1/candidates: "));
    CHECK_THAT(line, Catch::Contains("data[1].fullName"));
}

TEST_CASE("a body that is not JSON names the request") {
    const detail::request_label get_me{"GET", "/api/v1/me"};
    const auto decoded = detail::decode_response<tr::me>(response_with(200, "<html>maintenance</html>"), get_me);
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().code == tr::errc::invalid_response);
    CHECK(decoded.error().diag.method == "GET");
    CHECK(decoded.error().diag.path == "/api/v1/me");
    CHECK_THAT(decoded.error().diag.client_message, Catch::Contains("not valid JSON"));
}

TEST_CASE("a legacy response must say success") {
    const detail::request_label list_keys{"GET", "/api/admin/api-keys"};
    const auto refused = detail::decode_response<tr::legacy_success<std::vector<tr::api_key>>>(
        response_with(200, R"({"success":false,"data":[]})"), list_keys);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_response);
    CHECK(refused.error().diag.path == "/api/admin/api-keys");

    const auto empty = detail::decode_response<tr::legacy_success<std::vector<tr::api_key>>>(
        response_with(200, R"({"success":true,"data":[]})"), list_keys);
    REQUIRE(empty);
    CHECK(empty->data.empty());
}

TEST_CASE("envelopes hand their payload to the caller") {
    STATIC_REQUIRE(
        std::is_same_v<detail::payload_t<tr::full_list<tr::candidate_step>>, std::vector<tr::candidate_step>>);
    STATIC_REQUIRE(std::is_same_v<detail::payload_t<tr::legacy_success<tr::created_api_key>>, tr::created_api_key>);
    STATIC_REQUIRE(std::is_same_v<detail::payload_t<tr::offset_page<tr::candidate>>, tr::offset_page<tr::candidate>>);
    STATIC_REQUIRE(std::is_same_v<detail::payload_t<tr::me>, tr::me>);

    tr::full_list<tr::candidate_step> steps;
    steps.data.resize(3);
    CHECK(detail::envelope_payload<tr::full_list<tr::candidate_step>>::unwrap(std::move(steps)).size() == 3);
}

TEST_CASE("call options reach the request") {
    tr::request_spec spec;
    detail::apply({}, spec);
    CHECK(spec.priority == tr::priority::interactive);
    CHECK_FALSE(spec.timeout);
    CHECK_FALSE(spec.retry);

    tr::call_options options;
    options.priority = tr::priority::bulk;
    options.timeout = std::chrono::milliseconds{250};
    options.retry = tr::retry_options{};
    options.retry->max_attempts = 1;
    detail::apply(options, spec);
    CHECK(spec.priority == tr::priority::bulk);
    CHECK(spec.timeout == std::chrono::milliseconds{250});
    REQUIRE(spec.retry);
    CHECK(spec.retry->max_attempts == 1);
}

TEST_CASE("a request that could not be formed is never sent") {
    // No client at all: the exchange must fail before it would need one.
    asio::io_context io;
    auto refused = tr::make_error_info(tr::errc::invalid_argument, "path parameter \"id\" must not be empty");
    auto done = asio::co_spawn(io, detail::exchange<tr::candidate>(nullptr, tr::result<tr::request_spec>{refused}, {}),
                               asio::use_future);
    auto nothing = asio::co_spawn(
        io, detail::exchange_without_payload(nullptr, tr::result<tr::request_spec>{refused}, {}), asio::use_future);
    io.run();
    const auto outcome = done.get();
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == tr::errc::invalid_argument);
    const auto no_response = nothing.get();
    REQUIRE_FALSE(no_response);
    CHECK(no_response.error().code == tr::errc::invalid_argument);
}
