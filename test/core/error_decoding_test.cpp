// Server text in error diagnostics: bounded, printable and still valid UTF-8 after the cut.
#include "client/error_decoding.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace tr = talentray;

TEST_CASE("a message cut to 1 KiB is not cut inside a UTF-8 character") {
    // Found by fuzz_error_decoding: 1 ASCII byte then 700 two-byte characters put the 1 KiB
    // boundary in the middle of one.
    std::string message = "x";
    for (int i = 0; i < 700; ++i) message += "é";
    tr::response res;
    res.status = 500;
    res.body = R"({"error":"internal_error","message":")" + message + R"("})";
    const tr::error_info info = tr::detail::decode_error_response(res, "GET", "/api/v1/me");
    const std::string& kept = info.diag.api_message;
    REQUIRE(kept.ends_with("…"));
    CHECK(kept == message.substr(0, 1023) + "…");  // the last whole character ends at byte 1023
    CHECK(info.code == tr::errc::server_error);
}

TEST_CASE("a message that fits is kept whole, control characters blanked") {
    tr::response res;
    res.status = 400;
    res.body = R"({"error":"bad_request","message":"line\nbreak é"})";
    const tr::error_info info = tr::detail::decode_error_response(res, "GET", "/api/v1/me");
    CHECK(info.diag.api_message == "line break é");
}

TEST_CASE("a body nested far too deep is described, not parsed") {
    tr::response res;
    res.status = 502;
    res.body = std::string(100'000, '[') + std::string(100'000, ']');
    const tr::error_info info = tr::detail::decode_error_response(res, "GET", "/api/v1/me");
    CHECK(info.code == tr::errc::server_error);
    CHECK(info.diag.api_message.empty());
    CHECK(info.diag.client_message.find("not a JSON object") != std::string::npos);
}

TEST_CASE("a Retry-After date is read against the response's Date, whatever the local clock says") {
    // Both dates lie in 2020, long before the local clock: measured against it, the wait would
    // be zero and the retry would go out at once; against the server's Date it is 30 s.
    tr::response res;
    res.status = 429;
    res.headers = {{"Date", "Wed, 01 Jan 2020 00:00:00 GMT"}, {"Retry-After", "Wed, 01 Jan 2020 00:00:30 GMT"}};
    res.body = R"({"error":"rate_limited","message":"slow down"})";
    const tr::error_info info = tr::detail::decode_error_response(res, "GET", "/api/v1/me");
    REQUIRE(info.diag.retry_after);
    CHECK(*info.diag.retry_after == std::chrono::seconds{30});
}
