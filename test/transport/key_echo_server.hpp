// A hostile server that echoes the API key back in every response it gives: raw, in its
// `Bearer ` form, cut into fragments, in messages, codes, details, scopes and headers. Used by
// the SDK's and the CLI's secrecy tests, which assert that none of it comes out.
#pragma once

#include "test_server.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace talentray::testing {

/// A well-formed key whose characters do not repeat in runs, so only its own fragments match.
inline const std::string echoed_key = "tr_7Qm2Xv9LpK4rT8sW1nB6yH3cJ5dF0gZaE2uR7iO9wP4qS6tY8vM1xN3bC5kL7jGh";

/// The texts that must never appear: the key, its Authorization form and a 16-character piece.
inline std::vector<std::string> key_forms(const std::string& key) {
    return {key, "Bearer " + key, key.substr(25, 16)};
}

/// An error response with `status` that echoes `key` everywhere a server can put text.
inline reply key_echo_reply(int status, const std::string& key) {
    const std::string piece = key.substr(25, 20);
    reply echo;
    echo.status = status;
    echo.headers = {{"Content-Type", "application/json"},
                      {"WWW-Authenticate", "Bearer error_description=\"" + key + "\""},
                      {"X-Echo-Authorization", "Bearer " + key}};
    if (status == 429) echo.headers.emplace_back("Retry-After", "0");
    boost::json::object body;
    body["error"] = status == 403 ? "insufficient_scope" : key;  // the code decides the 403's errc
    body["message"] = "unknown key Bearer " + key + " (fragment " + piece + ")";
    body["details"] = boost::json::array{"Authorization: Bearer " + key};
    body["requiredScopes"] = boost::json::array{"candidates:read", key};
    body["grantedScopes"] = boost::json::array{piece};
    echo.body = boost::json::serialize(body);
    return echo;
}

/// A 5xx whose body is not JSON and whose Content-Type (which the SDK describes) holds the key.
inline reply key_echo_html_reply(int status, const std::string& key) {
    reply echo;
    echo.status = status;
    echo.headers = {{"Content-Type", "text/html; charset=" + key}, {"X-Echo", key}};
    echo.body = "<html>Bearer " + key + "</html>";
    return echo;
}

/// Page 0 of two candidates (`/api/v1/candidates`) at `page_size`, whose second row holds the
/// key where a timestamp belongs: decoding the row fails, quoting the value.
inline reply key_echo_page(const std::string& key, const std::string& page_size) {
    reply echo;
    echo.body = R"({"data":[{"id":"cand_1","fullName":"Jane Doe","email":"jane@example.com","phone":null,)"
                  R"("status":"Active","createdAt":"2026-06-01T10:00:00Z","updatedAt":"2026-06-02T08:00:00Z","roles":[]},)"
                  R"({"id":"cand_2","fullName":"Sam Lee","email":"sam@example.com","phone":null,"status":"Active",)"
                  R"("createdAt":")" + key + R"(","updatedAt":"2026-06-02T08:00:00Z","roles":[]}],)"
                  R"("pagination":{"page":0,"pageSize":)" + page_size + R"(,"totalCount":2,"totalPages":1}})";
    return echo;
}

/// The handler of the hostile server. Each path fails in its own way:
/// - `/api/v1/me`: 503, then 429, then 500 (not JSON), each retried, then a final 401;
/// - `/api/v1/roles`: 403 insufficient_scope with the key among the scopes;
/// - `/api/v1/candidates`: the page of `key_echo_page`;
/// - anything else: 502 (not JSON) every time.
/// The sequence of `/api/v1/me` starts again after its 401.
inline test_server::handler key_echo_handler(const std::string& key) {
    auto me_calls = std::make_shared<std::atomic<int>>(0);
    return [key, me_calls](const seen_request& request) -> reply {
        const std::string path = request.target.substr(0, request.target.find('?'));
        if (path == "/api/v1/me") {
            switch ((*me_calls)++ % 4) {
            case 0: return key_echo_reply(503, key);
            case 1: return key_echo_reply(429, key);
            case 2: return key_echo_html_reply(500, key);
            default: return key_echo_reply(401, key);
            }
        }
        if (path == "/api/v1/roles") return key_echo_reply(403, key);
        if (path == "/api/v1/candidates") {
            const auto at = request.target.find("pageSize=");
            const std::string size = at == std::string::npos ? "20" : request.target.substr(at + 9, request.target.find('&', at) - at - 9);
            return key_echo_page(key, size);
        }
        return key_echo_html_reply(502, key);
    };
}

}  // namespace talentray::testing
