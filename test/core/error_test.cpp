#include <talentray/error.hpp>

#include <catch2/catch.hpp>

namespace tr = talentray;

TEST_CASE("errc converts to an error_code in the talentray category") {
    boost::system::error_code ec = tr::errc::not_found;
    CHECK(ec.category().name() == std::string{"talentray"});
    CHECK(ec.message() == "not found (404)");
    CHECK(ec == tr::errc::not_found);
}

TEST_CASE("HTTP statuses map to codes, 403 split by the API code") {
    CHECK(tr::errc_from_status(400, "bad_request") == tr::errc::bad_request);
    CHECK(tr::errc_from_status(403, "insufficient_scope") == tr::errc::insufficient_scope);
    CHECK(tr::errc_from_status(403, "forbidden") == tr::errc::forbidden);
    CHECK(tr::errc_from_status(403, "") == tr::errc::forbidden);
    CHECK(tr::errc_from_status(404, "") == tr::errc::not_found);
    CHECK(tr::errc_from_status(429, "") == tr::errc::rate_limited);
    CHECK(tr::errc_from_status(302, "") == tr::errc::redirect_not_followed);
    CHECK(tr::errc_from_status(503, "") == tr::errc::server_error);
    CHECK(tr::errc_from_status(418, "") == tr::errc::unexpected_status);
}

TEST_CASE("what() carries method, path, status, code and scopes") {
    tr::diagnostics d;
    d.http_status = 403;
    d.api_code = "insufficient_scope";
    d.api_message = "This API key is missing required scope(s): candidates:read.";
    d.required_scopes = {"candidates:read"};
    d.granted_scopes = {"roles:read"};
    d.method = "GET";
    d.path = "/api/v1/candidates";
    tr::error e{tr::errc::insufficient_scope, d};
    std::string what = e.what();
    CHECK(what.find("GET /api/v1/candidates") != std::string::npos);
    CHECK(what.find("HTTP 403 insufficient_scope") != std::string::npos);
    CHECK(what.find("required scopes: candidates:read") != std::string::npos);
    CHECK(what.find("granted scopes: roles:read") != std::string::npos);
    CHECK(e.code() == tr::errc::insufficient_scope);
    CHECK(e.diag().granted_scopes == std::vector<std::string>{"roles:read"});
}

TEST_CASE("result<T> throws talentray::error with the diagnostics") {
    tr::result<int> ok = 7;
    CHECK(ok.value() == 7);
    tr::result<int> failed = tr::make_error_info(tr::errc::invalid_argument, "page_size must be 1..100");
    REQUIRE_FALSE(failed.has_value());
    try {
        (void)failed.value();
        FAIL("value() did not throw");
    } catch (const tr::error& e) {
        CHECK(e.code() == tr::errc::invalid_argument);
        CHECK(std::string{e.what()}.find("page_size must be 1..100") != std::string::npos);
    }
}
