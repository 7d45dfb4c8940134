// The key, whole, as a Bearer header or in long pieces, never survives redaction.
#include "base/key_redaction.hpp"

#include <catch2/catch.hpp>

#include <string>

using talentray::detail::key_redactor;
namespace tr = talentray;

namespace {

const std::string key = "tr_4f9c2a7be1d03c58a6f2e9b7d41c0a3e5b8f7d2c9a6e1b4f0c3d8a7e2b5f9c1d6";

}  // namespace

TEST_CASE("key redaction: the key and its Bearer form are replaced, the text around them kept") {
    const key_redactor redactor{tr::secret{key}};
    CHECK(redactor.redact("invalid key " + key + "!") == "invalid key [redacted]!");
    CHECK(redactor.redact("Authorization: Bearer " + key) == "Authorization: Bearer [redacted]");
    CHECK(redactor.redact(key + key) == "[redacted]");
    CHECK(redactor.redact("nothing secret here") == "nothing secret here");
}

TEST_CASE("key redaction: any run of 16 characters of the key is replaced, a shorter one is kept") {
    const key_redactor redactor{tr::secret{key}};
    const std::string fragment = key.substr(20, 16);
    CHECK(redactor.redact("x" + fragment + "y") == "x[redacted]y");
    CHECK(redactor.redact(key.substr(40) + "|" + key.substr(0, 30)) == "[redacted]|[redacted]");
    const std::string short_piece = key.substr(20, 15);
    CHECK(redactor.redact("x" + short_piece + "y") == "x" + short_piece + "y");
    CHECK(redactor.redact("tr_") == "tr_");  // the public prefix alone is no secret
}

TEST_CASE("key redaction: a key shorter than 16 characters is matched whole") {
    const key_redactor redactor{tr::secret{"tr_short"}};
    CHECK(redactor.redact("key tr_short was refused") == "key [redacted] was refused");
    CHECK(redactor.redact("key tr_shor was refused") == "key tr_shor was refused");
}

TEST_CASE("key redaction: no key, nothing redacted") {
    const key_redactor redactor;
    std::string text = key;
    redactor.redact_in_place(text);
    CHECK(text == key);
}

TEST_CASE("key redaction: every text field of the diagnostics is redacted") {
    const key_redactor redactor{tr::secret{key}};
    tr::diagnostics diag;
    diag.api_code = key;
    diag.api_message = "Bearer " + key;
    diag.details = {"field " + key.substr(3, 20)};
    diag.required_scopes = {"candidates:read", key};
    diag.granted_scopes = {key.substr(10, 40)};
    diag.method = "GET";
    diag.path = "/api/v1/x/" + key;
    diag.location = "https://evil.example/?k=" + key;
    diag.client_message = "echo " + key;
    redactor.redact_in_place(diag);
    CHECK(diag.api_code == "[redacted]");
    CHECK(diag.api_message == "Bearer [redacted]");
    CHECK(diag.details == std::vector<std::string>{"field [redacted]"});
    CHECK(diag.required_scopes == std::vector<std::string>{"candidates:read", "[redacted]"});
    CHECK(diag.granted_scopes == std::vector<std::string>{"[redacted]"});
    CHECK(diag.method == "GET");
    CHECK(diag.path == "/api/v1/x/[redacted]");
    CHECK(diag.location == "https://evil.example/?k=[redacted]");
    CHECK(diag.client_message == "echo [redacted]");
    CHECK(diag.to_string().find(key.substr(30, 16)) == std::string::npos);
}

TEST_CASE("key redaction: the proxy's credentials are replaced like the key, each form of them") {
    const key_redactor redactor{tr::secret{key}, {tr::secret{"pr0xy-pa55"}, tr::secret{"alice:pr0xy-pa55"},
                                                  tr::secret{"YWxpY2U6cHIweHktcGE1NQ=="}}};
    CHECK(redactor.redact("proxy said: bad password pr0xy-pa55") == "proxy said: bad password [redacted]");
    CHECK(redactor.redact("Proxy-Authorization: Basic YWxpY2U6cHIweHktcGE1NQ==") ==
          "Proxy-Authorization: Basic [redacted]");
    CHECK(redactor.redact("key " + key + " user alice:pr0xy-pa55") == "key [redacted] user [redacted]");
    CHECK(redactor.redact("user alice alone") == "user alice alone");
}

TEST_CASE("key redaction: without a key, the proxy's credentials are still replaced") {
    const key_redactor redactor{tr::secret{}, {tr::secret{"hunter2"}}};
    CHECK(redactor.redact("password hunter2 refused") == "password [redacted] refused");
}
