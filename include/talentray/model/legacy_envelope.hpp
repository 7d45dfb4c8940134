// talentray/model/legacy_envelope.hpp — the `{"success": true, "data": ...}` wrapper of /api/admin.
#pragma once

#include <talentray/model/json.hpp>

namespace talentray {

/// A successful response of the legacy `/api/admin/*` family. Decoding requires `success` to be
/// `true` (anything else is `errc::invalid_response`); encoding writes `"success": true`.
template <class T>
struct legacy_success {
    T data;

    friend bool operator==(const legacy_success&, const legacy_success&) = default;
};

/// JSON of the envelope. Instantiated (with `decode`) for `created_api_key`,
/// `std::vector<api_key>` and `api_key_usage`.
template <class T>
boost::json::value encode(const legacy_success<T>& envelope);

}  // namespace talentray
