// talentray/model/json.hpp — decoding models from JSON and encoding them back.
#pragma once

#include <talentray/error.hpp>

#include <boost/json/value.hpp>

#include <concepts>

namespace talentray {

/// A type the SDK maps to and from JSON: every model, envelope and request body declares an
/// `encode` overload next to its definition (found by argument-dependent lookup).
template <class T>
concept json_model = requires(const T& model) {
    { encode(model) } -> std::same_as<boost::json::value>;
};

/// Decodes a model from JSON as the API sends it.
///
/// Tolerant where the API may grow (unknown fields are ignored, open vocabularies such as
/// statuses keep any string) and strict where a value would otherwise be wrong: a missing
/// required field, a wrong JSON type, an integer outside the range of its member or a
/// malformed date-time fails with `errc::invalid_response` and a message naming the JSON path,
/// e.g. `data[3].roles[0].overallFitScore: expected integer, got string`. Nullable fields
/// accept both `null` and absence.
///
/// Available for every model, request body and envelope declared in `talentray/model/`;
/// the envelope templates are instantiated for the element types the API uses (see
/// `pagination.hpp` and `legacy_envelope.hpp`). Throws only `std::bad_alloc`.
template <json_model T>
result<T> decode(const boost::json::value& json);

/// Like `decode`, but throws `talentray::error` (code `errc::invalid_response`) on failure.
template <json_model T>
T decode_or_throw(const boost::json::value& json) {
    return decode<T>(json).value();
}

}  // namespace talentray
