// GET /api/v1/me and what every authenticated route shares: credentials (§2.2), 401, admin role,
// per-key scopes (§3), routing errors and the INFERRED check order (§5.3).
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;
using http::verb;

TEST_CASE("me: returns the key's owner, key id and scopes (§7.8)") {
    plain_server mock;
    const reply res = mock.client.get("/api/v1/me", mock.keys().employer.key);
    REQUIRE(res.status == 200);
    CHECK(res.header("Content-Type") == "application/json");
    const json::value body = res.json();
    CHECK(body == json::parse(R"({"user":{"id":"user_employer","email":"emma.ortiz@acme.com","role":"user"},
        "auth":{"type":"api_key","keyId":"apikey_employer","scopes":["candidates:read","candidates:write",
        "roles:read","roles:write","tests:read","tests:write","sourcing:read","sourcing:write","pipeline:read",
        "cv-screening:read"]}})"));

    const json::value admin = mock.client.get("/api/v1/me", mock.keys().admin.key).json();
    CHECK(admin.at("user").at("role") == "admin");
    const json::value no_scopes = mock.client.get("/api/v1/me", mock.keys().no_scopes.key).json();
    CHECK(no_scopes.at("auth").at("scopes").as_array().empty());
}

TEST_CASE("auth: keys are 67 characters, tr_ plus 64 alphanumerics") {
    plain_server mock;
    for (const auto* key : {&mock.keys().admin, &mock.keys().employer, &mock.keys().hiring_manager,
                            &mock.keys().no_scopes, &mock.keys().read_only, &mock.keys().expired}) {
        CHECK(key->key.size() == 67);
        CHECK(key->key.rfind("tr_", 0) == 0);
        CHECK(std::all_of(key->key.begin() + 3, key->key.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }));
    }
    CHECK(mock.keys().admin.key != mock.keys().employer.key);
}

TEST_CASE("auth: Bearer and x-api-key are accepted; Authorization wins over x-api-key") {
    plain_server mock;
    const std::string good = mock.keys().employer.key;
    const std::string other = mock.keys().read_only.key;

    request_options header_only;
    header_only.headers = {{"x-api-key", good}};
    CHECK(mock.client.checked(verb::get, "/api/v1/me", header_only).status == 200);

    request_options lowercase_scheme;
    lowercase_scheme.headers = {{"Authorization", "bearer " + good}};
    CHECK(mock.client.checked(verb::get, "/api/v1/me", lowercase_scheme).status == 200);

    request_options both;
    both.key = other;
    both.headers = {{"x-api-key", good}};
    const reply res = mock.client.checked(verb::get, "/api/v1/me", both);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("auth").at("keyId") == "apikey_read_only");

    request_options bad_bearer;
    bad_bearer.key = "tr_" + std::string(64, 'x');
    bad_bearer.headers = {{"x-api-key", good}};
    CHECK(mock.client.checked(verb::get, "/api/v1/me", bad_bearer).status == 401);

    request_options basic_scheme;
    basic_scheme.headers = {{"Authorization", "Basic " + good}, {"x-api-key", good}};
    CHECK(mock.client.checked(verb::get, "/api/v1/me", basic_scheme).status == 401);
}

TEST_CASE("auth: missing, unknown and expired keys get 401 in the family's dialect; never a query key") {
    plain_server mock;
    const reply missing = mock.client.get("/api/v1/me");
    CHECK(missing.status == 401);
    CHECK(missing.json().at("error") == "unauthorized");
    CHECK(missing.json().at("message").is_string());
    CHECK(missing.header("WWW-Authenticate") == "Bearer");

    CHECK(mock.client.get("/api/v1/candidates", "tr_" + std::string(64, 'a')).status == 401);
    CHECK(mock.client.get("/api/v1/me", mock.keys().expired.key).status == 401);
    CHECK(mock.client.get("/api/v1/me?api_key=" + mock.keys().employer.key).status == 401);

    const reply legacy = mock.client.get("/api/admin/api-keys");
    CHECK(legacy.status == 401);
    CHECK(legacy.json() == json::parse(R"({"error":"Unauthorized"})"));
}

TEST_CASE("auth: admin-only endpoints refuse other owners with the legacy 403 message") {
    plain_server mock;
    for (const std::string& key : {mock.keys().employer.key, mock.keys().hiring_manager.key}) {
        const reply res = mock.client.get("/api/admin/api-keys", key);
        CHECK(res.status == 403);
        CHECK(res.json() == json::parse(R"({"error":"Forbidden - Admin access required"})"));
    }
    CHECK(mock.client.get("/api/admin/api-keys/apikey_employer/usage", mock.keys().employer.key).status == 403);
    CHECK(mock.client.checked(verb::delete_, "/api/admin/api-keys/apikey_employer", with_key(mock.keys().employer.key))
              .status == 403);
    CHECK(mock.client.checked(verb::post, "/api/admin/api-keys",
                              with_body(mock.keys().read_only.key, R"({"name":"x","userId":"user_employer"})"))
              .status == 403);
    CHECK(mock.client.get("/__mock/stats", mock.keys().employer.key).status == 403);
}

TEST_CASE("scopes: a missing scope is 403 insufficient_scope naming required and granted scopes") {
    plain_server mock;
    const reply none = mock.client.get("/api/v1/candidates", mock.keys().no_scopes.key);
    REQUIRE(none.status == 403);
    CHECK(none.json() == json::parse(R"({"error":"insufficient_scope",
        "message":"This API key is missing required scope(s): candidates:read.",
        "requiredScopes":["candidates:read"],"grantedScopes":[]})"));

    const reply read_only =
        mock.client.checked(verb::patch, "/api/v1/candidates/cand_2", with_body(mock.keys().read_only.key, R"({"status":"x"})"));
    REQUIRE(read_only.status == 403);
    const json::value body = read_only.json();
    CHECK(body.at("requiredScopes") == json::parse(R"(["candidates:write"])"));
    CHECK(body.at("grantedScopes") == json::parse(R"(["candidates:read","roles:read","tests:read","sourcing:read",
        "pipeline:read","cv-screening:read"])"));

    struct gated {
        verb method;
        std::string target, scope;
    };
    for (const gated& g : {gated{verb::get, "/api/v1/candidates/cand_2", "candidates:read"},
                           gated{verb::get, "/api/v1/candidates/cand_2/steps", "pipeline:read"},
                           gated{verb::get, "/api/v1/roles", "roles:read"},
                           gated{verb::get, "/api/v1/roles/role_eng_be", "roles:read"},
                           gated{verb::patch, "/api/v1/roles/role_eng_be", "roles:write"},
                           gated{verb::get, "/api/v1/roles/role_eng_be/steps", "pipeline:read"},
                           gated{verb::get, "/api/v1/tests", "tests:read"},
                           gated{verb::get, "/api/v1/tests/test_js", "tests:read"},
                           gated{verb::patch, "/api/v1/tests/test_js", "tests:write"},
                           gated{verb::get, "/api/v1/sourcing", "sourcing:read"},
                           gated{verb::get, "/api/v1/sourcing/pc_1", "sourcing:read"},
                           gated{verb::post, "/api/v1/sourcing", "sourcing:write"},
                           gated{verb::patch, "/api/v1/sourcing/pc_1", "sourcing:write"},
                           gated{verb::delete_, "/api/v1/sourcing/pc_1", "sourcing:write"},
                           gated{verb::get, "/api/v1/cv-screening/batches/batch_2026_06_01", "cv-screening:read"}}) {
        const reply res = mock.client.checked(g.method, g.target, with_body(mock.keys().no_scopes.key, R"({"name":"x"})"));
        INFO(g.target);
        CHECK(res.status == 403);
        CHECK(res.json().at("requiredScopes") == json::array{json::string(g.scope)});
    }
}

TEST_CASE("scopes: checked literally, a write scope does not imply the read scope") {
    plain_server mock;
    const reply created = mock.client.checked(
        verb::post, "/api/admin/api-keys",
        with_body(mock.keys().admin.key, R"({"name":"writer","userId":"user_employer","scopes":["candidates:write"]})"));
    REQUIRE(created.status == 200);
    const std::string writer = text(created.json().at("data"), "key");
    CHECK(mock.client.get("/api/v1/candidates/cand_2", writer).status == 403);
    CHECK(mock.client.checked(verb::patch, "/api/v1/candidates/cand_2", with_body(writer, R"({"status":"Active"})")).status ==
          200);
}

TEST_CASE("routing: unknown paths are 404 and wrong methods 405, in each family's dialect") {
    plain_server mock;
    const reply v1 = mock.client.get("/api/v1/nothing", mock.keys().employer.key);
    CHECK(v1.status == 404);
    CHECK(v1.json().at("error") == "not_found");
    const reply legacy = mock.client.get("/api/admin/nothing");
    CHECK(legacy.status == 404);
    CHECK(legacy.json() == json::parse(R"({"error":"Not found"})"));
    CHECK(mock.client.get("/api/v1/candidates/", mock.keys().employer.key).status == 404);

    const reply wrong = mock.client.checked(verb::put, "/api/v1/candidates/cand_1", with_key(mock.keys().employer.key));
    CHECK(wrong.status == 405);
    CHECK(wrong.header("Allow") == "GET, PATCH");
}

TEST_CASE("check order: 401, then scope, then validation, then lookup, then authority (§5.3)") {
    plain_server mock;
    const std::string bad_body = R"({"status":""})";
    // No key beats everything.
    CHECK(mock.client.checked(verb::patch, "/api/v1/candidates/cand_999999", with_body("", bad_body)).status == 401);
    // A missing scope beats a bad body.
    CHECK(mock.client.checked(verb::patch, "/api/v1/candidates/cand_999999", with_body(mock.keys().read_only.key, bad_body))
              .status == 403);
    // A bad body beats an unknown id.
    CHECK(mock.client.checked(verb::patch, "/api/v1/candidates/cand_999999", with_body(mock.keys().employer.key, bad_body))
              .status == 400);
    // An unknown id beats missing authority.
    const std::string good_body = R"({"status":"Active"})";
    const reply invisible = mock.client.checked(verb::patch, "/api/v1/roles/role_globex_eng_be",
                                                with_body(mock.keys().hiring_manager.key, good_body));
    CHECK(invisible.status == 404);
    const reply visible =
        mock.client.checked(verb::patch, "/api/v1/roles/role_eng_be", with_body(mock.keys().hiring_manager.key, good_body));
    CHECK(visible.status == 403);
    CHECK(visible.json().at("error") == "forbidden");
}

TEST_CASE("bodies: malformed JSON is 400 in both dialects; oversized bodies are refused") {
    mock::server_options options = plain_options();
    options.max_body_bytes = 1024;
    plain_server mock{options};
    const reply v1 = mock.client.checked(verb::patch, "/api/v1/candidates/cand_2", with_body(mock.keys().employer.key, "{oops"));
    CHECK(v1.status == 400);
    CHECK(v1.json().at("error") == "bad_request");
    CHECK(v1.json().at("details") == json::parse(R"(["Malformed JSON body"])"));

    const reply legacy = mock.client.checked(verb::post, "/api/admin/api-keys", with_body(mock.keys().admin.key, "[1,"));
    CHECK(legacy.status == 400);
    CHECK(legacy.json() == json::parse(R"({"error":"Malformed JSON body"})"));

    const reply array = mock.client.checked(verb::post, "/api/v1/sourcing", with_body(mock.keys().employer.key, "[]"));
    CHECK(array.status == 400);

    const reply large = mock.client.send(verb::post, "/api/v1/sourcing",
                                         with_body(mock.keys().employer.key, "\"" + std::string(4096, 'x') + "\""));
    CHECK(large.status == 413);
}
