// talentray/model/api_key.hpp — API-key administration (/api/admin/api-keys): keys, the create
// body and response, and the usage log.
#pragma once

#include <talentray/model/json.hpp>
#include <talentray/model/legacy_envelope.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/timestamp.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace talentray {

/// The user a key acts as, as shown in the key list (`ApiKeyOwner`).
struct api_key_owner {
    std::string id;
    std::string email;
    std::optional<std::string> name;
    std::optional<std::string> platform_role;  ///< open vocabulary, e.g. "admin"
    std::optional<std::string> org_role;
    std::optional<std::string> organization_id;

    friend bool operator==(const api_key_owner&, const api_key_owner&) = default;
};

/// An API key as listed (`ApiKey`). The secret itself is never returned after creation.
struct api_key {
    std::string id;
    std::optional<std::string> name;
    std::string prefix;  ///< always "tr_"
    std::string start;   ///< the first characters of the key, e.g. "tr_aaaa"
    bool enabled = false;
    timestamp created_at;
    timestamp updated_at;
    std::optional<timestamp> last_request;
    std::optional<timestamp> expires_at;
    std::int64_t request_count = 0;
    api_key_owner owner;

    friend bool operator==(const api_key&, const api_key&) = default;
};

/// Body of `POST /api/admin/api-keys` (`CreateApiKeyRequest`).
struct create_api_key_request {
    std::string name;     ///< required label, at most 255 characters
    std::string user_id;  ///< required; the key acts as this user
    std::optional<int> expires_in_days;  ///< 1..365; the server defaults to 90
    /// EXPERIMENTAL: the documented body has no `scopes` field and how keys get their scopes is
    /// undocumented; this field is sent only when set and may be ignored by the server.
    std::optional<std::vector<std::string>> scopes;

    /// Client-side checks, done before any byte is sent: `name` is given and at most 255
    /// characters (counted as UTF-16 code units, as a JavaScript server counts them), `user_id`
    /// is given, `expires_in_days` is 1..365 and no scope is empty or contains whitespace.
    /// Returns `errc::invalid_argument` naming the field otherwise, e.g.
    /// `create_api_key_request.expires_in_days must be 1..365`.
    result<void> validate() const;

    friend bool operator==(const create_api_key_request&, const create_api_key_request&) = default;
};

/// The response to a key creation (`CreatedApiKey`): the only time the plaintext key is shown.
struct created_api_key {
    std::string id;
    std::string name;
    std::string key;  ///< the secret, `tr_` + 64 characters; store it now, it cannot be recovered
    std::string prefix;
    std::string start;
    timestamp expires_at;
    std::string user_id;

    friend bool operator==(const created_api_key&, const created_api_key&) = default;
};

/// The key's owner as shown in the usage log (`ApiKeyUsageOwner`).
struct api_key_usage_owner {
    std::string id;
    std::string email;
    std::optional<std::string> name;

    friend bool operator==(const api_key_usage_owner&, const api_key_usage_owner&) = default;
};

/// The key a usage log belongs to (`ApiKeyUsageKey`).
struct api_key_usage_key {
    std::string id;
    std::optional<std::string> name;
    timestamp created_at;
    std::optional<timestamp> last_request;
    std::int64_t request_count = 0;
    api_key_usage_owner owner;

    friend bool operator==(const api_key_usage_key&, const api_key_usage_key&) = default;
};

/// One request made with the key (`ApiKeyUsageRow`).
struct api_key_usage_row {
    std::string id;
    talentray::timestamp timestamp;  // qualified: the member shares the type's name
    std::string method;  ///< HTTP method, e.g. "POST"
    std::string path;
    std::optional<std::string> ip;
    std::optional<std::string> user_agent;
    std::optional<std::string> auth_endpoint;  ///< meaning undocumented, e.g. "/get-session"

    friend bool operator==(const api_key_usage_row&, const api_key_usage_row&) = default;
};

/// One page of a key's usage log (`ApiKeyUsage`, the `data` of the usage call), newest first.
struct api_key_usage {
    api_key_usage_key key;
    std::vector<api_key_usage_row> rows;
    cursor_pagination pagination;

    friend bool operator==(const api_key_usage&, const api_key_usage&) = default;
};

/// JSON of each type. `create_api_key_request` omits `expiresInDays` and `scopes` when unset.
boost::json::value encode(const api_key_owner& owner);
boost::json::value encode(const api_key& key);
boost::json::value encode(const create_api_key_request& request);
boost::json::value encode(const created_api_key& key);
boost::json::value encode(const api_key_usage_owner& owner);
boost::json::value encode(const api_key_usage_key& key);
boost::json::value encode(const api_key_usage_row& row);
boost::json::value encode(const api_key_usage& usage);

}  // namespace talentray
