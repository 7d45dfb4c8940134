// talentray behind a proxy that refuses the tunnel: the exit status is the network one, the
// report names the proxy and its status, and the proxy's password (taken from HTTPS_PROXY) is
// printed nowhere, not even with --verbose.
#include "cli_fixture.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace cli_test;
using talentray::testing::reply;
using talentray::testing::seen_request;
using talentray::testing::test_server;

TEST_CASE("proxy: a 407 from the proxy exits with the network status, names the proxy, prints no credentials") {
    const std::string password = "cli-pr0xy-pa55word";
    const test_server proxy{{}, [](const seen_request&) {
                                reply refusal;
                                refusal.status = 407;
                                refusal.headers = {{"Proxy-Authenticate", "Basic realm=\"corp\""}};
                                refusal.body = "denied";
                                return refusal;
                            }};
    const std::string proxy_url = "http://alice:" + password + "@127.0.0.1:" + std::to_string(proxy.port());
    const outcome result = run(talentray_program(), {"--verbose", "--base-url", "https://api.talent-ray.test", "me"},
                               {{"TALENTRAY_API_KEY", "tr_" + std::string(64, 'c')}, {"HTTPS_PROXY", proxy_url}});
    INFO("stderr: " << result.err);
    CHECK(result.exit_status == 8);
    CHECK_THAT(result.err, Catch::Contains("proxy 127.0.0.1:" + std::to_string(proxy.port())) &&
                               Catch::Contains("HTTP 407"));
    CHECK(result.err.find(password) == std::string::npos);
    CHECK(result.out.find(password) == std::string::npos);
    REQUIRE(proxy.requests().size() == 1);
    CHECK(proxy.requests().front().method == "CONNECT");
    CHECK(proxy.requests().front().target == "api.talent-ray.test:443");
}
