// /api/admin/api-keys: create, list, revoke, usage (§7.1-7.4), legacy dialect, admin only.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

#include <talentray/model/timestamp.hpp>

#include <map>
#include <set>

using namespace mock_test;
using http::verb;

namespace {

reply create_key(plain_server& mock, const std::string& body) {
    return mock.client.checked(verb::post, "/api/admin/api-keys", with_body(mock.keys().admin.key, body));
}

json::value usage_page(plain_server& mock, const std::string& key_id, const std::string& query) {
    const reply res = mock.client.get("/api/admin/api-keys/" + key_id + "/usage" + query, mock.keys().admin.key);
    REQUIRE(res.status == 200);
    const json::value body = res.json();
    REQUIRE(body.at("success") == true);
    return body.at("data");
}

}  // namespace

TEST_CASE("create key: 200 with the only copy of the plaintext key, which then works (§7.1)") {
    plain_server mock;
    const reply res = create_key(mock, R"({"name":"Karaca SAP nightly sync","userId":"user_employer","expiresInDays":30,
        "scopes":["roles:read"]})");
    REQUIRE(res.status == 200);
    const json::value body = res.json();
    CHECK(body.at("success") == true);
    const json::value& data = body.at("data");
    CHECK(keys_of(data) == std::vector<std::string>{"id", "name", "key", "prefix", "start", "expiresAt", "userId"});
    const std::string key = text(data, "key");
    CHECK(key.size() == 67);
    CHECK(text(data, "prefix") == "tr_");
    CHECK(text(data, "start") == key.substr(0, 7));
    CHECK(text(data, "userId") == "user_employer");
    CHECK(text(data, "name") == "Karaca SAP nightly sync");
    CHECK(text(data, "id").rfind("apikey_", 0) == 0);

    const json::value me = mock.client.get("/api/v1/me", key).json();
    CHECK(me.at("auth").at("keyId") == data.at("id"));
    CHECK(me.at("auth").at("scopes") == json::parse(R"(["roles:read"])"));
    CHECK(mock.client.get("/api/v1/roles", key).status == 200);
    CHECK(mock.client.get("/api/v1/candidates", key).status == 403);
    CHECK(mock.server.stats().executions("POST /api/admin/api-keys") == 1);
}

TEST_CASE("create key: validation messages, unknown user 404 (§7.1)") {
    plain_server mock;
    struct invalid {
        std::string body, message;
    };
    for (const invalid& c : {invalid{R"({"userId":"user_employer"})", "Name is required"},
                             invalid{R"({"name":"","userId":"user_employer"})", "Name is required"},
                             invalid{R"({"name":7,"userId":"user_employer"})", "Name is required"},
                             invalid{R"({"name":"x"})", "userId is required"},
                             invalid{R"({"name":"x","userId":"user_employer","expiresInDays":0})",
                                     "expiresInDays must be an integer between 1 and 365"},
                             invalid{R"({"name":"x","userId":"user_employer","expiresInDays":366})",
                                     "expiresInDays must be an integer between 1 and 365"},
                             invalid{R"({"name":"x","userId":"user_employer","expiresInDays":"9"})",
                                     "expiresInDays must be an integer between 1 and 365"},
                             invalid{R"({"name":"x","userId":"user_employer","scopes":["admin:*"]})",
                                     "Unknown scope: admin:*"},
                             invalid{R"({"name":"x","userId":"user_employer","scopes":"roles:read"})",
                                     "scopes must be an array of strings"},
                             invalid{"{\"name\":\"" + std::string(256, 'n') + "\",\"userId\":\"user_employer\"}",
                                     "Name must be at most 255 characters"}}) {
        const reply res = create_key(mock, c.body);
        INFO(c.body);
        CHECK(res.status == 400);
        CHECK(res.json() == json::object{{"error", c.message}});
    }
    const reply unknown = create_key(mock, R"({"name":"x","userId":"user_nobody"})");
    CHECK(unknown.status == 404);
    CHECK(unknown.json() == json::parse(R"({"error":"User not found"})"));
    CHECK(mock.server.stats().executions("POST /api/admin/api-keys") == 0);
}

TEST_CASE("list keys: every live key with its owner, never the secret (§7.2)") {
    plain_server mock;
    const reply res = mock.client.get("/api/admin/api-keys", mock.keys().admin.key);
    REQUIRE(res.status == 200);
    const json::value body = res.json();
    CHECK(body.at("success") == true);
    const json::array& keys = body.at("data").as_array();
    CHECK(keys.size() == 6);
    for (const json::value& key : keys) {
        CHECK(keys_of(key) == std::vector<std::string>{"id", "name", "prefix", "start", "enabled", "createdAt", "updatedAt",
                                                       "lastRequest", "expiresAt", "requestCount", "owner"});
        CHECK(keys_of(key.at("owner")) ==
              std::vector<std::string>{"id", "email", "name", "platformRole", "orgRole", "organizationId"});
        CHECK(key.at("enabled") == true);
        CHECK(text(key, "start").size() == 7);
    }
    CHECK(res.body.find(mock.keys().employer.key) == std::string::npos);
    const json::value& admin = keys[0];
    CHECK(admin.at("owner") == json::parse(R"({"id":"user_admin","email":"admin@company.com","name":"Admin User",
        "platformRole":"admin","orgRole":null,"organizationId":null})"));
    CHECK(keys[1].at("requestCount") == 3000);
    CHECK(keys[1].at("owner").at("orgRole") == "owner");
}

TEST_CASE("revoke key: 200 {success:true}; the key stops working and disappears (§7.3)") {
    plain_server mock;
    const std::string key = text(create_key(mock, R"({"name":"temp","userId":"user_employer"})").json().at("data"), "key");
    const std::string id = text(mock.client.get("/api/v1/me", key).json().at("auth"), "keyId");

    const reply revoked = mock.client.checked(verb::delete_, "/api/admin/api-keys/" + id, with_key(mock.keys().admin.key));
    CHECK(revoked.status == 200);
    CHECK(revoked.json() == json::parse(R"({"success":true})"));
    CHECK(mock.client.get("/api/v1/me", key).status == 401);

    const reply again = mock.client.checked(verb::delete_, "/api/admin/api-keys/" + id, with_key(mock.keys().admin.key));
    CHECK(again.status == 404);
    CHECK(again.json() == json::parse(R"({"error":"API key not found"})"));
    CHECK(mock.client.get("/api/admin/api-keys", mock.keys().admin.key).json().at("data").as_array().size() == 6);
    CHECK(mock.client.get("/api/admin/api-keys/" + id + "/usage", mock.keys().admin.key).status == 404);
    CHECK(mock.server.stats().executions("DELETE /api/admin/api-keys/{id}") == 1);
}

TEST_CASE("usage: newest first; each authenticated request adds a row (§7.4)") {
    plain_server mock;
    mock.client.get("/api/v1/roles?page=1", mock.keys().employer.key);
    const json::value data = usage_page(mock, "apikey_employer", "?limit=2");
    CHECK(keys_of(data) == std::vector<std::string>{"key", "rows", "pagination"});
    const json::value& key = data.at("key");
    CHECK(keys_of(key) == std::vector<std::string>{"id", "name", "createdAt", "lastRequest", "requestCount", "owner"});
    CHECK(key.at("id") == "apikey_employer");
    CHECK(key.at("createdAt") == "2026-05-01T09:00:00Z");
    CHECK(key.at("requestCount") == 3001);
    CHECK(key.at("owner") == json::parse(R"({"id":"user_employer","email":"emma.ortiz@acme.com","name":"Emma Ortiz"})"));
    // lastRequest is the newest row's time, in whole seconds like every documented timestamp.
    CHECK(text(key, "lastRequest") == text(data.at("rows").at(0), "timestamp").substr(0, 19) + "Z");
    const json::value& newest = data.at("rows").at(0);
    CHECK(keys_of(newest) == std::vector<std::string>{"id", "timestamp", "method", "path", "ip", "userAgent", "authEndpoint"});
    CHECK(newest.at("method") == "GET");
    CHECK(newest.at("path") == "/api/v1/roles");
    CHECK(newest.at("ip") == "127.0.0.1");
    CHECK(newest.at("userAgent") == "talentray-mock-test");
    CHECK(data.at("rows").at(1).at("timestamp") == "2026-06-04T15:30:45.000Z");
    CHECK(data.at("pagination").at("limit") == 2);
    CHECK(data.at("pagination").at("hasMore") == true);
    CHECK(data.at("pagination").at("nextBefore") == data.at("rows").at(1).at("timestamp"));
}

TEST_CASE("usage: following nextBefore visits every row exactly once, even rows made in one millisecond") {
    plain_server mock;
    for (int i = 0; i < 30; ++i) mock.client.get("/api/v1/me", mock.keys().employer.key);

    std::set<std::string> ids;
    std::string previous_timestamp = "9999";
    std::string query = "?limit=500";
    std::size_t rows = 0;
    for (;;) {
        const json::value data = usage_page(mock, "apikey_employer", query);
        for (const json::value& row : data.at("rows").as_array()) {
            const std::string timestamp = text(row, "timestamp");
            CHECK(timestamp < previous_timestamp);
            previous_timestamp = timestamp;
            ids.insert(text(row, "id"));
            ++rows;
        }
        const json::value& pagination = data.at("pagination");
        if (pagination.at("hasMore") == false) {
            CHECK(pagination.at("nextBefore").is_null());
            break;
        }
        query = "?limit=500&before=" + text(pagination, "nextBefore");
    }
    CHECK(rows == 3030);
    CHECK(ids.size() == 3030);
}

TEST_CASE("usage: before accepts offsets and fractions; bad parameters are 400, unknown keys 404") {
    plain_server mock;
    const json::value data = usage_page(mock, "apikey_employer", "?limit=1&before=2026-06-04T17:30:45.001%2B02:00");
    CHECK(data.at("rows").at(0).at("timestamp") == "2026-06-04T15:30:45.000Z");
    const json::value none = usage_page(mock, "apikey_admin", "?before=2020-01-01T00:00:00Z");
    CHECK(none.at("rows").as_array().empty());
    CHECK(none.at("pagination").at("hasMore") == false);
    CHECK(none.at("key").at("lastRequest").is_string());

    for (const std::string query : {"?limit=0", "?limit=501", "?limit=ten", "?limit=", "?before=yesterday",
                                    "?before=2026-02-30T00:00:00Z"}) {
        const reply res = mock.client.get("/api/admin/api-keys/apikey_employer/usage" + query, mock.keys().admin.key);
        INFO(query);
        CHECK(res.status == 400);
        CHECK(res.json().at("error").is_string());
    }
    const reply unknown = mock.client.get("/api/admin/api-keys/apikey_nope/usage", mock.keys().admin.key);
    CHECK(unknown.status == 404);
    CHECK(unknown.json() == json::parse(R"({"error":"API key not found"})"));
}

TEST_CASE("usage: at 1 s resolution with several rows per second, rows of one second share a timestamp") {
    mock::server_options options = plain_options();
    options.seeded_usage_rows = 400;
    options.usage_rows_per_second = 6;
    options.usage_timestamp_resolution = std::chrono::seconds{1};
    plain_server mock{options};
    for (int i = 0; i < 8; ++i) mock.client.get("/api/v1/me", mock.keys().employer.key);  // live rows, one second

    std::map<std::string, std::size_t> per_timestamp;
    std::set<std::string> ids;
    std::string previous = "9999";
    std::string query = "?limit=500";
    for (;;) {
        const json::value data = usage_page(mock, "apikey_employer", query);
        for (const json::value& row : data.at("rows").as_array()) {
            const std::string timestamp = text(row, "timestamp");
            CHECK(timestamp.size() == 20);  // "2026-06-04T15:30:45Z": whole seconds, no fraction
            CHECK(timestamp <= previous);   // newest first, ties side by side
            previous = timestamp;
            ++per_timestamp[timestamp];
            ids.insert(text(row, "id"));
        }
        const json::value& pagination = data.at("pagination");
        if (pagination.at("hasMore") == false) break;
        CHECK(text(pagination, "nextBefore").size() == 20);
        query = "?limit=500&before=" + text(pagination, "nextBefore");
    }
    CHECK(ids.size() == 408);
    std::size_t tied = 0, widest = 0;
    for (const auto& [timestamp, count] : per_timestamp) {
        if (count > 1) tied += count;
        widest = std::max(widest, count);
    }
    CHECK(tied > 200);        // bursts of 1..6 rows: most rows share their second
    CHECK(widest >= 6);
}

TEST_CASE("usage: before at 1 s resolution returns the rows of earlier seconds only, the whole tie below it") {
    mock::server_options options = plain_options();
    options.seeded_usage_rows = 50;
    options.usage_rows_per_second = 5;
    options.usage_timestamp_resolution = std::chrono::seconds{1};
    plain_server mock{options};
    const json::value first = usage_page(mock, "apikey_employer", "?limit=3");
    const json::array& rows = first.at("rows").as_array();
    const std::string oldest = text(rows.back(), "timestamp");
    CHECK(text(first.at("pagination"), "nextBefore") == oldest);
    // Asking from the oldest row's second on (one second later) brings that whole second back.
    const std::string next_second =
        talentray::timestamp{talentray::timestamp::parse(oldest).value().to_sys_time() + std::chrono::seconds{1}}
            .to_string();
    const json::value again = usage_page(mock, "apikey_employer", "?limit=500&before=" + next_second);
    std::size_t at_oldest = 0;
    for (const json::value& row : again.at("rows").as_array()) at_oldest += text(row, "timestamp") == oldest ? 1 : 0;
    std::size_t on_first = 0;
    for (const json::value& row : rows) on_first += text(row, "timestamp") == oldest ? 1 : 0;
    CHECK(at_oldest >= on_first);
    const json::value older = usage_page(mock, "apikey_employer", "?limit=500&before=" + oldest);
    for (const json::value& row : older.at("rows").as_array()) CHECK(text(row, "timestamp") < oldest);
}
