// talentray/model/me.hpp — the authenticated principal (`GET /api/v1/me`).
#pragma once

#include <talentray/model/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace talentray {

/// The user the credential acts as (`MeUser`).
struct me_user {
    std::string id;
    std::string email;
    std::string role;  ///< open vocabulary, e.g. "user"

    friend bool operator==(const me_user&, const me_user&) = default;
};

/// How the caller authenticated (`MeAuth`).
struct me_auth {
    std::string type;  ///< "api_key" or "session" (newer values are kept)
    /// The key's id; absent for a session.
    std::optional<std::string> key_id;
    /// The scopes granted to the key (possibly none); absent for a session. Compare with
    /// `required_scope(operation)` to check a call before making it.
    std::optional<std::vector<std::string>> scopes;

    friend bool operator==(const me_auth&, const me_auth&) = default;
};

/// The authenticated principal (`Me`).
struct me {
    me_user user;
    me_auth auth;

    friend bool operator==(const me&, const me&) = default;
};

/// JSON of each type; `keyId` and `scopes` are omitted when absent.
boost::json::value encode(const me_user& user);
boost::json::value encode(const me_auth& auth);
boost::json::value encode(const me& me);

}  // namespace talentray
