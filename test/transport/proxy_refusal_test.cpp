// A proxy that does not open the tunnel: the error names the proxy and what it said, not the API;
// it is not retried as if the API had answered; and neither the proxy's credentials nor the key
// reach the error, the logs, or (for the key) the proxy.
#include "canned_proxy.hpp"
#include "fixtures.hpp"
#include "transport/proxy.hpp"

#include "catch_result.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

const std::string proxy_password = "pr0xy-s3cret-pa55";

struct refused_call {
    error_info error;
    std::vector<std::string> proxy_saw;
    std::vector<std::string> log_lines;
};

client_options through(const canned_proxy& proxy) {
    client_options options;
    options.base_url = "https://api.talent-ray.test";  // resolved by the proxy alone: never here
    options.api_key = secret{fake_key};
    options.proxy = secret{"http://alice:" + proxy_password + "@127.0.0.1:" + std::to_string(proxy.port())};
    options.timeouts.connect = std::chrono::seconds{5};
    options.timeouts.request = std::chrono::seconds{10};
    options.budget = std::make_shared<rate_budget>();
    return options;
}

refused_call call_through(canned_proxy& proxy, client_options options) {
    log_capture logs;
    options.logger = logs.handler();
    asio::io_context io;
    client c{io.get_executor(), std::move(options)};
    auto received = run(io, c.try_send(get("/api/v1/me")));  // a GET: retried on any failure an API could cure
    REQUIRE_FALSE(received);
    return {received.error(), proxy.requests(), logs.lines};
}

std::string proxy_name(const canned_proxy& proxy) { return "proxy 127.0.0.1:" + std::to_string(proxy.port()); }

void check_secrets_kept(const refused_call& call) {
    CHECK_THAT(call.error.diag.to_string(), !Catch::Contains(proxy_password) && !Catch::Contains(fake_key));
    for (const auto& line : call.log_lines)
        CHECK_THAT(line, !Catch::Contains(proxy_password) && !Catch::Contains(fake_key));
    for (const auto& request : call.proxy_saw) CHECK_THAT(request, !Catch::Contains(fake_key));
}

}  // namespace

TEST_CASE("proxy refusal: a status other than 2xx fails once with proxy_refused naming the proxy and the status") {
    const auto [status_line, status] = GENERATE(table<std::string, std::string>({
        {"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n", "HTTP 407"},
        {"HTTP/1.1 403 Forbidden\r\n", "HTTP 403"},
        {"HTTP/1.1 502 Bad Gateway\r\n", "HTTP 502"},
    }));
    canned_proxy proxy{status_line + "Content-Length: 11\r\n\r\nnot allowed"};
    const auto call = call_through(proxy, through(proxy));

    CHECK(call.error.code == errc::proxy_refused);
    CHECK(call.error.diag.http_status == 0);  // the API never answered
    const std::string text = call.error.diag.to_string();
    CHECK_THAT(text, Catch::Contains(proxy_name(proxy)) && Catch::Contains(status) &&
                         Catch::Contains("tunnel to api.talent-ray.test:443"));
    CHECK(call.proxy_saw.size() == 1);  // not retried
    check_secrets_kept(call);
}

TEST_CASE("proxy refusal: CONNECT names the API host and port and carries the percent-decoded Basic credentials") {
    canned_proxy proxy{"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"};
    auto options = through(proxy);
    options.proxy = secret{"http://alice:p%40ss@127.0.0.1:" + std::to_string(proxy.port())};
    const auto call = call_through(proxy, std::move(options));
    REQUIRE(call.proxy_saw.size() == 1);
    const std::string& request = call.proxy_saw.front();
    CHECK(request.starts_with("CONNECT api.talent-ray.test:443 HTTP/1.1\r\n"));
    CHECK_THAT(request, Catch::Contains("Host: api.talent-ray.test:443\r\n"));
    CHECK_THAT(request, Catch::Contains("Proxy-Authorization: Basic " + detail::base64_encode("alice:p@ss") + "\r\n"));
    CHECK_THAT(request, !Catch::Contains("Authorization: Bearer"));
    CHECK_THAT(call.error.diag.to_string(), !Catch::Contains("p@ss") && !Catch::Contains("p%40ss"));
}

TEST_CASE("proxy refusal: a response that is not HTTP fails once with proxy_refused naming the proxy") {
    canned_proxy proxy{"SSH-2.0-OpenSSH_9.2\r\n\r\n"};
    const auto call = call_through(proxy, through(proxy));
    CHECK(call.error.code == errc::proxy_refused);
    CHECK_THAT(call.error.diag.to_string(), Catch::Contains(proxy_name(proxy)) && Catch::Contains("not HTTP"));
    CHECK(call.proxy_saw.size() == 1);
    check_secrets_kept(call);
}

TEST_CASE("proxy refusal: a proxy that closes without answering fails once with proxy_refused naming the proxy") {
    canned_proxy proxy{""};
    const auto call = call_through(proxy, through(proxy));
    CHECK(call.error.code == errc::proxy_refused);
    CHECK_THAT(call.error.diag.to_string(),
               Catch::Contains(proxy_name(proxy)) && Catch::Contains("closed the connection"));
    CHECK(call.proxy_saw.size() == 1);
    check_secrets_kept(call);
}

TEST_CASE("proxy refusal: a proxy that never answers CONNECT trips the connect timeout, naming the proxy") {
    canned_proxy proxy{"", canned_proxy::after_request::stay_silent};
    auto options = through(proxy);
    options.timeouts.connect = std::chrono::milliseconds{300};
    options.retry.max_attempts = 1;
    const auto call = call_through(proxy, std::move(options));
    CHECK(call.error.code == errc::connect_timeout);
    CHECK_THAT(call.error.diag.to_string(), Catch::Contains(proxy_name(proxy)) && Catch::Contains("CONNECT timed out"));
    check_secrets_kept(call);
}

TEST_CASE("proxy refusal: a host listed in no_proxy is reached directly, without the proxy") {
    canned_proxy proxy{"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"};
    test_server server{{}};
    auto options = options_for(server);
    options.base_url = "https://127.0.0.1:" + std::to_string(server.port());  // TLS fails: no certificate
    options.proxy = secret{"http://127.0.0.1:" + std::to_string(proxy.port())};
    options.no_proxy = "localhost,127.0.0.1";
    options.retry.max_attempts = 1;
    asio::io_context io;
    client c{io.get_executor(), std::move(options)};
    auto received = run(io, c.try_send(get("/api/v1/me")));
    REQUIRE_FALSE(received);
    CHECK(received.error().code != errc::proxy_refused);
    CHECK(proxy.requests().empty());
    CHECK(server.accepted() == 1);
}

TEST_CASE("proxy: a malformed proxy URL is refused when the client is built, without quoting it") {
    asio::io_context io;
    client_options options;
    options.proxy = secret{"socks5://alice:" + proxy_password + "@proxy.corp:1080"};
    try {
        client c{io.get_executor(), options};
        FAIL("accepted a socks5 proxy");
    } catch (const talentray::error& e) {
        CHECK(e.code() == errc::invalid_proxy_url);
        CHECK_THAT(std::string{e.what()}, Catch::Contains("socks5") && !Catch::Contains(proxy_password));
    }
}

TEST_CASE("from_env reads the proxy variables as curl does: lower case first") {
    ::setenv("https_proxy", "http://lower.corp:3128", 1);
    ::setenv("HTTPS_PROXY", "http://upper.corp:3128", 1);
    ::setenv("NO_PROXY", ".internal.corp", 1);
    auto both = client_options::from_env();
    ::unsetenv("https_proxy");
    auto upper_only = client_options::from_env();
    ::unsetenv("HTTPS_PROXY");
    ::unsetenv("NO_PROXY");
    CHECK(both.proxy.reveal() == "http://lower.corp:3128");
    CHECK(upper_only.proxy.reveal() == "http://upper.corp:3128");
    CHECK(both.no_proxy == ".internal.corp");
}
